package org.sightline.bench;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
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
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IntakeEvent;
import org.sightline.serde.RegistrySerdes;
import org.sightline.testing.InMemoryRegistryClient;

/**
 * The Avro serde as every stage of the processor uses it (Apicurio's serde behind our wire-format
 * cache, Confluent framing), per record type: the intake event as agencies send it, the attributed
 * event that crosses the repartition topic, and an indicator's state as the store writes it, small
 * (2 agencies) and at its bound (25 agencies with 50 sighting ids each).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AvroSerdeBenchmark {

  @Param({"intake-event", "attributed-event", "state-2-agencies", "state-25-agencies"})
  public String record;

  private Serializer<Object> serializer;
  private Deserializer<Object> deserializer;
  private Object value;
  private byte[] bytes;
  private final RecordHeaders headers = new RecordHeaders();

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    RegistrySerdes serdes = RegistrySerdes.withClient(new InMemoryRegistryClient());
    Instant at = Instant.parse("2026-11-20T10:00:00Z");
    Class<?> type;
    switch (record) {
      case "intake-event" -> {
        value = BenchRecords.intakeEvent("s-1", at);
        type = IntakeEvent.class;
      }
      case "attributed-event" -> {
        value = BenchRecords.attributedEvent("nl-police", "NL", "s-1", at);
        type = AttributedEvent.class;
      }
      case "state-2-agencies" -> {
        value = BenchRecords.indicatorState(2, 5, at);
        type = IndicatorState.class;
      }
      case "state-25-agencies" -> {
        value = BenchRecords.indicatorState(25, 50, at);
        type = IndicatorState.class;
      }
      default -> throw new IllegalArgumentException("unknown record " + record);
    }
    var serde = serdes.avro((Class) type);
    serializer = serde.serializer();
    deserializer = serde.deserializer();
    bytes = serializer.serialize("bench", headers, value);
  }

  @Benchmark
  public byte[] serialize() {
    return serializer.serialize("bench", headers, value);
  }

  @Benchmark
  public Object deserialize() {
    return deserializer.deserialize("bench", headers, bytes);
  }
}
