package org.sightline.pdq;

import java.util.Arrays;
import java.util.List;

/**
 * Exact Hamming range search by multi-index hashing (Norouzi, Punjani and Fleet, "Fast Search in
 * Hamming Space with Multi-Index Hashing", CVPR 2012).
 *
 * <p>The 256 bits are cut into {@code m} disjoint substrings. If two hashes differ in at most
 * {@code R} bits, the substring distances add up to at most {@code R}, so for radii {@code r_t}
 * with {@code sum(r_t + 1) > R} at least one substring {@code t} differs in at most {@code r_t}
 * bits (pigeonhole). Each substring has a table from its key to the entries having that key; a
 * search looks up every key within {@code r_t} of the query's key in table {@code t} and checks the
 * full distance of what it finds. For R = 31 and m = 12 that is radius 2 in eight tables and radius
 * 1 in four.
 *
 * <p>Tables are compressed-row arrays (bucket starts, then entry ordinals grouped by key): 4 bytes
 * per entry per table and no per-entry objects. A key is the first {@code b} bits of its substring,
 * with {@code b} growing with the index (two to four buckets per entry, capped so the bucket starts
 * stay small); a shorter key only widens buckets, never loses a match. Entries added since the last
 * catch-up are compared one by one; once there are more than about {@code 4 sqrt(n)} of them, the
 * next search merges them into the tables in one sequential pass, which keeps both the scan and the
 * amortised merge cost per addition small. A match reachable through several tables is reported
 * only by the first of them, so no candidate set is needed.
 *
 * <p>Not thread-safe (searches may reorganise the tables).
 */
public final class MultiIndexPdqIndex implements PdqIndex {

  /** Number of substrings chosen by measurement; see the module README. */
  public static final int DEFAULT_SUBSTRINGS = 12;

  /** Longest key: 2^21 bucket starts per table (8 MiB) at most; see the module README. */
  public static final int DEFAULT_MAX_KEY_BITS = 21;

  private static final int MIN_KEY_BITS = 8;
  private static final int MIN_PENDING = 2048;

  private final HashStore store = new HashStore();
  private final int substrings;
  private final int maxKeyBits;
  private final int[] segmentOffset;

  private int keyBits;
  private int indexed;
  // All tables' bucket starts in one array, table t's 2^b + 1 from t * (2^b + 1): one large array
  // wastes at most one G1 region where one per table would each waste up to one.
  private int[] bucketStarts;
  private int[][] entries;
  // Reused between searches: a query at 10M entries gathers tens of thousands of candidates.
  private Scratch scratch = new Scratch(new int[1024], new int[256], new int[256], new int[256]);

  private record Scratch(int[] candidates, int[] keys, int[] bucketFrom, int[] bucketTo) {}

  /** An index with the measured defaults. */
  public MultiIndexPdqIndex() {
    this(DEFAULT_SUBSTRINGS, DEFAULT_MAX_KEY_BITS);
  }

  /**
   * An index with {@code substrings} tables whose keys have at most {@code maxKeyBits} bits (tuning
   * and benchmarks; the defaults suit PDQ's radius 31).
   */
  public MultiIndexPdqIndex(int substrings, int maxKeyBits) {
    if (substrings < 1 || substrings > PdqHash.BITS / MIN_KEY_BITS) {
      throw new IllegalArgumentException(
          "substrings " + substrings + " outside 1.." + PdqHash.BITS / MIN_KEY_BITS);
    }
    int shortest = Math.min(PdqHash.BITS / substrings, 30);
    if (maxKeyBits < MIN_KEY_BITS || maxKeyBits > shortest) {
      throw new IllegalArgumentException(
          "maxKeyBits "
              + maxKeyBits
              + " outside "
              + MIN_KEY_BITS
              + ".."
              + shortest
              + " for "
              + substrings
              + " substrings");
    }
    this.substrings = substrings;
    this.maxKeyBits = maxKeyBits;
    this.segmentOffset = new int[substrings];
    int offset = 0;
    for (int t = 0; t < substrings; t++) {
      segmentOffset[t] = offset;
      offset += PdqHash.BITS / substrings + (t < PdqHash.BITS % substrings ? 1 : 0);
    }
  }

