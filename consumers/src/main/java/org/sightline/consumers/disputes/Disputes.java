package org.sightline.consumers.disputes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ServiceUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.kafka.CompactedTopicReader;
import org.sightline.consumers.kafka.ConfirmedProducers;
import org.sightline.schema.Dispute;
import org.sightline.schema.DisputeGround;
import org.sightline.schema.DisputeOutcome;
import org.sightline.schema.DisputeSubject;
import org.sightline.topics.Topics;

/**
 * The disputes of list entries, as they stand: {@code disputes} read whole (the latest record of
 * each id), and written to — a new dispute, or its resolution as a later record of the same id.
 */
@ApplicationScoped
public class Disputes {

  static final Duration WAIT = Duration.ofSeconds(30);

  /** One dispute as its raiser and the secretariat see it. */
  public record View(
      String id,
      String subject,
      String key,
      String ground,
      String note,
      String raisedBy,
      Instant raisedAt,
      String outcome,
      String resolution,
      String resolvedBy,
      Instant resolvedAt) {

    static View of(Dispute d) {
      return new View(
          d.getId(),
          d.getSubject().name(),
          d.getKey(),
          d.getGround().name(),
          d.getNote(),
          d.getRaisedBy(),
          d.getRaisedAt(),
          d.getOutcome() == null ? null : d.getOutcome().name(),
          d.getResolution(),
          d.getResolvedBy(),
          d.getResolvedAt());
    }
  }

  private final ConcurrentHashMap<String, Dispute> byId = new ConcurrentHashMap<>();
  private final CompactedTopicReader<Dispute> reader;
  private final KafkaProducer<String, Dispute> producer;

  Disputes(ConsumersConfig config, KafkaAccess kafka) {
    this.reader =
        new CompactedTopicReader<>(
            Topics.DISPUTES, "disputes", kafka, config.registryUrl(), this::accept);
    this.producer =
        ConfirmedProducers.of(
            kafka, config.registryUrl(), Topics.DISPUTES, "sightline-consumers-disputes", WAIT);
  }

  void start(@Observes StartupEvent event) {
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) {
    reader.stop();
    producer.close();
  }

  public boolean isRunning() {
    return reader.isRunning();
  }

  void requireLoaded() {
    if (!reader.isLoaded()) {
      throw new ServiceUnavailableException(
          "the disputes are still being read from the broker; try again in a moment");
    }
  }

  /** Newest first. */
  public List<View> all() {
    return byId.values().stream()
        .sorted(Comparator.comparing(Dispute::getRaisedAt).reversed())
        .map(View::of)
        .toList();
  }

  public List<View> raisedBy(String raiser) {
    return all().stream().filter(d -> raiser.equals(d.raisedBy())).toList();
  }

  public Optional<Dispute> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Writes a new dispute; returns it once the broker holds it. */
  Dispute raise(
      DisputeSubject subject, String key, DisputeGround ground, String note, String raisedBy) {
    Dispute dispute =
        Dispute.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setSubject(subject)
            .setKey(key)
            .setGround(ground)
            .setNote(note)
            .setRaisedBy(raisedBy)
            .setRaisedAt(Instant.now())
            .build();
    ConfirmedProducers.sendAndWait(
        producer, Topics.DISPUTES, dispute.getId(), dispute, WAIT, "dispute");
    return dispute;
  }

  /** Writes the resolution, as a later record of the same dispute. */
  Dispute resolve(Dispute open, DisputeOutcome outcome, String reason, String by) {
    Dispute resolved = Dispute.newBuilder(open).build();
    resolved.setOutcome(outcome);
    resolved.setResolution(reason);
    resolved.setResolvedBy(by);
    resolved.setResolvedAt(Instant.now());
    ConfirmedProducers.sendAndWait(
        producer, Topics.DISPUTES, resolved.getId(), resolved, WAIT, "resolution");
    return resolved;
  }

  private void accept(ConsumerRecord<String, Dispute> record) {
    if (record.value() == null) {
      byId.remove(record.key());
    } else if (record.value().getId().equals(record.key())) {
      byId.put(record.key(), record.value());
    }
  }
}
