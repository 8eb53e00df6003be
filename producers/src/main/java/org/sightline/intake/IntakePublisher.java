package org.sightline.intake;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sightline.members.AgencyId;
import org.sightline.schema.IntakeEvent;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Writes intake events to the agency's own topic and returns only once the broker has acknowledged
 * them (acks=all, idempotent producer), so a 2xx answer means the sighting is durably in Kafka.
 */
@ApplicationScoped
public class IntakePublisher {

  /** Where a sighting landed: the receipt the agency gets. */
  public record Receipt(String id, String agency, String topic, int partition, long offset) {}

  /** The broker did not acknowledge in time; the caller may retry with the same id. */
  public static final class NotAcknowledgedException extends RuntimeException {
    NotAcknowledgedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final KafkaProducer<String, IntakeEvent> producer;
  private final IntakeConfig config;

  IntakePublisher(
      IntakeConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
    this.config = config;
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.ackTimeout().toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.ackTimeout().toMillis() / 2);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "sightline-intake");
    TopicSpec<IntakeEvent> any = Topics.intake(AgencyId.of("any"));
    this.producer =
        new KafkaProducer<>(
            props,
            any.keySerde().serializer(),
            any.valueSerde(RegistrySerdes.forRegistry(config.registryUrl())).serializer());
  }

  /** Publishes and waits for the acknowledgement. The key is the sighting id. */
  public Receipt publish(AgencyId agency, String key, IntakeEvent event) {
    String topic = Topics.intake(agency).name();
    try {
      RecordMetadata meta =
          producer
              .send(new ProducerRecord<>(topic, key, event))
              .get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new Receipt(key, agency.value(), topic, meta.partition(), meta.offset());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotAcknowledgedException("interrupted before the broker acknowledged", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new NotAcknowledgedException(
          "the broker did not acknowledge within " + config.ackTimeout() + ": " + e.getMessage(),
          e);
    }
  }

  void close(@Observes ShutdownEvent event) {
    producer.close();
  }
}
