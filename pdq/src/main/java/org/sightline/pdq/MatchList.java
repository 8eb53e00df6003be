package org.sightline.pdq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Matches found during one search, as packed (distance, ordinal) longs until they are returned. */
final class MatchList {

  private long[] packed = new long[16];
  private int count;

  void add(int ordinal, int distance) {
    if (count == packed.length) {
      packed = Arrays.copyOf(packed, count * 2);
    }
    packed[count++] = ((long) distance << 32) | ordinal;
  }

  /** Nearest first, then in order of addition, with the ids from {@code store}. */
  List<PdqMatch> toMatches(HashStore store) {
    Arrays.sort(packed, 0, count);
    List<PdqMatch> matches = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int ordinal = (int) packed[i];
      matches.add(new PdqMatch(store.id(ordinal), (int) (packed[i] >>> 32)));
    }
    return matches;
  }
}
