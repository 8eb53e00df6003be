package org.sightline.bench.pipeline;

import java.nio.file.Files;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.sightline.client.KafkaAccess;

/**
 * The yardsticks for the pipeline: a Kafka Streams application that reads bytes and writes them
 * back unchanged — with exactly-once v2 and the processor's commit interval, the honest limit of a
 * one-hop exactly-once design; and at-least-once, what Kafka Streams does without transactions.
 */
final class Passthrough {

  private Passthrough() {}

  /**
   * Records per second to copy the {@code total} records already in {@code input} to {@code
   * output}, measured after the first {@code warmup}: the start (group join, task assignment) and
   * the first JIT would otherwise be most of a run of a second or two. Until 2026-11-23 the clock
   * included them, and single runs of the same passthrough ranged from 27k to 145k records/s.
   */
  static double run(
      KafkaAccess access,
      String input,
      String output,
      long warmup,
      long total,
      Broker broker,
      String guarantee)
      throws Exception {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    String appId = "bench-passthrough-" + System.nanoTime();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    // The same SASL_SSL listener as the pipeline, so that both pay for TLS and SCRAM.
    props.putAll(access.clientProperties());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-passthrough").toString());
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.start();
      Pattern topic = Pattern.compile(Pattern.quote(input));
      long deadline = System.nanoTime() + java.time.Duration.ofMinutes(10).toNanos();
      long committed;
      while ((committed = broker.committed(appId, topic)) < warmup) {
        checkDeadline(deadline);
        Thread.sleep(10);
      }
      long started = System.nanoTime();
      long from = committed;
      while (broker.committed(appId, topic) < total) {
        checkDeadline(deadline);
        Thread.sleep(10);
      }
      return (total - from) / ((System.nanoTime() - started) / 1e9);
    }
  }

  private static void checkDeadline(long deadline) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("the passthrough did not finish within 10 minutes");
    }
  }
}
