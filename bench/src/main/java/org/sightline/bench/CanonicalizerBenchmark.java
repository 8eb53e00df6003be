package org.sightline.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sightline.indicator.CanonicalIndicator;
import org.sightline.indicator.Canonicalizer;

/** Canonicalisations per second, per indicator type, over a small mix of realistic values. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CanonicalizerBenchmark {

  @Param({
    "url",
    "domain",
    "host",
    "ip",
    "md5",
    "sha1",
    "sha256",
    "pdq",
    "photodna",
    "email",
    "phone",
    "wallet:btc",
    "wallet:eth",
    "wallet:xmr",
    "username:telegram"
  })
  public String type;

  private String[] values;
  private int next;

  @Setup
  public void setUp() {
    values = Samples.of(type);
    next = 0;
  }

  @Benchmark
  public CanonicalIndicator canonicalize() {
    String v = values[next];
    next = next + 1 == values.length ? 0 : next + 1;
    return Canonicalizer.canonicalize(type, v, "NL");
  }
}
