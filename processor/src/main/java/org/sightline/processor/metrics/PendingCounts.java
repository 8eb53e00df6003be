package org.sightline.processor.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts records per series and minute inside one task, and hands the counts on every {@code flush}
 * (wall-clock) as one record per series and minute, timestamped with the minute's start.
 *
 * <p>Why not count each record downstream: a windowed count behind a repartition would write every
 * sighting a second time to the broker. Counting here first sends a handful of records per flush
 * instead, whatever the rate. The pending counts live in a changelogged store, so under
 * exactly-once a crash neither loses nor double-counts them.
 */
public final class PendingCounts<V> implements Processor<String, V, String, Long> {

  static final long MINUTE = Duration.ofMinutes(1).toMillis();

  private final String storeName;
  private final Function<V, String> seriesOf;
  private final Duration flush;
  private ProcessorContext<String, Long> context;
  private KeyValueStore<String, Long> pending;

  /**
   * @param seriesOf the series a record counts in, or null when it counts in none
   */
  public PendingCounts(String storeName, Function<V, String> seriesOf, Duration flush) {
    this.storeName = storeName;
    this.seriesOf = seriesOf;
    this.flush = flush;
  }

  @Override
  public void init(ProcessorContext<String, Long> context) {
    this.context = context;
    this.pending = context.getStateStore(storeName);
    context.schedule(flush, PunctuationType.WALL_CLOCK_TIME, now -> handOn());
  }

  @Override
  public void process(Record<String, V> record) {
    String series = seriesOf.apply(record.value());
    if (series == null) {
      return;
    }
    long minute = record.timestamp() - Math.floorMod(record.timestamp(), MINUTE);
    String key = series + "@" + minute;
    Long count = pending.get(key);
    pending.put(key, count == null ? 1L : count + 1);
  }

  private void handOn() {
    List<KeyValue<String, Long>> counts = new ArrayList<>();
    try (KeyValueIterator<String, Long> all = pending.all()) {
      all.forEachRemaining(counts::add);
    }
    for (KeyValue<String, Long> count : counts) {
      int at = count.key.lastIndexOf('@');
      long minute = Long.parseLong(count.key.substring(at + 1));
      context.forward(new Record<>(count.key.substring(0, at), count.value, minute));
      pending.delete(count.key);
    }
  }
}
