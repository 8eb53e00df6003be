package org.sightline.consumers.kafka;

import jakarta.ws.rs.ServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.sightline.client.KafkaAccess;
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

  /**
   * Writes one decision and waits until the broker holds it; a 503 naming {@code what} otherwise,
   * so the caller sends it again (every decision here is idempotent in its effect).
   */
  public static <V extends SpecificRecord> void sendAndWait(
      KafkaProducer<String, V> producer,
      TopicSpec<V> topic,
      String key,
      V value,
      Duration wait,
      String what) {
    try {
      producer
          .send(new ProducerRecord<>(topic.name(), key, value))
          .get(wait.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new ServiceUnavailableException(
          "the broker did not confirm the " + what + "; send it again (it takes effect once)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("interrupted");
    }
  }
}
