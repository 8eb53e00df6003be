package org.sightline.indicator;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;

/**
 * Locality keys: the key every intake record is written with and every processor partition is
 * chosen by, so that a sighting is deduplicated and correlated in the task that reads it. It is the
 * registrable domain ({@code domain:example.com}) for a URL, a host or a domain — a URL and the
 * domain it supports on the "worst of" list then share a task — and the indicator's canonical key
 * otherwise. A record keyed by anything else still correlates: the processor moves it to its
 * locality's partition first (one more hop).
 */
public final class Localities {

  static final String DOMAIN_PREFIX = "domain:";

  /** The key of a record meant for every partition (an erasure, a retraction of unknown place). */
  public static final String EVERY_PARTITION = "*";

  private Localities() {}

  /**
   * The locality of a canonical key, as {@link CanonicalIndicator#localityKey()} gives it for the
   * indicator the key was made from. For a URL or a host key this canonicalises the value again:
   * for look-ups, not for the per-sighting path, which has the {@link CanonicalIndicator}.
   */
  public static String ofKey(String key) {
    try {
      if (key.startsWith("url:")) {
        return Canonicalizer.canonicalize("url", key.substring(4), null).localityKey();
      }
      if (key.startsWith("host:")) {
        return Canonicalizer.canonicalize("host", key.substring(5), null).localityKey();
      }
    } catch (InvalidIndicatorException e) {
      // Not a key the canonicaliser made: it lives under itself (and is found nowhere).
    }
    return key;
  }

  /**
   * The partition of a locality among {@code partitions}: the one Kafka's default partitioner picks
   * for the same String key, so a record an agency keyed by its locality is already there.
   */
  public static int partition(String locality, int partitions) {
    return Utils.toPositive(Utils.murmur2(locality.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /**
   * The partitions a record keyed by a locality goes to: that locality's, or every one for {@link
   * #EVERY_PARTITION}.
   */
  public static Optional<Set<Integer>> partitions(String locality, int partitions) {
    if (EVERY_PARTITION.equals(locality)) {
      return Optional.of(
          IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
    return Optional.of(Set.of(partition(locality, partitions)));
  }
}
