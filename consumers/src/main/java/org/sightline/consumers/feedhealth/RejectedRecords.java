package org.sightline.consumers.feedhealth;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.kafka.CompactedTopicReader;
import org.sightline.schema.Rejection;
import org.sightline.topics.Topics;

/**
 * Every refused record, as counts an agency can fix its feed by: {@code intake.rejected} read from
 * its beginning (its retention) into per-agency, per-hour counts by field at fault, and the newest
 * few rejections of each agency as samples. The agency is the owner of the topic the record came in
 * on ({@code intake.<agency>}), never anything the record says; the secretariat's own decision
 * topics count under {@code secretariat}. Only counts and samples are kept, not the records.
 */
@ApplicationScoped
public class RejectedRecords {

  /** How many rejections of each agency are kept as samples. */
  static final int SAMPLES = 20;

  /** How long counts are kept: the topic's own retention. */
  static final Duration KEPT = Duration.ofDays(30);

  /** One rejection, as the agency sees it: where it was, which field, why. Not the payload. */
  public record Sample(
      Instant at,
      String field,
      String reason,
      String topic,
      int partition,
      long offset,
      String key) {}

  /** An agency's feed over a window of hours. */
  public record Health(
      String agency,
      int hours,
      long rejected,
      Map<String, Long> byField,
      List<HourCount> perHour,
      Instant lastRejectedAt,
      List<Sample> samples) {}

  /** The rejections of one hour (its start, UTC). */
  public record HourCount(Instant hour, long count) {}

  /** One line of the secretariat's overview. */
  public record Summary(String agency, long rejected, Instant lastRejectedAt) {}

  private static final class Feed {
    final TreeMap<Long, Map<String, Long>> hours = new TreeMap<>();
    final ArrayDeque<Sample> samples = new ArrayDeque<>();
    Instant last;
  }

  private final Map<String, Feed> feeds = new HashMap<>();
  private final CompactedTopicReader<Rejection> reader;

  @Inject
  RejectedRecords(ConsumersConfig config, KafkaAccess kafka) {
    this.reader =
        new CompactedTopicReader<>(
            Topics.INTAKE_REJECTED, "rejected records", kafka, config.registryUrl(), this::accept);
  }

  private RejectedRecords() {
    this.reader = null;
  }

  /** Counts fed by {@link #accept} only, without a broker: for tests. */
  static RejectedRecords detached() {
    return new RejectedRecords();
  }

  void start(@Observes StartupEvent event) {
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) {
    reader.stop();
  }

  public boolean isLoaded() {
    return reader == null || reader.isLoaded();
  }

  public boolean isRunning() {
    return reader == null || reader.isRunning();
  }

  /** The agency whose feed a rejected record came from: the owner of its source topic. */
  static String agencyOf(String sourceTopic) {
    if (sourceTopic != null
        && sourceTopic.startsWith(Topics.INTAKE_PREFIX)
        && !sourceTopic.equals(Topics.INTAKE_REJECTED.name())) {
      return sourceTopic.substring(Topics.INTAKE_PREFIX.length());
    }
    return Topics.SECRETARIAT;
  }

  void accept(ConsumerRecord<String, Rejection> record) {
    Rejection r = record.value();
    if (r == null) {
      return;
    }
    String agency = agencyOf(r.getSourceTopic());
    String field = r.getField() == null ? "(record)" : r.getField();
    Instant at = r.getRejectedAt();
    long hour = at.truncatedTo(ChronoUnit.HOURS).toEpochMilli();
    synchronized (this) {
      Feed feed = feeds.computeIfAbsent(agency, a -> new Feed());
      feed.hours.computeIfAbsent(hour, h -> new HashMap<>()).merge(field, 1L, Long::sum);
      feed.samples.addFirst(
          new Sample(
              at,
              field,
              r.getReason(),
              r.getSourceTopic(),
              r.getSourcePartition(),
              r.getSourceOffset(),
              r.getSourceKey()));
      while (feed.samples.size() > SAMPLES) {
        feed.samples.removeLast();
      }
      if (feed.last == null || at.isAfter(feed.last)) {
        feed.last = at;
      }
      // Counts older than the topic's retention go: the topic no longer holds those records.
      long cutoff = at.minus(KEPT).toEpochMilli();
      feed.hours.headMap(cutoff).clear();
    }
  }

  /** The agency's feed over the last {@code hours} hours before {@code now}. */
  public synchronized Health health(String agency, int hours, Instant now) {
    Feed feed = feeds.get(agency);
    long end = now.truncatedTo(ChronoUnit.HOURS).toEpochMilli();
    long start = end - (hours - 1L) * 3_600_000L;
    Map<String, Long> byField = new TreeMap<>();
    List<HourCount> perHour = new ArrayList<>();
    long total = 0;
    for (long h = start; h <= end; h += 3_600_000L) {
      Map<String, Long> counts = feed == null ? null : feed.hours.get(h);
      long n = 0;
      if (counts != null) {
        for (Map.Entry<String, Long> e : counts.entrySet()) {
          byField.merge(e.getKey(), e.getValue(), Long::sum);
          n += e.getValue();
        }
      }
      perHour.add(new HourCount(Instant.ofEpochMilli(h), n));
      total += n;
    }
    return new Health(
        agency,
        hours,
        total,
        byField,
        perHour,
        feed == null ? null : feed.last,
        feed == null ? List.of() : List.copyOf(feed.samples));
  }

  /** Every agency with a rejection in the window, most rejections first. */
  public synchronized List<Summary> overview(int hours, Instant now) {
    long start = now.truncatedTo(ChronoUnit.HOURS).toEpochMilli() - (hours - 1L) * 3_600_000L;
    List<Summary> out = new ArrayList<>();
    feeds.forEach(
        (agency, feed) -> {
          long n = 0;
          for (Map<String, Long> counts : feed.hours.tailMap(start).values()) {
            for (long c : counts.values()) {
              n += c;
            }
          }
          if (n > 0) {
            out.add(new Summary(agency, n, feed.last));
          }
        });
    out.sort((a, b) -> Long.compare(b.rejected(), a.rejected()));
    return out;
  }
}