  @Override
  public void add(PdqHash hash, long id) {
    store.add(hash, id);
  }

  @Override
  public int size() {
    return store.size();
  }

  /**
   * Indexes the entries added since the last catch-up now, instead of in the next search that finds
   * too many of them (for example right after a bulk load).
   */
  public void indexPending() {
    if (store.size() > indexed) {
      catchUp();
    }
  }

  @Override
  public List<PdqMatch> search(PdqHash query, int radius) {
    PdqIndex.checkRadius(radius);
    if (store.size() - indexed > pendingLimit()) {
      catchUp();
    }
    Search search = new Search(query, radius);
    if (indexed > 0) {
      int[] radii = substringRadii(radius);
      boolean probed = radii != null && search.probeTables(radii);
      scratch = new Scratch(search.candidates, search.keys, search.bucketFrom, search.bucketTo);
      if (!probed) {
        store.scan(0, indexed, search.q0, search.q1, search.q2, search.q3, radius, search.out);
      }
    }
    store.scan(
        indexed, store.size(), search.q0, search.q1, search.q2, search.q3, radius, search.out);
    return search.out.toMatches(store);
  }

  @Override
  public long estimatedMemoryBytes() {
    long bytes = store.memoryBytes();
    if (bucketStarts != null) {
      bytes += 16L + 4L * bucketStarts.length;
      for (int[] table : entries) {
        bytes += 16L + 4L * table.length;
      }
    }
    return bytes;
  }

  /** Current key width (bits per table key); 0 before anything is indexed. */
  int keyBits() {
    return keyBits;
  }

  /** Entries merged into the tables; later ones are scanned. */
  int indexedCount() {
    return indexed;
  }

  private int pendingLimit() {
    return Math.max(MIN_PENDING, (int) Math.sqrt(16.0 * indexed));
  }

  /**
   * Two to four buckets per entry, up to the cap: every entry in a probed bucket is a candidate
   * whose hash must be fetched (a cache miss), so sparser buckets pay for their larger bucket-start
   * arrays until those arrays dominate the memory (measured; see the module README).
   */
  private int keyBitsFor(int entries) {
    int log2 = 31 - Integer.numberOfLeadingZeros(Math.max(entries, 1));
    return Math.max(MIN_KEY_BITS, Math.min(maxKeyBits, log2 + 2));
  }

  /**
   * Per table, the key radius that keeps the search exact (pigeonhole: the radii plus one add up to
   * {@code radius + 1}; -1 skips a table), or null when probing would cost more than comparing
   * every indexed entry.
   */
  private int[] substringRadii(int radius) {
    int base = (radius + 1) / substrings - 1;
    int extra = (radius + 1) % substrings;
    int[] radii = new int[substrings];
    double perProbe = 1.0 + (double) indexed / (1 << keyBits);
    double cost = 0;
    for (int t = 0; t < substrings; t++) {
      radii[t] = base + (t < extra ? 1 : 0);
      cost += ballSize(keyBits, radii[t]) * perProbe;
    }
    return cost > indexed / 2.0 ? null : radii;
  }

  private static double ballSize(int bits, int radius) {
    double size = 0;
    double binomial = 1;
    for (int k = 0; k <= Math.min(radius, bits); k++) {
      size += binomial;
      binomial = binomial * (bits - k) / (k + 1);
    }
    return size;
  }

  private void catchUp() {
    int size = store.size();
    int bits = keyBitsFor(size);
    int pending = size - indexed;
    if (bits != keyBits || indexed == 0 || pending > indexed / 8) {
      rebuild(bits);
    } else {
      merge();
    }
    indexed = size;
  }

