package org.sightline.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sightline.sighting.FieldError;

/**
 * The intake's Prometheus series (at {@code /q/metrics}):
 *
 * <ul>
 *   <li>{@code sightline_intake_accepted_total{endpoint,format}}: sightings and retractions the
 *       broker holds, written now;
 *   <li>{@code sightline_intake_duplicates_total{endpoint,format}}: resends answered with the first
 *       receipt;
 *   <li>{@code sightline_intake_rejected_total{endpoint,reason}}: refused items, once each, by the
 *       field of their first error (indices dropped: {@code related[].value}), or {@code conflict},
 *       {@code not-acknowledged};
 *   <li>{@code sightline_intake_unsupported_total{format}}: parts of bulk inputs reported as not
 *       imported;
 *   <li>{@code sightline_intake_request_seconds{endpoint,status}}: request latency, as a histogram
 *       (p50/p99 from its buckets).
 * </ul>
 */
@ApplicationScoped
public class IntakeMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  IntakeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void accepted(String endpoint, String format, long written, long duplicates) {
    if (written > 0) {
      counter("sightline.intake.accepted", "endpoint", endpoint, "format", format)
          .increment(written);
    }
    if (duplicates > 0) {
      counter("sightline.intake.duplicates", "endpoint", endpoint, "format", format)
          .increment(duplicates);
    }
  }

  public void rejected(String endpoint, List<FieldError> errors) {
    rejected(endpoint, errors.isEmpty() ? "(unknown)" : reason(errors.get(0).field()));
  }

  public void rejected(String endpoint, String reason) {
    counter("sightline.intake.rejected", "endpoint", endpoint, "reason", reason).increment();
  }

  public void unsupported(String format, long n) {
    if (n > 0) {
      counter("sightline.intake.unsupported", "format", format, "", "").increment(n);
    }
  }

  public void request(String endpoint, int status, long startNanos) {
    Timer.builder("sightline.intake.request")
        .description("Intake request latency, until the broker acknowledged")
        .tags("endpoint", endpoint, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** A bounded label: the field without indices. */
  static String reason(String field) {
    return field.replaceAll("\\[\\d+]", "[]");
  }

  private Counter counter(String name, String k1, String v1, String k2, String v2) {
    String key = name + '\u0000' + v1 + '\u0000' + v2;
    return counters.computeIfAbsent(
        key,
        k ->
            k2.isEmpty() ? registry.counter(name, k1, v1) : registry.counter(name, k1, v1, k2, v2));
  }
}
