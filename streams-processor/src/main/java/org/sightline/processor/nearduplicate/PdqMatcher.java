package org.sightline.processor.nearduplicate;

import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.sightline.pdq.MultiIndexPdqIndex;
import org.sightline.pdq.PdqHash;
import org.sightline.pdq.PdqIndex;
import org.sightline.pdq.PdqMatch;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.EventRole;
import org.sightline.schema.Sighting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches every PDQ sighting against all PDQ hashes seen before it, then adds it: for each earlier
 * hash within PDQ's match distance it emits a {@link EventRole#NEAR_DUPLICATE} event keyed by that
 * hash, which the correlator records as a link and alerts on ({@code NEAR_DUPLICATE_HASH}).
 *
 * <p>Why one place: a near-duplicate has a different key, so it may land on any partition. All PDQ
 * events are therefore routed through a single-partition topic to the one task that holds the whole
 * index — exact and simple, and PDQ sightings are a small share of the traffic, far below what one
 * task matches per second (see the pdq module's benchmark). The hashes are kept in the changelogged
 * {@code pdq-hashes} store (sequence → hex); the in-memory index is rebuilt from it whenever the
 * task starts, so nothing external is needed after a restart or a move.
 *
 * <p>A retraction is matched the same way, and withdraws the sighting from every link it could have
 * made (a state without such a link ignores it).
 */
public final class PdqMatcher
    implements Processor<String, AttributedEvent, String, AttributedEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(PdqMatcher.class);
  private static final String PREFIX = "pdq:";

  private final String storeName;
  private final int maxHashes;
  private ProcessorContext<String, AttributedEvent> context;
  private KeyValueStore<Long, String> hashes;
  private PdqIndex index;
  private long nextSequence;
  private boolean warnedFull;

  public PdqMatcher(String storeName, int maxHashes) {
    this.storeName = storeName;
    this.maxHashes = maxHashes;
  }

  /** Whether an event takes part in near-duplicate matching at all. */
  public static boolean concerns(AttributedEvent event) {
    if (event.getIndicatorKey() == null || !event.getIndicatorKey().startsWith(PREFIX)) {
      return false;
    }
    if (event.getPayload() instanceof Sighting s) {
      Integer quality = s.getIndicator().getQuality();
      // PDQ's authors: hashes of quality below 50 match too much to be trusted.
      return quality == null || quality >= 50;
    }
    return true;
  }

  @Override
  public void init(ProcessorContext<String, AttributedEvent> context) {
    this.context = context;
    this.hashes = context.getStateStore(storeName);
    MultiIndexPdqIndex rebuilt = new MultiIndexPdqIndex();
    long next = 0;
    try (KeyValueIterator<Long, String> all = hashes.all()) {
      while (all.hasNext()) {
        KeyValue<Long, String> entry = all.next();
        rebuilt.add(PdqHash.fromHex(entry.value), entry.key);
        next = Math.max(next, entry.key + 1);
      }
    }
    rebuilt.indexPending();
    this.index = rebuilt;
    this.nextSequence = next;
    if (rebuilt.size() > 0) {
      LOG.info("near-duplicate index rebuilt: {} PDQ hashes", rebuilt.size());
    }
  }

  @Override
  public void process(Record<String, AttributedEvent> record) {
    AttributedEvent event = record.value();
    String key = event.getIndicatorKey();
    PdqHash hash = PdqHash.fromHex(key.substring(PREFIX.length()));
    List<PdqMatch> matches = index.search(hash);
    boolean known = false;
    for (PdqMatch match : matches) {
      if (match.distance() == 0) {
        known = true;
        continue;
      }
      String other = PREFIX + hashes.get(match.id());
      AttributedEvent link =
          AttributedEvent.newBuilder(event)
              .setRole(EventRole.NEAR_DUPLICATE)
              .setSourceKey(key)
              .setDistance(match.distance())
              .setDerivedKeys(List.of())
              .setRelatedKeys(List.of())
              .build();
      context.forward(new Record<>(other, link, record.timestamp()));
    }
    if (!known && event.getPayload() instanceof Sighting) {
      add(hash, key);
    }
  }

  private void add(PdqHash hash, String key) {
    if (index.size() >= maxHashes) {
      if (!warnedFull) {
        LOG.warn(
            "near-duplicate index full ({} hashes): new PDQ hashes are matched but not added;"
                + " raise sightline.processor.pdq.max-hashes and the heap",
            maxHashes);
        warnedFull = true;
      }
      return;
    }
    long sequence = nextSequence++;
    hashes.put(sequence, key.substring(PREFIX.length()));
    index.add(hash, sequence);
  }
}
