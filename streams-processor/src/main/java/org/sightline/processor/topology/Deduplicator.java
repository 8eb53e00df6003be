package org.sightline.processor.topology;

import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.topics.StoreNames;

/**
 * Remembers sightings by agency-scoped sighting id. A sighting id seen before (a retry, a replay)
 * has no effect. It runs in the partition the record arrived in, which holds every copy of that id
 * because the decoder accepts only records keyed by their sighting id. The store remembers the keys
 * each sighting reached (its indicator's, its domain's, its related indicators') for the retention
 * period, which is also what lets a retraction — which names only the sighting — reach every state
 * the sighting changed. The window store drops whole segments as they expire, so the state is
 * bounded by retention without scans.
 */
final class Deduplicator implements Processor<String, AttributedEvent, String, Decoded> {

  /**
   * Marks an id whose sighting was retracted: neither it nor a second retraction has any effect.
   */
  static final String RETRACTED = "-";

  private final Duration retention;
  private ProcessorContext<String, Decoded> context;
  private WindowStore<String, String> seen;

  Deduplicator(Duration retention) {
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<String, Decoded> context) {
    this.context = context;
    this.seen = context.getStateStore(StoreNames.SEEN_SIGHTINGS);
  }

  @Override
  public void process(Record<String, AttributedEvent> record) {
    AttributedEvent event = record.value();
    String key = CorrelationTopology.sightingKey(event);
    String previous = latest(key);
    if (event.getPayload() instanceof Sighting) {
      if (previous != null) {
        return;
      }
      seen.put(key, SeenKeys.encode(event), record.timestamp());
      context.forward(record.withValue(new Decoded.Accepted(event)));
    } else if (event.getPayload() instanceof Retraction retraction) {
      if (previous == null) {
        context.forward(
            record.withValue(
                new Decoded.Rejected(
                    Rejections.of(
                        context.recordMetadata().orElse(null),
                        key,
                        "sightingId",
                        "no sighting "
                            + retraction.getSightingId()
                            + " of agency "
                            + event.getAgencyId()
                            + " within the last "
                            + retention.toDays()
                            + " days to retract",
                        null,
                        context.currentSystemTimeMs()))));
        return;
      }
      if (previous.startsWith(RETRACTED)) {
        return;
      }
      seen.put(key, RETRACTED + previous, record.timestamp());
      SeenKeys.restore(previous, event);
      context.forward(record.withValue(new Decoded.Accepted(event)));
    }
  }

  /**
   * The newest value stored for this id, over the whole retention. The single-key fetch bounds the
   * scan to exactly this key (a key-range fetch would also walk every id it is a prefix of).
   */
  private String latest(String key) {
    String value = null;
    long newest = Long.MIN_VALUE;
    try (WindowStoreIterator<String> it = seen.fetch(key, 0L, Long.MAX_VALUE)) {
      while (it.hasNext()) {
        KeyValue<Long, String> entry = it.next();
        if (entry.key >= newest) {
          newest = entry.key;
          value = entry.value;
        }
      }
    }
    return value;
  }
}
