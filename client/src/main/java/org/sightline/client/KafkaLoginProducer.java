package org.sightline.client;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@link KafkaAccess} every service's readers and writers use, from its {@link KafkaLogin}: a
 * service without a password does not start, and the error names what to set.
 */
@Singleton
public class KafkaLoginProducer {

  @Produces
  @Singleton
  KafkaAccess kafkaAccess(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, KafkaLogin login) {
    return KafkaAccess.forService(
        bootstrapServers, login.principal(), login.password(), login.ca());
  }
}
