package org.sightline.processor.nearduplicate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.sightline.pdq.MultiIndexPdqIndex;
import org.sightline.pdq.PdqHash;
import org.sightline.pdq.PdqMatch;
import org.sightline.processor.correlation.SightingIds;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Erasure;
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
 * made (a state without such a link ignores it); the hash stays in the index, a bare hash with no
 * agency, while the retracted sighting is held.
 *
 * <p>An erasure withdraws the links the same way, and then forgets the sighting here too: {@code
 * pdq-holders} ({@code <hex>/<agency>/<sighting id>}) records which sightings brought each hash,
 * and when the last one is erased the hash leaves {@code pdq-hashes} (and so its changelog) and is
 * never matched again; its bits leave the heap when the index is next rebuilt (at a task's start,
 * or once removed entries pass a twentieth of it).
 */
public final class PdqMatcher
    implements Processor<String, AttributedEvent, String, AttributedEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(PdqMatcher.class);
  private static final String PREFIX = "pdq:";

  private final String storeName;
  private final String holdersName;
  private final int maxHashes;
  private ProcessorContext<String, AttributedEvent> context;
  private KeyValueStore<Long, String> hashes;
  private KeyValueStore<String, String> holders;
  private MultiIndexPdqIndex index;
  // Entries of the index whose hash was erased: never reported; dropped at the next rebuild.
  private final Set<Long> removed = new HashSet<>();
  private long nextSequence;
  private boolean warnedFull;

  /**
   * @param storeName the hashes (sequence → hex)
   * @param holdersName the sightings that brought each hash ({@code <hex>/<agency>/<id>} → "")
   */
  public PdqMatcher(String storeName, String holdersName, int maxHashes) {
    this.storeName = storeName;
    this.holdersName = holdersName;
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
    this.holders = context.getStateStore(holdersName);
    rebuild();
  }

  /** The in-memory index from the store, which holds every hash not erased. */
  private void rebuild() {
    removed.clear();
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
    String hex = key.substring(PREFIX.length());
    PdqHash hash = PdqHash.fromHex(hex);
    List<PdqMatch> matches = index.search(hash);
    boolean known = false;
    for (PdqMatch match : matches) {
      if (removed.contains(match.id())) {
        continue;
      }
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
    if (event.getPayload() instanceof Sighting) {
      if (!known) {
        add(hash, key);
      }
      holders.put(holder(hex, event), "");
    } else if (event.getPayload() instanceof Erasure) {
      forget(hex, hash, event, matches);
    }
  }

  private static String holder(String hex, AttributedEvent event) {
    return hex + "/" + event.getAgencyId() + "/" + SightingIds.of(event);
  }

  /** The erased sighting no longer holds its hash; the last one to go takes the hash with it. */
  private void forget(String hex, PdqHash hash, AttributedEvent event, List<PdqMatch> matches) {
    holders.delete(holder(hex, event));
    try (KeyValueIterator<String, String> others =
        holders.prefixScan(hex + "/", new StringSerializer())) {
      if (others.hasNext()) {
        return;
      }
    }
    for (PdqMatch match : matches) {
      if (match.distance() == 0 && removed.add(match.id())) {
        hashes.delete(match.id());
      }
    }
    if (removed.size() > Math.max(1024, index.size() / 20)) {
      rebuild();
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
