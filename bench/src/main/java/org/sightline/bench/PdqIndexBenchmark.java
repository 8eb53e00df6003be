package org.sightline.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.sightline.pdq.BruteForcePdqIndex;
import org.sightline.pdq.MultiIndexPdqIndex;
import org.sightline.pdq.PdqHash;
import org.sightline.pdq.PdqMatch;

/**
 * The PDQ multi-index against a brute-force scan, at several sizes, one thread: build time, heap
 * per hash, query latency and throughput at radius 31, speed-up, and recall checked against brute
 * force. A plain main rather than JMH: one run must build a 10M-entry index once and measure heap,
 * which JMH's forks and iterations do not fit.
 *
 * <p>Each size is that many uniformly random hashes plus, for half of the queries, 32 planted
 * near-duplicates at distances 0..31 (so every such query has at least 32 true matches), inserted
 * at random positions. Queries: the planted-for hashes and as many fresh random ones.
 *
 * <pre>
 * java -Xmx3g -cp 'bench/target/sightline-bench.jar:bench/target/lib/*' \
 *     org.sightline.bench.PdqIndexBenchmark [--sizes 100000,1000000,10000000] [--queries 2000]
 *     [--reps 5] [--recall-sample 200] [--substrings 12] [--max-key-bits 20] [--seed 1]
 *     [--stream-events 20000]
 * </pre>
 */
public final class PdqIndexBenchmark {

  private static final int RADIUS = PdqHash.MATCH_DISTANCE;
  private static final double BRUTE_FORCE_SECONDS = 3.0;

  private int[] sizes = {100_000, 1_000_000, 10_000_000};
  private int queries = 2000;
  private int reps = 5;
  private int recallSample = 200;
  private int substrings = MultiIndexPdqIndex.DEFAULT_SUBSTRINGS;
  private int maxKeyBits = MultiIndexPdqIndex.DEFAULT_MAX_KEY_BITS;
  private long seed = 1;
  private int streamEvents = 20_000;

  record Row(
      int entries,
      double buildSeconds,
      double heapBytesPerHash,
      double estimatedBytesPerHash,
      double p50Micros,
      double p99Micros,
      double queriesPerSecond,
      double bruteForceQueriesPerSecond,
      double streamEventsPerSecond,
      double meanMatches,
      int recallChecked,
      double recall) {}

