package org.sightline.client;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one broker login of every Sightline service (intake, processor, consumers): its principal,
 * the password the operator gives it and the CA it trusts. Each service names only its principal
 * ({@code sightline.kafka.principal}); the rest, and the defaults, are in this module's {@code
 * META-INF/microprofile-config.properties}, read by every service. The CLI and the benchmarks take
 * the same values as options, with the same defaults ({@link
 * KafkaAccess#DEFAULT_BOOTSTRAP_SERVERS}, {@link KafkaAccess#DEFAULT_CA}).
 */
@ConfigMapping(prefix = "sightline.kafka")
public interface KafkaLogin {

  /** This service's principal on the broker (SASL_SSL, SCRAM-SHA-512). */
  String principal();

  /** Its broker password, from {@code SIGHTLINE_KAFKA_PASSWORD}; never logged. */
  Optional<String> password();

  /** The PEM certificate of the CA that signed the broker's certificate. */
  @WithName("ca")
  Path ca();
}
