package org.sightline.consumers;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.sightline.security.KafkaAccess;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;

/**
 * The producers this service writes with: to one topic of the registry, with its serdes, acks=all
 * and idempotent, failing within {@code wait} — every write here is waited on by a request that
 * answers only once the broker holds it.
 */
public final class ConfirmedProducers {

  private ConfirmedProducers() {}

  public static <V extends SpecificRecord> KafkaProducer<String, V> of(
      KafkaAccess kafka, String registryUrl, TopicSpec<V> topic, String clientId, Duration wait) {
    return new KafkaProducer<>(
        kafka.confirmedProducerProperties(clientId, wait),
        topic.keySerde().serializer(),
        topic.valueSerde(RegistrySerdes.forRegistry(registryUrl)).serializer());
  }
}
