package org.sightline.intake;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sightline.client.KafkaAccess;

/**
 * How this service logs in to the broker: SASL_SSL as its own principal ({@code
 * sightline.kafka.principal}), with the password the operator gives it ({@code
 * SIGHTLINE_KAFKA_PASSWORD}), trusting the federation's CA ({@code SIGHTLINE_KAFKA_CA}).
 */
final class KafkaAccessProducer {

  @Produces
  @Singleton
  KafkaAccess kafkaAccess(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, IntakeConfig config) {
    return KafkaAccess.forService(
        bootstrap, config.kafkaPrincipal(), config.kafkaPassword(), config.kafkaCa());
  }
}
