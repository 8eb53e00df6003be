package org.sightline.processor.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.sightline.indicator.Localities;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Erasure;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.topics.StoreNames;

/**
 * The ledger of every sighting held, by agency-scoped sighting id ({@value
 * StoreNames#SIGHTING_KEYS}: id → the keys it reached — its indicator's, its domain's, its related
 * indicators'). A sighting id seen before (a retry, a replay, at any age) has no effect. A
 * retraction or an erasure, which names only the sighting, reaches every state the sighting
 * changed, for as long as it is held: the 30-day window this replaces refused older retractions
 * while the states kept the sighting for ever. An erasure deletes the entry; a retraction marks it,
 * so that neither a resend nor a second retraction has any effect.
 *
 * <p>It runs in the task of the sighting's locality, where its indicator's state is too: a resend
 * keeps its indicator, hence its locality and its task. A retraction that names its locality comes
 * to the same task; one that does not, and every erasure, come to every task ({@link
 * Localities#EVERY_PARTITION}), and only the task holding the id acts. The entries are kept as long
 * as the sightings are: about a hundred bytes of disk each.
 */
public final class Deduplicator implements Processor<String, AttributedEvent, String, Decoded> {

  /**
   * Marks an id whose sighting was retracted: neither it nor a second retraction has any effect.
   */
  static final String RETRACTED = "-";

  /** Whether a ledger entry is of a retracted sighting. */
  public static boolean retracted(String entry) {
    return entry.startsWith(RETRACTED);
  }

  private ProcessorContext<String, Decoded> context;
  private KeyValueStore<String, String> held;

  @Override
  public void init(ProcessorContext<String, Decoded> context) {
    this.context = context;
    this.held = context.getStateStore(StoreNames.SIGHTING_KEYS);
  }

  @Override
  public void process(Record<String, AttributedEvent> record) {
    AttributedEvent event = record.value();
    if (event.getPayload() instanceof Erasure erasure && erasure.getSightingId() == null) {
      eraseAgency(record, erasure);
      return;
    }
    String key = CorrelationTopology.sightingKey(event);
    String previous = held.get(key);
    // Sent to every task (it did not say where its sighting is): only the task holding the id
    // acts, the others have nothing to do and nothing to refuse.
    boolean everyTask = Localities.EVERY_PARTITION.equals(record.key());
    if (event.getPayload() instanceof Sighting) {
      if (previous != null) {
        return;
      }
      held.put(key, SeenKeys.encode(event));
      context.forward(record.withValue(new Decoded.Accepted(event)));
    } else if (event.getPayload() instanceof Retraction retraction) {
      if (previous == null) {
        if (!everyTask) {
          reject(record, key, retraction.getSightingId(), event.getAgencyId(), "retract");
        }
        return;
      }
      if (previous.startsWith(RETRACTED)) {
        return;
      }
      held.put(key, RETRACTED + previous);
      SeenKeys.restore(previous, event);
      context.forward(located(record, event));
    } else if (event.getPayload() instanceof Erasure erasure) {
      if (previous == null) {
        if (!everyTask) {
          reject(record, key, erasure.getSightingId(), event.getAgencyId(), "erase");
        }
        return;
      }
      held.delete(key);
      forwardErasure(record, event, previous);
    }
  }

  /** Every sighting of the agency this partition holds: each forgotten, each state told. */
  private void eraseAgency(Record<String, AttributedEvent> record, Erasure erasure) {
    AttributedEvent event = record.value();
    String prefix = event.getAgencyId() + "/";
    List<KeyValue<String, String>> entries = new ArrayList<>();
    try (KeyValueIterator<String, String> it = held.prefixScan(prefix, new StringSerializer())) {
      it.forEachRemaining(entries::add);
    }
    for (KeyValue<String, String> entry : entries) {
      held.delete(entry.key);
      Erasure one = Erasure.newBuilder(erasure).build();
      one.setSightingId(entry.key.substring(prefix.length()));
      AttributedEvent each = AttributedEvent.newBuilder(event).setPayload(one).build();
      forwardErasure(record.withKey(one.getSightingId()), each, entry.value);
    }
  }

  /** A retracted sighting's keys follow its mark: the states still drop whatever they kept. */
  private void forwardErasure(
      Record<String, AttributedEvent> record, AttributedEvent event, String entry) {
    SeenKeys.restore(entry.startsWith(RETRACTED) ? entry.substring(1) : entry, event);
    context.forward(located(record, event));
  }

  /**
   * A withdrawal with the keys its sighting reached, and its locality: the ledger holding it is in
   * this task, so the sighting's own states are here too.
   */
  private static Record<String, Decoded> located(
      Record<String, AttributedEvent> record, AttributedEvent event) {
    event.setLocality(Localities.ofKey(event.getIndicatorKey()));
    return record.withValue(new Decoded.Accepted(event));
  }

  private void reject(
      Record<String, AttributedEvent> record,
      String key,
      String sightingId,
      String agency,
      String what) {
    context.forward(
        record.withValue(
            new Decoded.Rejected(
                Rejections.of(
                    context.recordMetadata().orElse(null),
                    key,
                    "sightingId",
                    "agency " + agency + " holds no sighting " + sightingId + " to " + what,
                    null,
                    context.currentSystemTimeMs()))));
  }
}
