package org.sightline.client;

import io.smallrye.config.WithName;
import java.nio.file.Path;

/**
 * What every Sightline service's configuration ({@code sightline.*}) holds besides its own
 * settings; each service's mapping extends it. The login is apart ({@link KafkaLogin}).
 */
public interface ServiceConfig {

  /** Base URL of the schema registry ({@code SIGHTLINE_REGISTRY}). */
  @WithName("registry.url")
  String registryUrl();

  /**
   * This service's TLS identity, its common name the service's principal: the certificate it shows
   * another service (mutual TLS) and, on the processor, serves its interactive queries with.
   */
  @WithName("tls")
  ServiceTlsConfig tls();

  /**
   * The member directory ({@code SIGHTLINE_MEMBERS}), watched: a change applies without a restart.
   */
  @WithName("members.file")
  Path membersFile();
}
