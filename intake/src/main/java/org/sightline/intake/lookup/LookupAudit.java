package org.sightline.intake.lookup;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.sightline.client.KafkaAccess;
import org.sightline.intake.IntakeConfig;
import org.sightline.lookup.LookupRequests;
import org.sightline.schema.Lookup;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Writes who asked about what to {@code audit.lookups} before anything is answered: one record per
 * partition (and per {@value #KEYS_PER_RECORD} keys), in the partition of its keys' locality, so
 * that the processor reads it in the task that holds their states and can tell the holders of facts
 * the asker may not see. Waits for the broker (acks=all): a lookup that is not on the trail is not
 * answered.
 */
@ApplicationScoped
public class LookupAudit {

  private static final TopicSpec<Lookup> TOPIC = Topics.AUDIT_LOOKUPS;

  /** The trail could not be written: nothing may be answered. */
  public static final class NotRecordedException extends Exception {
    NotRecordedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final KafkaProducer<String, Lookup> producer;
  private final IntakeConfig config;

  LookupAudit(IntakeConfig config, KafkaAccess kafka) {
    this.config = config;
    this.producer =
        new KafkaProducer<>(
            kafka.confirmedProducerProperties("sightline-intake-lookups", config.ackTimeout()),
            TOPIC.keySerde().serializer(),
            TOPIC.valueSerde(RegistrySerdes.forRegistry(config.registryUrl())).serializer());
  }

  /**
   * Writes the request's keys (canonical, each once) and those whose answer had facts hidden from
   * the asker, and returns once the broker holds them: only then may the answer go out.
   */
  public void record(
      String requestId,
      String agencyId,
      String country,
      Instant at,
      List<String> keys,
      Set<String> undisclosed)
      throws NotRecordedException {
    try {
      LookupRequests.write(
          producer,
          requestId,
          new LookupRequests.Asker(agencyId, country, null),
          at,
          keys,
          undisclosed,
          config.ackTimeout());
    } catch (ExecutionException e) {
      throw new NotRecordedException(
          "the broker did not take the lookup's audit record: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new NotRecordedException(
          "the broker did not acknowledge the lookup's audit record within "
              + config.ackTimeout().toMillis()
              + " ms",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotRecordedException("interrupted while writing the audit record", e);
    } catch (RuntimeException e) {
      throw new NotRecordedException(
          "the lookup's audit record could not be sent: " + e.getMessage(), e);
    }
  }

  void close(@Observes ShutdownEvent event) {
    producer.close();
  }
}