  public static void main(String[] args) {
    PdqIndexBenchmark benchmark = new PdqIndexBenchmark();
    benchmark.parse(args);
    benchmark.run();
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        System.out.println(
            "options: --sizes a,b,c --queries n --reps n --recall-sample n --substrings m"
                + " --max-key-bits b --seed s --stream-events n");
        System.exit(0);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      switch (name) {
        case "--sizes" ->
            sizes =
                Arrays.stream(value.split(","))
                    .map(String::trim)
                    .mapToInt(Integer::parseInt)
                    .toArray();
        case "--queries" -> queries = Integer.parseInt(value);
        case "--reps" -> reps = Integer.parseInt(value);
        case "--recall-sample" -> recallSample = Integer.parseInt(value);
        case "--substrings" -> substrings = Integer.parseInt(value);
        case "--max-key-bits" -> maxKeyBits = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--stream-events" -> streamEvents = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + name + " (try --help)");
      }
    }
    if (queries < 2 || reps < 1 || recallSample < 1) {
      throw new IllegalArgumentException("--queries >= 2, --reps >= 1, --recall-sample >= 1");
    }
  }

  private void run() {
    System.out.printf(
        Locale.ROOT,
        "PDQ index benchmark: radius %d, %d substrings, keys up to %d bits, %d queries x %d reps,"
            + " seed %d%n",
        RADIUS,
        substrings,
        maxKeyBits,
        queries,
        reps,
        seed);
    System.out.println(machine());
    List<Row> rows = new ArrayList<>();
    boolean allExact = true;
    for (int size : sizes) {
      Row row = measure(size);
      rows.add(row);
      allExact &= row.recall() == 1.0;
      System.out.println(format(row));
    }
    System.out.println();
    System.out.println(table(rows));
    if (!allExact) {
      System.out.println("RECALL BELOW 100%: the index missed matches that brute force found");
      System.exit(1);
    }
  }

  private Row measure(int size) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + size);
    int planted = queries / 2;
    int total = size + planted * (RADIUS + 1);
    long[] words = new long[4 * total];
    long[] queryWords = new long[4 * queries];
    for (int i = 0; i < 4 * queries; i++) {
      queryWords[i] = random.nextLong();
    }
    for (int i = 0; i < 4 * size; i++) {
      words[i] = random.nextLong();
    }
    int at = size;
    for (int q = 0; q < planted; q++) {
      for (int d = 0; d <= RADIUS; d++, at++) {
        PdqHash neighbour = flip(hash(queryWords, q), d, random);
        for (int w = 0; w < 4; w++) {
          words[4 * at + w] = neighbour.word(w);
        }
      }
    }
    shuffle(words, total, random);

    System.out.printf(Locale.ROOT, "%n%,d entries (%,d planted): building...%n", total, at - size);
    long heapBefore = usedHeapAfterGc();
    long start = System.nanoTime();
    MultiIndexPdqIndex index = new MultiIndexPdqIndex(substrings, maxKeyBits);
    for (int i = 0; i < total; i++) {
      index.add(hash(words, i), i);
    }
    index.indexPending();
    double buildSeconds = (System.nanoTime() - start) / 1e9;
    long heapAfter = usedHeapAfterGc();
    double heapPerHash = (heapAfter - heapBefore) / (double) total;
    double estimatedPerHash = index.estimatedMemoryBytes() / (double) total;
    System.out.printf(
        Locale.ROOT,
        "  built in %.2f s; heap %.1f B/hash measured, %.1f estimated%n",
        buildSeconds,
        heapPerHash,
        estimatedPerHash);

    PdqHash[] queryHashes = new PdqHash[queries];
    for (int q = 0; q < queries; q++) {
      queryHashes[q] = hash(queryWords, q);
    }

    // Warm-up, then the timed repetitions.
    long matches = 0;
    for (PdqHash query : queryHashes) {
      matches += index.search(query, RADIUS).size();
    }
    double[] p50 = new double[reps];
    double[] p99 = new double[reps];
    double[] qps = new double[reps];
    long[] latencies = new long[queries];
    for (int r = 0; r < reps; r++) {
      long repStart = System.nanoTime();
      for (int q = 0; q < queries; q++) {
        long t = System.nanoTime();
        index.search(queryHashes[q], RADIUS);
        latencies[q] = System.nanoTime() - t;
      }
      qps[r] = queries / ((System.nanoTime() - repStart) / 1e9);
      Arrays.sort(latencies);
      p50[r] = latencies[(int) (0.50 * (queries - 1))] / 1e3;
      p99[r] = latencies[(int) Math.ceil(0.99 * (queries - 1))] / 1e3;
    }

    BruteForcePdqIndex bruteForce = new BruteForcePdqIndex();
    for (int i = 0; i < total; i++) {
      bruteForce.add(hash(words, i), i);
    }
    words = null;
    double[] bruteQps = new double[Math.min(reps, 3)];
    int bruteDone = 0;
    for (int r = 0; r < bruteQps.length; r++) {
      long repStart = System.nanoTime();
      int n = 0;
      while (n < queries && System.nanoTime() - repStart < BRUTE_FORCE_SECONDS * 1e9) {
        bruteForce.search(queryHashes[(bruteDone + n) % queries], RADIUS);
        n++;
      }
      bruteQps[r] = n / ((System.nanoTime() - repStart) / 1e9);
      bruteDone += n;
    }

    // Recall: the index's answers against brute force's, planted-for queries first.
    int sample = Math.min(recallSample, queries);
    long expected = 0;
    long found = 0;
    for (int i = 0; i < sample; i++) {
      int q = i % 2 == 0 ? i / 2 : planted + i / 2;
      q = Math.min(q, queries - 1);
      List<PdqMatch> truth = bruteForce.search(queryHashes[q], RADIUS);
      Set<PdqMatch> got = new HashSet<>(index.search(queryHashes[q], RADIUS));
      expected += truth.size();
      found += truth.stream().filter(got::contains).count();
      if (got.size() != truth.size()) {
        System.out.printf(
            "  query %d: index %d matches, brute force %d%n", q, got.size(), truth.size());
      }
    }
    double recall = expected == 0 ? 1.0 : found / (double) expected;
    bruteForce = null;

    // The streaming pattern (search, then add), which includes merging pending entries.
    double streamRate = 0;
    if (streamEvents > 0) {
      SplittableRandom streamRandom = new SplittableRandom(seed);
      PdqHash[] events = new PdqHash[streamEvents];
      for (int i = 0; i < streamEvents; i++) {
        events[i] =
            PdqHash.fromWords(
                streamRandom.nextLong(),
                streamRandom.nextLong(),
                streamRandom.nextLong(),
                streamRandom.nextLong());
      }
      long streamStart = System.nanoTime();
      for (int i = 0; i < streamEvents; i++) {
        index.search(events[i], RADIUS);
        index.add(events[i], total + i);
      }
      streamRate = streamEvents / ((System.nanoTime() - streamStart) / 1e9);
    }

    return new Row(
        total,
        buildSeconds,
        heapPerHash,
        estimatedPerHash,
        median(p50),
        median(p99),
        median(qps),
        median(bruteQps),
        streamRate,
        matches / (double) queries,
        sample,
        recall);
  }

  private static PdqHash hash(long[] words, int i) {
    return PdqHash.fromWords(words[4 * i], words[4 * i + 1], words[4 * i + 2], words[4 * i + 3]);
  }

  private static PdqHash flip(PdqHash hash, int distance, SplittableRandom random) {
    long[] w = {hash.word(0), hash.word(1), hash.word(2), hash.word(3)};
    int[] bits = new int[256];
    for (int i = 0; i < 256; i++) {
      bits[i] = i;
    }
    for (int i = 0; i < distance; i++) {
      int j = i + random.nextInt(256 - i);
      int bit = bits[j];
      bits[j] = bits[i];
      w[bit >>> 6] ^= 1L << (bit & 63);
    }
    return PdqHash.fromWords(w[0], w[1], w[2], w[3]);
  }

  private static void shuffle(long[] words, int count, SplittableRandom random) {
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      for (int w = 0; w < 4; w++) {
        long t = words[4 * i + w];
        words[4 * i + w] = words[4 * j + w];
        words[4 * j + w] = t;
      }
    }
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String machine() {
    Runtime runtime = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        "Java %s (%s), %s %s, %d processors, max heap %d MiB, GC %s",
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        runtime.availableProcessors(),
        runtime.maxMemory() >> 20,
        ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
  }

  private static String format(Row row) {
    return String.format(
        Locale.ROOT,
        "  p50 %.1f us, p99 %.1f us, %.0f queries/s; brute force %.1f queries/s (x%.1f);"
            + " stream %.0f search+add/s; %.1f matches/query; recall %.4f over %d queries",
        row.p50Micros(),
        row.p99Micros(),
        row.queriesPerSecond(),
        row.bruteForceQueriesPerSecond(),
        row.queriesPerSecond() / row.bruteForceQueriesPerSecond(),
        row.streamEventsPerSecond(),
        row.meanMatches(),
        row.recall(),
        row.recallChecked());
  }

  private static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| hashes | build (s) | heap B/hash (measured / estimated) | query p50 (µs) | query p99 (µs)"
            + " | queries/s | brute force queries/s | speed-up | search+add/s | recall |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %,d | %.2f | %.1f / %.1f | %.1f | %.1f | %,.0f | %,.1f | %.0fx | %,.0f | %.0f%% (%d"
                  + " queries) |\n",
              row.entries(),
              row.buildSeconds(),
              row.heapBytesPerHash(),
              row.estimatedBytesPerHash(),
              row.p50Micros(),
              row.p99Micros(),
              row.queriesPerSecond(),
              row.bruteForceQueriesPerSecond(),
              row.queriesPerSecond() / row.bruteForceQueriesPerSecond(),
              row.streamEventsPerSecond(),
              100 * row.recall(),
              row.recallChecked()));
    }
    return sb.toString();
  }
}
