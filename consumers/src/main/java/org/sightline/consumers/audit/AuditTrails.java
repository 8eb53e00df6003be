package org.sightline.consumers.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.sightline.client.KafkaAccess;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Reads an audit trail for the secretariat, as it is on the broker: the records of a time window,
 * found by offset-for-time, filtered by a text the record must contain (a user, an agency, a
 * domain), the newest {@code limit} kept. Nothing is held between requests, and one request reads
 * for at most {@link #BUDGET}: a window too wide says it was cut ({@code truncated}).
 */
public final class AuditTrails {

  /** The trails the secretariat reads, by the name used in the path. */
  public static final Map<String, TopicSpec<? extends SpecificRecord>> TRAILS =
      Map.of(
          "console-views", Topics.AUDIT_CONSOLE_VIEWS,
          "lookups", Topics.AUDIT_LOOKUPS,
          "iwol-downloads", Topics.IWOL_DOWNLOADS,
          "hash-downloads", Topics.HASHES_DOWNLOADS);

  static final Duration BUDGET = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(300);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One record as the secretariat reads it: where it is, when, and its fields. */
  public record Entry(Instant at, int partition, long offset, Map<String, Object> record) {}

  /** What a read found. */
  public record Page(
      String trail,
      Instant from,
      Instant until,
      String q,
      int matched,
      boolean truncated,
      List<Entry> entries) {}

  private final KafkaAccess kafka;
  private final String registryUrl;

  public AuditTrails(KafkaAccess kafka, String registryUrl) {
    this.kafka = kafka;
    this.registryUrl = registryUrl;
  }

  /** The records of {@code trail} in {@code [from, until)} containing {@code q}, newest first. */
  public <V extends SpecificRecord> Page read(
      String trail, TopicSpec<V> topic, Instant from, Instant until, String q, int limit) {
    String needle = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
    Deque<Entry> newest = new ArrayDeque<>();
    int matched = 0;
    boolean truncated = false;
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            kafka.readerProperties("sightline-consumers-audit-reader"),
            topic.keySerde().deserializer(),
            topic.valueSerde(RegistrySerdes.forRegistry(registryUrl)).deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), BUDGET).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, BUDGET);
      Map<TopicPartition, Long> startAt = new HashMap<>();
      partitions.forEach(p -> startAt.put(p, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(startAt, BUDGET);
      Map<TopicPartition, Long> stops = new HashMap<>();
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp start = starts.get(p);
        long end = ends.getOrDefault(p, 0L);
        consumer.seek(p, start == null ? end : start.offset());
        stops.put(p, end);
      }
      long deadline = System.currentTimeMillis() + BUDGET.toMillis();
      while (!done(consumer, stops)) {
        if (System.currentTimeMillis() > deadline) {
          truncated = true;
          break;
        }
        for (ConsumerRecord<String, V> r : consumer.poll(POLL)) {
          if (r.offset() >= stops.get(new TopicPartition(r.topic(), r.partition()))
              || r.value() == null
              || r.timestamp() >= until.toEpochMilli()) {
            continue;
          }
          String json = GenericData.get().toString(r.value());
          if (needle != null && !json.toLowerCase(Locale.ROOT).contains(needle)) {
            continue;
          }
          matched++;
          newest.addFirst(
              new Entry(
                  Instant.ofEpochMilli(r.timestamp()), r.partition(), r.offset(), fields(json)));
          if (newest.size() > limit) {
            newest.removeLast();
          }
        }
      }
    }
    List<Entry> entries = new ArrayList<>(newest);
    entries.sort((a, b) -> b.at().compareTo(a.at()));
    return new Page(trail, from, until, q, matched, truncated, entries);
  }

  private static boolean done(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> stops) {
    for (Map.Entry<TopicPartition, Long> stop : stops.entrySet()) {
      if (consumer.position(stop.getKey()) < stop.getValue()) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(String json) {
    try {
      return JSON.readValue(json, Map.class);
    } catch (java.io.IOException e) {
      return Map.of("record", json);
    }
  }
}
