package org.sightline.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sightline.pdq.PdqHash;

/**
 * Hamming distances between 256-bit PDQ hashes per second — the inner loop of brute force and of
 * the candidate check in the multi-index search — and parsing a hash from its 64 hex digits, as
 * every PDQ sighting needs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PdqDistanceBenchmark {

  private static final int N = 1024;
  private final PdqHash[] hashes = new PdqHash[N];
  private final String[] hex = new String[N];
  private int next;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < N; i++) {
      hashes[i] =
          PdqHash.fromWords(
              random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
      hex[i] = hashes[i].toHex();
    }
  }

  @Benchmark
  public int distance() {
    int i = next;
    next = (next + 1) & (N - 1);
    return hashes[i].distance(hashes[(i + 517) & (N - 1)]);
  }

  @Benchmark
  public PdqHash parseHex() {
    int i = next;
    next = (next + 1) & (N - 1);
    return PdqHash.fromHex(hex[i]);
  }
}
