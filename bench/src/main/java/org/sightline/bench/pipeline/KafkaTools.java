package org.sightline.bench.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sightline.client.KafkaAccess;

/**
 * Kafka's own performance tools, run as they ship (kafka-tools 4.3.1), their output parsed. They
 * reach the broker on the same SASL_SSL listener as the pipeline, with the client settings of
 * {@link KafkaAccess} in a properties file ({@code --command-config}, which replaced the deprecated
 * {@code --producer.config} and EndToEndLatency's positional properties file).
 */
final class KafkaTools {

  private static final Pattern RATE = Pattern.compile("([0-9.]+) records/sec");
  private static final Pattern PERCENTILES =
      Pattern.compile("50th = ([0-9.]+).*99th = ([0-9.]+).*99\\.9th = ([0-9.]+)");

  private KafkaTools() {}

  /**
   * Records per second of ProducerPerformance, acks=all, records of {@code size} bytes: its steady
   * state, after {@code warmup} of the {@code records} (the tool prints that line last).
   */
  static double producerPerformance(
      KafkaAccess access, String topic, long records, long warmup, int size)
      throws IOException, InterruptedException {
    Path config = BenchAccess.propertiesFile(access);
    List<String> out;
    try {
      out =
          run(
              "org.apache.kafka.tools.ProducerPerformance",
              "--topic",
              topic,
              "--num-records",
              Long.toString(records),
              "--warmup-records",
              Long.toString(warmup),
              "--record-size",
              Integer.toString(size),
              "--throughput",
              "-1",
              "--command-config",
              config.toString(),
              "--command-property",
              "acks=all");
    } finally {
      Files.deleteIfExists(config);
    }
    for (int i = out.size() - 1; i >= 0; i--) {
      Matcher m = RATE.matcher(out.get(i));
      if (m.find()) {
        return Double.parseDouble(m.group(1));
      }
    }
    throw new IllegalStateException(
        "ProducerPerformance printed no rate:\n" + String.join("\n", out));
  }

  /** p50, p99 and p99.9 in ms of EndToEndLatency (produce, then consume, one record at a time). */
  static double[] endToEndLatency(KafkaAccess access, String topic, int records, int size)
      throws IOException, InterruptedException {
    Path config = BenchAccess.propertiesFile(access);
    List<String> out;
    try {
      out =
          run(
              "org.apache.kafka.tools.EndToEndLatency",
              "--bootstrap-server",
              access.bootstrapServers(),
              "--topic",
              topic,
              "--num-records",
              Integer.toString(records),
              "--producer-acks",
              "all",
              "--record-size",
              Integer.toString(size),
              "--command-config",
              config.toString());
    } finally {
      Files.deleteIfExists(config);
    }
    for (String line : out) {
      Matcher m = PERCENTILES.matcher(line);
      if (m.find()) {
        return new double[] {
          Double.parseDouble(m.group(1)),
          Double.parseDouble(m.group(2)),
          Double.parseDouble(m.group(3))
        };
      }
    }
    throw new IllegalStateException(
        "EndToEndLatency printed no percentiles:\n" + String.join("\n", out));
  }

  private static List<String> run(String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    }
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(
          mainClass + " exited with " + exit + ":\n" + String.join("\n", lines));
    }
    return lines;
  }
}
