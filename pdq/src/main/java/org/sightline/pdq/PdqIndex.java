package org.sightline.pdq;

import java.util.List;

/**
 * An exact Hamming range-search index over PDQ hashes that grows one hash at a time: the intended
 * use is "query every new hash, then add it".
 *
 * <p>Each entry is a hash and a caller's {@code long} id, anything that leads back to the caller's
 * own key. Ids that fit in an int (sequence numbers, positions in a list) take 4 bytes each; once
 * one does not, every id takes 8 (about 4% more memory at 10 million entries). The same hash may be
 * added many times, with the same or different ids; each addition is its own entry. Implementations
 * are not thread-safe: confine an index to one thread (a Kafka Streams task is), or synchronise
 * around it.
 */
public interface PdqIndex {

  /** Adds an entry. */
  void add(PdqHash hash, long id);

  /**
   * Every entry within {@code radius} of {@code query} (distance {@code <=} radius), nearest first
   * and, at equal distance, in the order they were added. Exact: no entry within the radius is ever
   * missed.
   *
   * @param radius 0..256; {@link PdqHash#MATCH_DISTANCE} (31) is PDQ's match threshold
   */
  List<PdqMatch> search(PdqHash query, int radius);

  /** Entries within PDQ's match threshold, {@link PdqHash#MATCH_DISTANCE}. */
  default List<PdqMatch> search(PdqHash query) {
    return search(query, PdqHash.MATCH_DISTANCE);
  }

  /** Number of entries added. */
  int size();

  /**
   * Estimated heap taken by the index: the arrays it holds plus their headers (the estimate leaves
   * out the few small objects of the index itself).
   */
  long estimatedMemoryBytes();

  /** Rejects radii outside 0..256 with a message naming the value. */
  static void checkRadius(int radius) {
    if (radius < 0 || radius > PdqHash.BITS) {
      throw new IllegalArgumentException("radius " + radius + " outside 0.." + PdqHash.BITS);
    }
  }
}
