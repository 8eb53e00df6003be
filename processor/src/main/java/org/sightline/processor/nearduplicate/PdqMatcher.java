package org.sightline.processor.nearduplicate;

import java.util.ArrayList;
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
 * Groups PDQ hashes into clusters of one image and links each new member to its cluster: a hash
 * within PDQ's match distance of an earlier one joins that one's cluster (of the nearest, the
 * earliest), and one {@link EventRole#NEAR_DUPLICATE} event goes to the cluster's root, the first
 * hash of the image seen, which the correlator records as a link and alerts on ({@code
 * NEAR_DUPLICATE_HASH}). A hash that matches nothing is a root of its own.
 *
 * <p>Why a root and not every match: linking each new variant to every earlier one raised an alert
 * per pair and recipient, so alerts grew with the square of a cluster's size (40 variants of one
 * image: 731 alerts to one country). At the root, the variants of one image are one state, and its
 * alerts follow the usual rule: a recipient is told again only when another agency or country is
 * behind the image, or the severity rises. Clusters are not merged: a hash near two clusters joins
 * the one of its nearest match.
 *
 * <p>Why one place: a near-duplicate has a different key, so it may land on any partition. All PDQ
 * events are therefore routed through a single-partition topic to the one task that holds the whole
 * index — exact and simple, and PDQ sightings are a small share of the traffic, far below what one
 * task matches per second (see the pdq module's benchmark). The hashes are kept in the changelogged
 * {@code pdq-hashes} store (sequence → {@code hex}, or {@code hex>root} for a member of another's
 * cluster); the in-memory index is rebuilt from it whenever the task starts, so nothing external is
 * needed after a restart or a move.
 *
 * <p>A retraction goes to the root the same way, and withdraws the sighting's link there; the hash
 * stays in the index, a bare hash with no agency, while the retracted sighting is held.
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
        int arrow = entry.value.indexOf('>');
        String own = arrow < 0 ? entry.value : entry.value.substring(0, arrow);
        rebuilt.add(PdqHash.fromHex(own), entry.key);
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
    List<PdqMatch> matches = new ArrayList<>();
    for (PdqMatch match : index.search(hash)) {
      if (!removed.contains(match.id())) {
        matches.add(match);
      }
    }
    PdqMatch exact = null;
    PdqMatch nearest = null;
    for (PdqMatch match : matches) {
      if (match.distance() == 0) {
        exact = exact == null ? match : exact;
      } else if (nearest == null) {
        // Nearest first, and at one distance in the order added: the earliest of the nearest.
        nearest = match;
      }
    }
    String root = exact != null ? rootOf(exact.id()) : nearest != null ? rootOf(nearest.id()) : hex;
    if (!root.equals(hex)) {
      int distance = nearest != null ? nearest.distance() : hash.distance(PdqHash.fromHex(root));
      AttributedEvent link =
          AttributedEvent.newBuilder(event)
              .setRole(EventRole.NEAR_DUPLICATE)
              .setSourceKey(key)
              .setDistance(distance)
              .setDerivedKeys(List.of())
              .setRelatedKeys(List.of())
              .build();
      context.forward(new Record<>(PREFIX + root, link, record.timestamp()));
    }
    if (event.getPayload() instanceof Sighting) {
      if (exact == null) {
        add(hash, hex, root);
      }
      holders.put(holder(hex, event), "");
    } else if (event.getPayload() instanceof Erasure) {
      forget(hex, event, matches);
    }
  }

  /**
   * The cluster a hash in the index belongs to: the hash its first match joined (stored as {@code
   * hex>root}), or itself. A root whose hash was erased no longer leads: the member asked about
   * becomes the root of what still reaches it (the others follow when they are next matched).
   */
  private String rootOf(long id) {
    String value = hashes.get(id);
    int arrow = value.indexOf('>');
    if (arrow < 0) {
      return value;
    }
    String own = value.substring(0, arrow);
    String root = value.substring(arrow + 1);
    if (alive(root)) {
      return root;
    }
    hashes.put(id, own);
    return own;
  }

  private boolean alive(String hex) {
    for (PdqMatch match : index.search(PdqHash.fromHex(hex), 0)) {
      if (!removed.contains(match.id())) {
        return true;
      }
    }
    return false;
  }

  private static String holder(String hex, AttributedEvent event) {
    return hex + "/" + event.getAgencyId() + "/" + SightingIds.of(event);
  }

  /** The erased sighting no longer holds its hash; the last one to go takes the hash with it. */
  private void forget(String hex, AttributedEvent event, List<PdqMatch> matches) {
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

  private void add(PdqHash hash, String hex, String root) {
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
    hashes.put(sequence, root.equals(hex) ? hex : hex + ">" + root);
    index.add(hash, sequence);
  }
}