  /** Counting sort of every entry into fresh tables with {@code bits}-bit keys. */
  private void rebuild(int bits) {
    int size = store.size();
    int buckets = 1 << bits;
    bucketStarts = null;
    entries = null;
    int[] starts = new int[substrings * (buckets + 1)];
    int[][] newEntries = new int[substrings][];
    for (int t = 0; t < substrings; t++) {
      int offset = segmentOffset[t];
      int first = t * (buckets + 1);
      for (int o = 0; o < size; o++) {
        starts[first + 1 + key(store.hashPage(o), HashStore.wordOffset(o), offset, bits)]++;
      }
      for (int k = 0; k < buckets; k++) {
        starts[first + k + 1] += starts[first + k];
      }
      int[] ordinals = new int[size];
      for (int o = 0; o < size; o++) {
        int k = key(store.hashPage(o), HashStore.wordOffset(o), offset, bits);
        ordinals[starts[first + k]++] = o;
      }
      // Each start of bucket k now holds where it ends, which is where bucket k + 1 starts.
      System.arraycopy(starts, first, starts, first + 1, buckets);
      starts[first] = 0;
      newEntries[t] = ordinals;
    }
    bucketStarts = starts;
    entries = newEntries;
    keyBits = bits;
  }

  /**
   * Merges the pending entries into the tables: per table, the pending ones sorted by key, then one
   * pass copying the old buckets with the new entries appended to theirs. Buckets stay in order of
   * addition, since every pending ordinal is larger than the indexed ones.
   */
  private void merge() {
    int size = store.size();
    int pending = size - indexed;
    int buckets = 1 << keyBits;
    long[] sorted = new long[pending];
    for (int t = 0; t < substrings; t++) {
      int offset = segmentOffset[t];
      for (int i = 0; i < pending; i++) {
        int o = indexed + i;
        long k = key(store.hashPage(o), HashStore.wordOffset(o), offset, keyBits);
        sorted[i] = (k << 32) | o;
      }
      Arrays.sort(sorted);
      int[] starts = bucketStarts;
      int first = t * (buckets + 1);
      int[] old = entries[t];
      int[] merged = new int[size];
      int from = 0;
      int to = 0;
      for (long keyAndOrdinal : sorted) {
        int end = starts[first + (int) (keyAndOrdinal >>> 32) + 1];
        System.arraycopy(old, from, merged, to, end - from);
        to += end - from;
        from = end;
        merged[to++] = (int) keyAndOrdinal;
      }
      System.arraycopy(old, from, merged, to, indexed - from);
      // Bucket k moves right by the number of pending entries with a smaller key.
      int smaller = 0;
      for (int k = 0; k <= buckets; k++) {
        while (smaller < pending && (int) (sorted[smaller] >>> 32) < k) {
          smaller++;
        }
        starts[first + k] += smaller;
      }
      entries[t] = merged;
    }
  }

  /**
   * The {@code bits}-bit key starting at flat bit {@code offset} (bit p is bit p%64 of word p/64).
   */
  private static int key(long[] words, int base, int offset, int bits) {
    int word = offset >>> 6;
    int shift = offset & 63;
    long value = words[base + word] >>> shift;
    if (shift + bits > 64) {
      value |= words[base + word + 1] << (64 - shift);
    }
    return (int) value & ((1 << bits) - 1);
  }

  /** The state of one search. */
  private final class Search {
    final long q0;
    final long q1;
    final long q2;
    final long q3;
    final int radius;
    final MatchList out = new MatchList();
    private int[] radii;
    private int[] queryKeys;
    private int[] candidates = scratch.candidates;
    private int[] keys = scratch.keys;
    private int[] bucketFrom = scratch.bucketFrom;
    private int[] bucketTo = scratch.bucketTo;
    private int gathered;

