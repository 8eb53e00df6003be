package org.sightline.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sightline.client.ServiceTls;
import org.sightline.members.Principal;

/**
 * Quarkus: {@code @QuarkusTestResource(SightlineStackResource.class)} points a service under test
 * at the real broker, the real registry and the test member directory.
 */
public final class SightlineStackResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    SightlineTestStack stack = SightlineTestStack.get();
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", stack.bootstrapServers());
    config.put("quarkus.kafka-streams.bootstrap-servers", stack.bootstrapServers());
    config.put("sightline.kafka.ca", stack.caCertificate().toString());
    // Each service logs in as its own principal (sightline.kafka.principal in its configuration).
    for (Principal service : List.of(Principal.PROCESSOR, Principal.INTAKE, Principal.CONSUMERS)) {
      config.put(passwordProperty(service), stack.access(service).password());
    }
    // The processor's interactive queries are mutual TLS: its own identity, the consumers' and the
    // intake's (each trusts the broker's CA, sightline.tls.ca defaulting to sightline.kafka.ca).
    for (Principal service : List.of(Principal.PROCESSOR, Principal.INTAKE, Principal.CONSUMERS)) {
      ServiceTls tls = stack.serviceTls(service);
      config.put(tlsKeystoreProperty(service), tls.keystore().toString());
      config.put(tlsPasswordProperty(service), tls.password());
    }
    // The processor's local state, fresh for each test JVM: a folder left by an earlier run on
    // another broker holds checkpoints past the new changelogs' ends (TaskCorruptedException).
    try {
      config.put(
          "kafka-streams.state.dir",
          java.nio.file.Files.createTempDirectory("sightline-processor-state-").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    config.put("sightline.registry.url", stack.registryUrl());
    config.put("sightline.members.file", stack.membersFile().toString());
    return config;
  }

  /**
   * Where a service's {@code %test} profile finds its broker password: {@code
   * sightline.kafka.password=${org.sightline.testing.kafka-password.<principal>}}.
   */
  public static String passwordProperty(Principal service) {
    return "org.sightline.testing.kafka-password." + service.name();
  }

  /** Where a service's {@code %test} profile finds its TLS key store. */
  public static String tlsKeystoreProperty(Principal service) {
    return "org.sightline.testing.tls-keystore." + service.name();
  }

  /** ... and its password. */
  public static String tlsPasswordProperty(Principal service) {
    return "org.sightline.testing.tls-password." + service.name();
  }

  @Override
  public void stop() {
    // The stack is shared by every test of this JVM and stops when the JVM exits.
  }
}
