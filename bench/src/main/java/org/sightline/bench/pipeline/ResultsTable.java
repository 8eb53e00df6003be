package org.sightline.bench.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Medians with min and max over the runs: machines here are noisy, single runs mislead. */
final class ResultsTable {

  private ResultsTable() {}

  static String markdown(
      Map<PipelineBenchmark.Setup, List<PipelineBenchmark.Run>> all,
      int records,
      long warmup,
      int size,
      int rate) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Sightline pipeline vs Kafka's own tools, same broker, same run: %d intake events per"
                + " run (%d B each, serialised; the mixed feed: URLs, domains, SHA-256, PDQ,"
                + " wallets, 10%% TLP:RED, 1%% retractions, 2%% resends) after %d of warm-up,"
                + " exactly-once v2, medians of %d runs [min – max]."
                + " Every client (tools, passthrough, processor, load) on the broker's SASL_SSL"
                + " listener: TLS + SCRAM-SHA-512.%n%n",
            records,
            size,
            warmup,
            all.values().iterator().next().size()));
    md.append(
        "| partitions | ProducerPerformance rec/s | byte[] passthrough at-least-once rec/s |"
            + " byte[] passthrough exactly-once (one hop) rec/s | pipeline sightings/s |"
            + " alerts/s | pipeline ÷ exactly-once passthrough | pipeline ÷ producer |"
            + " publish→alert p50/p99/p99.9 ms at "
            + rate
            + "/s | Kafka EndToEndLatency p50/p99/p99.9 ms | processor peak RSS MiB |"
            + " state MiB | transaction retries while measured / in all | records written per"
            + " sighting |"
            + " CPU µs per sighting: processor / broker / load |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    all.forEach(
        (p, runs) -> {
          md.append("| ").append(p.label());
          md.append(" | ").append(cell(runs, PipelineBenchmark.Run::producerPerSec, "%.0f"));
          md.append(" | ")
              .append(cell(runs, PipelineBenchmark.Run::atLeastOncePassthroughPerSec, "%.0f"));
          md.append(" | ").append(cell(runs, PipelineBenchmark.Run::passthroughPerSec, "%.0f"));
          md.append(" | ").append(cell(runs, PipelineBenchmark.Run::pipelinePerSec, "%.0f"));
          md.append(" | ").append(cell(runs, PipelineBenchmark.Run::alertsPerSec, "%.0f"));
          md.append(" | ")
              .append(cell(runs, r -> r.pipelinePerSec() / r.passthroughPerSec(), "%.2f"));
          md.append(" | ").append(cell(runs, r -> r.pipelinePerSec() / r.producerPerSec(), "%.2f"));
          md.append(" | ").append(triple(runs, r -> r.pipelineLatencyMs()));
          md.append(" | ").append(triple(runs, r -> r.kafkaLatencyMs()));
          md.append(" | ").append(cell(runs, r -> r.processorPeakRss() / 1048576.0, "%.0f"));
          md.append(" | ").append(cell(runs, r -> r.stateBytes() / 1048576.0, "%.0f"));
          md.append(" | ")
              .append(cell(runs, r -> r.transactionRetriesMeasured(), "%.0f"))
              .append(" / ")
              .append(cell(runs, r -> r.transactionRetries(), "%.0f"));
          md.append(" | ").append(cell(runs, r -> r.recordsWrittenPerSighting(), "%.2f"));
          md.append(" | ").append(cell(runs, r -> r.processorCpuUsPerSighting(), "%.1f"));
          md.append(" / ").append(cell(runs, r -> r.brokerCpuUsPerSighting(), "%.1f"));
          md.append(" / ").append(cell(runs, r -> r.loadCpuUsPerSighting(), "%.1f"));
          md.append(" |\n");
        });
    md.append(
        String.format(
            Locale.ROOT,
            "%nPublish→alert at %d/s by the alert's reason: p50 / p99 ms and alerts per run,"
                + " medians of the runs.%n%n",
            rate));
    md.append("| partitions | reason | p50 ms | p99 ms | alerts |\n|---|---|---|---|---|\n");
    all.forEach(
        (p, runs) ->
            reasons(runs)
                .forEach(
                    reason ->
                        md.append(
                            String.format(
                                Locale.ROOT,
                                "| %s | %s | %.0f | %.0f | %.0f |%n",
                                p.label(),
                                reason,
                                byReason(runs, reason, 0),
                                byReason(runs, reason, 1),
                                byReason(runs, reason, 3)))));
    return md.toString();
  }

  /** Every reason any run saw, in order. */
  private static java.util.SortedSet<String> reasons(List<PipelineBenchmark.Run> runs) {
    java.util.SortedSet<String> reasons = new java.util.TreeSet<>();
    runs.forEach(r -> reasons.addAll(r.latencyByReasonMs().keySet()));
    return reasons;
  }

  /** The median over the runs that saw the reason of one of its numbers (p50, p99, p99.9, n). */
  private static double byReason(List<PipelineBenchmark.Run> runs, String reason, int index) {
    return median(
        runs.stream()
            .map(r -> r.latencyByReasonMs().get(reason))
            .filter(java.util.Objects::nonNull)
            .mapToDouble(v -> v[index])
            .sorted()
            .toArray());
  }

  /**
   * The runs as they were, and a {@code summary} of medians per partition count under the keys the
   * project's goals are stated in (issue 21), so that a later run can be compared by a script.
   */
  static String json(Map<PipelineBenchmark.Setup, List<PipelineBenchmark.Run>> all, String feed) {
    StringBuilder json = new StringBuilder("{\n  \"summary\": [");
    int i = 0;
    for (var e : all.entrySet()) {
      List<PipelineBenchmark.Run> runs = e.getValue();
      json.append(i++ == 0 ? "\n" : ",\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "    {\"partitions\": %d, \"stream_threads\": %d, \"feed\": \"%s\","
                      + " \"pipeline_per_s\": %.1f,"
                      + " \"eos_passthrough_per_s\": %.1f, \"passthrough_per_s\": %.1f,"
                      + " \"producer_per_s\": %.1f, \"ratio_eos_passthrough\": %.3f,"
                      + " \"records_written_per_sighting\": %.3f, \"p50_ms\": %.1f,"
                      + " \"p99_ms\": %.1f, \"processor_cpu_us_per_sighting\": %.2f,"
                      + " \"broker_cpu_us_per_sighting\": %.2f,"
                      + " \"load_cpu_us_per_sighting\": %.2f, \"latency_by_reason\": %s,"
                      + " \"transaction_retries_measured\": %.0f, \"runs\": %d}",
                  e.getKey().partitions(),
                  e.getKey().threads(),
                  feed,
                  median(runs, PipelineBenchmark.Run::pipelinePerSec),
                  median(runs, PipelineBenchmark.Run::passthroughPerSec),
                  median(runs, PipelineBenchmark.Run::atLeastOncePassthroughPerSec),
                  median(runs, PipelineBenchmark.Run::producerPerSec),
                  median(runs, r -> r.pipelinePerSec() / r.passthroughPerSec()),
                  median(runs, PipelineBenchmark.Run::recordsWrittenPerSighting),
                  median(runs, r -> r.pipelineLatencyMs()[0]),
                  median(runs, r -> r.pipelineLatencyMs()[1]),
                  median(runs, PipelineBenchmark.Run::processorCpuUsPerSighting),
                  median(runs, PipelineBenchmark.Run::brokerCpuUsPerSighting),
                  median(runs, PipelineBenchmark.Run::loadCpuUsPerSighting),
                  reasonsJson(runs),
                  median(runs, PipelineBenchmark.Run::transactionRetriesMeasured),
                  runs.size()));
    }
    json.append("\n  ],\n  \"runs\": {\n");
    i = 0;
    for (var e : all.entrySet()) {
      json.append(i++ == 0 ? "" : ",\n").append("    \"").append(e.getKey().key()).append("\": [");
      int j = 0;
      for (PipelineBenchmark.Run r : e.getValue()) {
        json.append(j++ == 0 ? "\n" : ",\n")
            .append(
                String.format(
                    Locale.ROOT,
                    "      {\"producerPerSec\": %.1f, \"atLeastOncePassthroughPerSec\": %.1f,"
                        + " \"passthroughPerSec\": %.1f,"
                        + " \"pipelinePerSec\": %.1f, \"alertsPerSec\": %.1f,"
                        + " \"pipelineLatencyMs\": %s, \"kafkaLatencyMs\": %s,"
                        + " \"processorPeakRssBytes\": %d, \"stateBytes\": %d,"
                        + " \"transactionRetries\": %d, \"transactionRetriesMeasured\": %d,"
                        + " \"recordsWrittenPerSighting\": %.3f,"
                        + " \"processorCpuUsPerSighting\": %.2f,"
                        + " \"brokerCpuUsPerSighting\": %.2f, \"loadCpuUsPerSighting\": %.2f}",
                    r.producerPerSec(),
                    r.atLeastOncePassthroughPerSec(),
                    r.passthroughPerSec(),
                    r.pipelinePerSec(),
                    r.alertsPerSec(),
                    Arrays.toString(r.pipelineLatencyMs()),
                    Arrays.toString(r.kafkaLatencyMs()),
                    r.processorPeakRss(),
                    r.stateBytes(),
                    r.transactionRetries(),
                    r.transactionRetriesMeasured(),
                    r.recordsWrittenPerSighting(),
                    r.processorCpuUsPerSighting(),
                    r.brokerCpuUsPerSighting(),
                    r.loadCpuUsPerSighting()));
      }
      json.append("\n    ]");
    }
    return json.append("\n  }\n}\n").toString().replace("NaN", "null");
  }

  /** {"REASON": {"p50_ms": …, "p99_ms": …, "alerts": …}, …}: medians over the runs. */
  private static String reasonsJson(List<PipelineBenchmark.Run> runs) {
    StringBuilder json = new StringBuilder("{");
    for (String reason : reasons(runs)) {
      json.append(json.length() == 1 ? "" : ", ")
          .append(
              String.format(
                  Locale.ROOT,
                  "\"%s\": {\"p50_ms\": %.1f, \"p99_ms\": %.1f, \"alerts\": %.0f}",
                  reason,
                  byReason(runs, reason, 0),
                  byReason(runs, reason, 1),
                  byReason(runs, reason, 3)));
    }
    return json.append("}").toString();
  }

  private static double median(
      List<PipelineBenchmark.Run> runs, ToDoubleFunction<PipelineBenchmark.Run> f) {
    return median(runs.stream().mapToDouble(f).sorted().toArray());
  }

  private static String cell(
      List<PipelineBenchmark.Run> runs, ToDoubleFunction<PipelineBenchmark.Run> f, String fmt) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    return String.format(
        Locale.ROOT, fmt + " [" + fmt + " – " + fmt + "]", median(v), v[0], v[v.length - 1]);
  }

  private static String triple(
      List<PipelineBenchmark.Run> runs,
      java.util.function.Function<PipelineBenchmark.Run, double[]> f) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < 3; k++) {
      final int index = k;
      double[] v = runs.stream().mapToDouble(r -> f.apply(r)[index]).sorted().toArray();
      s.append(k == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.0f", median(v)));
    }
    return s.toString();
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
