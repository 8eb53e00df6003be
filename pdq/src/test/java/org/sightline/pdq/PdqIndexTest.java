package org.sightline.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The multi-index against brute force: same entries, same distances, same order. */
class PdqIndexTest {

  private static final int RANDOM_ENTRIES = 50_000;
  private static final int MAX_PLANTED_DISTANCE = 40;

  static PdqHash randomHash(SplittableRandom random) {
    return PdqHash.fromWords(
        random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
  }

  /** {@code hash} with exactly {@code distance} distinct bits flipped. */
  static PdqHash flip(PdqHash hash, int distance, SplittableRandom random) {
    long[] words = {hash.word(0), hash.word(1), hash.word(2), hash.word(3)};
    int[] bits = new int[256];
    for (int i = 0; i < 256; i++) {
      bits[i] = i;
    }
    for (int i = 0; i < distance; i++) {
      int j = i + random.nextInt(256 - i);
      int bit = bits[j];
      bits[j] = bits[i];
      bits[i] = bit;
      words[bit >>> 6] ^= 1L << (bit & 63);
    }
    return PdqHash.fromWords(words[0], words[1], words[2], words[3]);
  }

  /** Random entries, then for each query a neighbour planted at every distance 0..40. */
  private static List<PdqHash> plantedQueries(
      PdqIndex index, PdqIndex baseline, int queries, SplittableRandom random) {
    long id = 0;
    for (int i = 0; i < RANDOM_ENTRIES; i++) {
      PdqHash hash = randomHash(random);
      index.add(hash, id);
      baseline.add(hash, id);
      id++;
    }
    List<PdqHash> result = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      PdqHash query = randomHash(random);
      for (int d = 0; d <= MAX_PLANTED_DISTANCE; d++) {
        PdqHash neighbour = flip(query, d, random);
        index.add(neighbour, plantedId(q, d));
        baseline.add(neighbour, plantedId(q, d));
      }
      result.add(query);
    }
    return result;
  }

  private static long plantedId(int query, int distance) {
    return 1_000_000L * (query + 1) + distance;
  }

  @ParameterizedTest(name = "{0} substrings, keys up to {1} bits")
  @CsvSource({"12, 20", "16, 16", "8, 20", "11, 21", "32, 8", "1, 20"})
  void findsExactlyWhatBruteForceFinds(int substrings, int maxKeyBits) {
    SplittableRandom random = new SplittableRandom(20_240_601L + substrings);
    MultiIndexPdqIndex index = new MultiIndexPdqIndex(substrings, maxKeyBits);
    BruteForcePdqIndex baseline = new BruteForcePdqIndex();
    List<PdqHash> queries = plantedQueries(index, baseline, 100, random);
    assertThat(index.size()).isEqualTo(baseline.size()).isEqualTo(RANDOM_ENTRIES + 100 * 41);

    for (int q = 0; q < queries.size(); q++) {
      PdqHash query = queries.get(q);
      List<PdqMatch> found = index.search(query);
      assertThat(found).isEqualTo(baseline.search(query, PdqHash.MATCH_DISTANCE));
      // The planted neighbours at 0..31 and none of those at 32..40 (random entries are ~128
      // away, so in practice nothing else).
      List<Long> planted = new ArrayList<>();
      for (int d = 0; d <= PdqHash.MATCH_DISTANCE; d++) {
        planted.add(plantedId(q, d));
      }
      assertThat(found.stream().map(PdqMatch::id).collect(Collectors.toList()))
          .containsAll(planted)
          .doesNotContain(plantedId(q, 32), plantedId(q, 40));
      assertThat(found).allSatisfy(m -> assertThat(m.distance()).isLessThanOrEqualTo(31));
    }
    assertThat(index.keyBits()).isPositive();
  }

  @ParameterizedTest(name = "radius {0}")
  @CsvSource({"0", "1", "5", "12", "23", "40", "64", "256"})
  void otherRadiiAreExactToo(int radius) {
    SplittableRandom random = new SplittableRandom(7L * radius + 1);
    MultiIndexPdqIndex index = new MultiIndexPdqIndex();
    BruteForcePdqIndex baseline = new BruteForcePdqIndex();
    List<PdqHash> queries = plantedQueries(index, baseline, 20, random);
    for (PdqHash query : queries) {
      assertThat(index.search(query, radius)).isEqualTo(baseline.search(query, radius));
    }
  }

