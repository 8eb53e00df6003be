package org.sightline.bench;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sightline.processor.correlation.AlertDecisions;
import org.sightline.processor.correlation.AlertRules;
import org.sightline.processor.correlation.IndicatorStates;
import org.sightline.schema.Alert;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.Tlp;

/**
 * The correlator's work on one sighting, without Kafka: add it to the indicator's state, evaluate
 * the alert rules, and render the alerts for every recipient under its disclosure (full, or
 * hit/no-hit for a TLP:RED party). {@code decideEveryRecipient} clears the alert marks first, so
 * every match is rendered for everyone — the worst case; {@code repeatSighting} is the common case
 * of a sighting that changes nothing material.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CorrelationBenchmark {

  /** Agencies already on the indicator (25 is the over-correlation bound). */
  @Param({"2", "10", "25"})
  public int agencies;

  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
  private static final int MAX_IDS = 50;

  private AlertRules rules;
  private IndicatorState state;
  private AttributedEvent red;
  private AttributedEvent repeat;
  private long seq;

  @Setup(Level.Iteration)
  public void setUp() {
    Set<String> countries =
        IntStream.range(0, 13).mapToObj(BenchRecords::country).collect(Collectors.toSet());
    rules = new AlertRules(countries);
    state = BenchRecords.indicatorState(agencies, 5, AT);
    red = BenchRecords.attributedEvent("red-agency", "KE", "red-1", AT, Tlp.RED);
    IndicatorStates.add(state, red, MAX_IDS);
    repeat = BenchRecords.attributedEvent("agency-0", BenchRecords.country(0), "x", AT);
    AlertDecisions.decide(state, rules, AT);
  }

  @Benchmark
  public List<Alert> decideEveryRecipient() {
    state.getMarks().clear();
    return AlertDecisions.decide(state, rules, AT);
  }

  @Benchmark
  public List<Alert> repeatSighting() {
    ((org.sightline.schema.Sighting) repeat.getPayload()).setId("r-" + seq++);
    IndicatorStates.add(state, repeat, MAX_IDS);
    return AlertDecisions.decide(state, rules, AT);
  }
}