    Search(PdqHash query, int radius) {
      this.q0 = query.word(0);
      this.q1 = query.word(1);
      this.q2 = query.word(2);
      this.q3 = query.word(3);
      this.radius = radius;
    }

    /**
     * Probes in phases, each a tight loop of independent memory reads (keys to probe, their bucket
     * bounds, the buckets' ordinals, the candidates' hashes): at a few thousand probes and
     * candidates per search the time goes into cache misses, and a loop doing nothing else lets the
     * processor overlap them instead of waiting for each in turn.
     *
     * @return false, having found nothing yet, when the buckets hold more candidates than there are
     *     entries (many near-identical hashes): comparing every entry is then cheaper, and the
     *     candidate list stays bounded
     */
    boolean probeTables(int[] radii) {
      this.radii = radii;
      int bits = keyBits;
      long[] query = {q0, q1, q2, q3};
      queryKeys = new int[substrings];
      for (int t = 0; t < substrings; t++) {
        queryKeys[t] = key(query, 0, segmentOffset[t], bits);
      }
      int[] tableEnd = new int[substrings];
      for (int t = 0; t < substrings; t++) {
        int probes = probeKeys(queryKeys[t], Math.min(radii[t], bits), bits);
        int[] starts = bucketStarts;
        int first = t * ((1 << bits) + 1);
        int total = 0;
        for (int i = 0; i < probes; i++) {
          int at = first + keys[i];
          int from = starts[at];
          int to = starts[at + 1];
          bucketFrom[i] = from;
          bucketTo[i] = to;
          total += to - from;
        }
        if ((long) gathered + total > indexed) {
          return false;
        }
        if (gathered + total > candidates.length) {
          candidates = Arrays.copyOf(candidates, Math.max(candidates.length * 2, gathered + total));
        }
        int[] ordinals = entries[t];
        int n = gathered;
        for (int i = 0; i < probes; i++) {
          for (int p = bucketFrom[i], to = bucketTo[i]; p < to; p++) {
            candidates[n++] = ordinals[p];
          }
        }
        gathered = n;
        tableEnd[t] = n;
      }
      int from = 0;
      for (int t = 0; t < substrings; t++) {
        for (int i = from; i < tableEnd[t]; i++) {
          int o = candidates[i];
          int d = store.distance(o, q0, q1, q2, q3);
          if (d <= radius && firstTableToFind(t, o)) {
            out.add(o, d);
          }
        }
        from = tableEnd[t];
      }
      return true;
    }

    /** Fills {@code keys} with every key within {@code r} of {@code center}; returns how many. */
    private int probeKeys(int center, int r, int bits) {
      if (r < 0) {
        return 0;
      }
      int count = (int) ballSize(bits, r);
      if (keys.length < count) {
        keys = new int[count];
        bucketFrom = new int[count];
        bucketTo = new int[count];
      }
      int n = 0;
      keys[n++] = center;
      int limit = 1 << bits;
      // Every mask with exactly d bits set, in increasing order (Gosper's hack).
      for (int d = 1; d <= r; d++) {
        int mask = (1 << d) - 1;
        while (mask < limit) {
          keys[n++] = center ^ mask;
          int lowest = mask & -mask;
          int ripple = mask + lowest;
          mask = (((ripple ^ mask) >>> 2) >>> Integer.numberOfTrailingZeros(lowest)) | ripple;
        }
      }
      return n;
    }

    /** Whether no earlier table's probes also reach entry {@code o} (so it is reported once). */
    private boolean firstTableToFind(int table, int o) {
      long[] page = store.hashPage(o);
      int base = HashStore.wordOffset(o);
      for (int t = 0; t < table; t++) {
        if (radii[t] >= 0
            && Integer.bitCount(key(page, base, segmentOffset[t], keyBits) ^ queryKeys[t])
                <= radii[t]) {
          return false;
        }
      }
      return true;
    }
  }
}