  @Test
  void interleavedAddsAndSearchesStayExact() {
    // The streaming pattern: search for every new hash, then add it. Crosses several merges of
    // pending entries and several key-width changes.
    SplittableRandom random = new SplittableRandom(99);
    MultiIndexPdqIndex index = new MultiIndexPdqIndex();
    BruteForcePdqIndex baseline = new BruteForcePdqIndex();
    List<PdqHash> recent = new ArrayList<>();
    int matched = 0;
    for (int i = 0; i < 40_000; i++) {
      PdqHash hash;
      if (!recent.isEmpty() && random.nextInt(4) == 0) {
        hash = flip(recent.get(random.nextInt(recent.size())), random.nextInt(36), random);
      } else {
        hash = randomHash(random);
      }
      List<PdqMatch> found = index.search(hash);
      assertThat(found).isEqualTo(baseline.search(hash, PdqHash.MATCH_DISTANCE));
      matched += found.isEmpty() ? 0 : 1;
      index.add(hash, i);
      baseline.add(hash, i);
      if (recent.size() < 1000) {
        recent.add(hash);
      } else {
        recent.set(random.nextInt(1000), hash);
      }
    }
    assertThat(matched).isGreaterThan(1000);
    assertThat(index.indexedCount()).isGreaterThan(30_000);
    assertThat(index.keyBits()).isGreaterThanOrEqualTo(15);
  }

  @Test
  void bulkLoadThenIndexPending() {
    SplittableRandom random = new SplittableRandom(3);
    MultiIndexPdqIndex index = new MultiIndexPdqIndex();
    BruteForcePdqIndex baseline = new BruteForcePdqIndex();
    List<PdqHash> queries = plantedQueries(index, baseline, 10, random);
    assertThat(index.indexedCount()).isZero();
    index.indexPending();
    assertThat(index.indexedCount()).isEqualTo(index.size());
    // A second batch smaller than an eighth of the first is merged, not rebuilt.
    for (int i = 0; i < 5_000; i++) {
      PdqHash hash = randomHash(random);
      index.add(hash, -i);
      baseline.add(hash, -i);
    }
    index.indexPending();
    for (PdqHash query : queries) {
      assertThat(index.search(query)).isEqualTo(baseline.search(query, 31));
    }
  }

  @Test
  void emptyIndexFindsNothing() {
    MultiIndexPdqIndex index = new MultiIndexPdqIndex();
    PdqHash query = randomHash(new SplittableRandom(1));
    assertThat(index.search(query)).isEmpty();
    assertThat(index.search(query, 256)).isEmpty();
    assertThat(index.size()).isZero();
    index.indexPending();
    assertThat(index.search(query)).isEmpty();
    assertThat(new BruteForcePdqIndex().search(query)).isEmpty();
  }

  @Test
  void duplicateHashesAreSeparateEntries() {
    SplittableRandom random = new SplittableRandom(5);
    MultiIndexPdqIndex index = new MultiIndexPdqIndex();
    for (int i = 0; i < 20_000; i++) {
      index.add(randomHash(random), 1000 + i);
    }
    PdqHash hash = randomHash(random);
    index.add(hash, 7);
    index.add(hash, 3);
    index.add(hash, 7);
    index.add(flip(hash, 4, random), 9);
    List<PdqMatch> pending = index.search(hash);
    index.indexPending();
    List<PdqMatch> indexed = index.search(hash);
    List<PdqMatch> expected =
        List.of(new PdqMatch(7, 0), new PdqMatch(3, 0), new PdqMatch(7, 0), new PdqMatch(9, 4));
    assertThat(pending).isEqualTo(expected);
    assertThat(indexed).isEqualTo(expected);
  }

  @Test
  void manyEntriesSharingKeysStayExact() {
    // Real hashes are not uniform: here every entry shares the query's first 96 bits, so some
    // buckets hold everything.
    SplittableRandom random = new SplittableRandom(8);
    PdqHash query = randomHash(random);
    MultiIndexPdqIndex index = new MultiIndexPdqIndex();
    BruteForcePdqIndex baseline = new BruteForcePdqIndex();
    for (int i = 0; i < 30_000; i++) {
      PdqHash hash =
          PdqHash.fromWords(
              query.word(0),
              query.word(1) ^ (random.nextLong() & 0xffffffffL),
              random.nextLong(),
              random.nextLong());
      hash = flip(hash, random.nextInt(8), random);
      index.add(hash, i);
      baseline.add(hash, i);
    }
    for (int radius : new int[] {31, 60, 80}) {
      assertThat(index.search(query, radius)).isEqualTo(baseline.search(query, radius));
    }
  }

