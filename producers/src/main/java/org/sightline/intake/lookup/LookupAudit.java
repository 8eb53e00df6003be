package org.sightline.intake.lookup;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.sightline.intake.IntakeConfig;
import org.sightline.lookup.LookupRequests;
import org.sightline.schema.Lookup;
import org.sightline.security.KafkaAccess;
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
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "sightline-intake-lookups");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.ackTimeout().toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.ackTimeout().toMillis() / 2);
    props.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int)
            Math.max(config.deliveryTimeout().toMillis(), config.ackTimeout().toMillis() * 3 / 2));
    this.producer =
        new KafkaProducer<>(
            props,
            TOPIC.keySerde().serializer(),
            TOPIC.valueSerde(RegistrySerdes.forRegistry(config.registryUrl())).serializer());
  }

  /**
   * Sends the request's keys (canonical, each once) and those whose answer had facts hidden from
   * the asker; the future completes once the broker holds every record, or fails. The caller
   * answers only after {@link #await}: nothing is answered that is not on the trail.
   */
  public CompletableFuture<Void> send(
      String requestId,
      String agencyId,
      String country,
      Instant at,
      List<String> keys,
      java.util.Set<String> undisclosed) {
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    try {
      int partitions = producer.partitionsFor(TOPIC.name()).size();
      for (ProducerRecord<String, Lookup> record :
          LookupRequests.records(
              requestId,
              new LookupRequests.Asker(agencyId, country, null),
              at,
              keys,
              undisclosed,
              partitions)) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        producer.send(
            record,
            (meta, error) -> {
              if (error != null) {
                done.completeExceptionally(error);
              } else {
                done.complete(null);
              }
            });
        sent.add(done);
      }
    } catch (RuntimeException e) {
      sent.add(CompletableFuture.failedFuture(e));
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }

  /** Waits for {@link #send}'s records, at most the intake's acknowledgement timeout. */
  public void await(CompletableFuture<Void> sent) throws NotRecordedException {
    try {
      sent.get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
    }
  }

  void close(@Observes ShutdownEvent event) {
    producer.close();
  }
}
