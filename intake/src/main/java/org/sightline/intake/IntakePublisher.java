package org.sightline.intake;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.sightline.client.KafkaAccess;
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
    public NotAcknowledgedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final KafkaProducer<String, IntakeEvent> producer;

  IntakePublisher(IntakeConfig config, KafkaAccess kafka) {
    Map<String, Object> props = new HashMap<>();
    props.putAll(kafka.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.producerLinger().toMillis());
    // Batches of the batch endpoint fill these: fewer, larger requests to the broker.
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    // A record keeps being retried (idempotently: the broker drops a resent copy) for much longer
    // than a request waits: a record in flight when the broker went away is then written once when
    // it is back, and a resend of its id joins that write instead of writing a second record.
    props.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int)
            Math.max(config.deliveryTimeout().toMillis(), config.ackTimeout().toMillis() * 3 / 2));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.ackTimeout().toMillis() / 2);
    // send() waits for the topic's metadata (and for buffer space) at most this long, so that no
    // request hangs while the broker is unreachable: it is answered 503 instead.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.ackTimeout().toMillis());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "sightline-intake");
    TopicSpec<IntakeEvent> any = Topics.intake(AgencyId.of("any"));
    this.producer =
        new KafkaProducer<>(
            props,
            any.keySerde().serializer(),
            any.valueSerde(RegistrySerdes.forRegistry(config.registryUrl())).serializer());
  }

  /**
   * Sends without waiting; the future completes when the broker acknowledged (acks=all) or failed
   * with {@link NotAcknowledgedException}. The record is keyed by {@code locality}, the sighting's
   * locality (so the processor correlates it in the task that reads it); it carries the id and the
   * fingerprint in headers, from which the receipt index is rebuilt.
   */
  public CompletableFuture<Receipt> send(
      AgencyId agency,
      String key,
      String locality,
      IntakeEvent event,
      boolean retraction,
      long fingerprint) {
    String topic = Topics.intake(agency).name();
    ProducerRecord<String, IntakeEvent> record = new ProducerRecord<>(topic, locality, event);
    record.headers().add(Fingerprints.HEADER, Fingerprints.header(retraction, fingerprint));
    record.headers().add(Fingerprints.ID_HEADER, key.getBytes(StandardCharsets.UTF_8));
    CompletableFuture<Receipt> done = new CompletableFuture<>();
    try {
      producer.send(
          record,
          (meta, error) -> {
            if (error != null) {
              done.completeExceptionally(
                  new NotAcknowledgedException(
                      "the broker did not acknowledge: " + error.getMessage(), error));
            } else {
              done.complete(
                  new Receipt(key, agency.value(), topic, meta.partition(), meta.offset()));
            }
          });
    } catch (RuntimeException e) {
      done.completeExceptionally(
          new NotAcknowledgedException("the record could not be sent: " + e.getMessage(), e));
    }
    return done;
  }

  void close(@Observes ShutdownEvent event) {
    producer.close();
  }
}