  @Test
  void thousandsOfIdenticalHashesAreAllFound() {
    // Every table's bucket for this key holds all copies: the search must still return each one
    // (by comparing every entry once candidates outnumber entries) and stay bounded in memory.
    SplittableRandom random = new SplittableRandom(12);
    PdqHash popular = randomHash(random);
    MultiIndexPdqIndex index = new MultiIndexPdqIndex();
    BruteForcePdqIndex baseline = new BruteForcePdqIndex();
    for (int i = 0; i < 30_000; i++) {
      PdqHash hash = i % 3 == 0 ? randomHash(random) : popular;
      index.add(hash, i);
      baseline.add(hash, i);
    }
    index.indexPending();
    PdqHash query = flip(popular, 5, random);
    List<PdqMatch> found = index.search(query);
    assertThat(found).hasSize(20_000).allSatisfy(m -> assertThat(m.distance()).isEqualTo(5));
    assertThat(found).isEqualTo(baseline.search(query, PdqHash.MATCH_DISTANCE));
  }

  @Test
  void idsBeyondTheIntRangeAreKept() {
    // Ids start as ints; the first one outside the int range widens every page to longs.
    SplittableRandom random = new SplittableRandom(21);
    MultiIndexPdqIndex index = new MultiIndexPdqIndex();
    BruteForcePdqIndex baseline = new BruteForcePdqIndex();
    PdqHash query = randomHash(random);
    long[] ids = {7, -3, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 40, Long.MIN_VALUE, 42};
    List<PdqMatch> expected = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      PdqHash hash = randomHash(random);
      index.add(hash, i);
      baseline.add(hash, i);
      if (i % 10_000 == 0) {
        long id = ids[i / 10_000];
        PdqHash near = flip(query, i / 10_000, random);
        index.add(near, id);
        baseline.add(near, id);
        expected.add(new PdqMatch(id, i / 10_000));
      }
      if (i == 15_000) {
        assertThat(index.search(query)).isEqualTo(expected);
        assertThat(baseline.estimatedMemoryBytes()).isEqualTo(storeBytes(baseline.size(), 4));
      }
    }
    assertThat(index.search(query)).isEqualTo(expected).isEqualTo(baseline.search(query, 31));
    index.indexPending();
    assertThat(index.search(query)).isEqualTo(expected);
    assertThat(baseline.estimatedMemoryBytes()).isEqualTo(storeBytes(baseline.size(), 8));
  }

  /** Pages of hashes and ids, with their headers, and the two arrays of page references. */
  private static long storeBytes(int entries, int idBytes) {
    long pages = (entries + HashStore.PAGE_SIZE - 1) / HashStore.PAGE_SIZE;
    long perPage = 16L + 32L * HashStore.PAGE_SIZE + 16L + (long) idBytes * HashStore.PAGE_SIZE;
    return pages * perPage + 2 * (16L + 8 * 8);
  }

  @Test
  void invalidArgumentsAreRejected() {
    MultiIndexPdqIndex index = new MultiIndexPdqIndex();
    PdqHash query = randomHash(new SplittableRandom(2));
    assertThatThrownBy(() -> index.search(query, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("radius -1 outside 0..256");
    assertThatThrownBy(() -> new BruteForcePdqIndex().search(query, 257))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("radius 257");
    assertThatThrownBy(() -> index.add(null, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new MultiIndexPdqIndex(0, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("substrings 0");
    assertThatThrownBy(() -> new MultiIndexPdqIndex(12, 22))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxKeyBits 22 outside 8..21");
  }

  @Test
  void memoryEstimateCountsHashesIdsAndTables() {
    SplittableRandom random = new SplittableRandom(4);
    MultiIndexPdqIndex index = new MultiIndexPdqIndex();
    BruteForcePdqIndex baseline = new BruteForcePdqIndex();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      PdqHash hash = randomHash(random);
      index.add(hash, i);
      baseline.add(hash, i);
    }
    index.indexPending();
    // 32 bytes of hash and 4 of id per entry, allocated a page at a time.
    long pages = (n + HashStore.PAGE_SIZE - 1) / HashStore.PAGE_SIZE;
    assertThat(baseline.estimatedMemoryBytes())
        .isBetween(36L * pages * HashStore.PAGE_SIZE, 36L * pages * HashStore.PAGE_SIZE + 1024);
    // Plus 4 bytes per entry per table and the bucket starts.
    int tables = MultiIndexPdqIndex.DEFAULT_SUBSTRINGS;
    long tableBytes = index.estimatedMemoryBytes() - baseline.estimatedMemoryBytes();
    long bucketStarts = 4L * tables * ((1 << index.keyBits()) + 1);
    assertThat(tableBytes)
        .isBetween(4L * tables * n + bucketStarts, 4L * tables * n + bucketStarts + 1024);
  }
}
