package org.sightline.consumers.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sightline.schema.MetricPoint;

class MetricCountsTest {

  private static final long T0 = 1_800_000_000_000L - Math.floorMod(1_800_000_000_000L, 60_000L);

  @Test
  void theLatestRecordOfAMinuteIsItsTotalAndSeriesAreSummedPerGroup() {
    MetricCounts counts = new MetricCounts(3_600_000L);
    counts.accept("a@" + T0, point("sightings", Map.of("country", "NL", "type", "URL"), T0, 2));
    counts.accept("a@" + T0, point("sightings", Map.of("country", "NL", "type", "URL"), T0, 5));
    counts.accept("b@" + T0, point("sightings", Map.of("country", "DE", "type", "URL"), T0, 1));
    counts.accept(
        "c@" + (T0 + 60_000),
        point("sightings", Map.of("country", "NL", "type", "IP"), T0 + 60_000, 3));
    Minutes minutes = Minutes.endingAt(Instant.ofEpochMilli(T0 + 60_000), 2);

    Map<String, long[]> byCountry = counts.sum("sightings", d -> true, "country", minutes);
    assertThat(byCountry.keySet()).containsExactly("DE", "NL");
    assertThat(byCountry.get("NL")).containsExactly(5, 3);
    assertThat(byCountry.get("DE")).containsExactly(1, 0);
    assertThat(counts.total("sightings", d -> "URL".equals(d.get("type")), minutes))
        .containsExactly(6, 0);
  }

  @Test
  void minutesOlderThanTheRetentionAreForgotten() {
    MetricCounts counts = new MetricCounts(60_000L);
    counts.accept("a@" + T0, point("alerts", Map.of(), T0, 1));
    counts.accept("a@" + (T0 + 180_000), point("alerts", Map.of(), T0 + 180_000, 1));
    Minutes minutes = Minutes.endingAt(Instant.ofEpochMilli(T0 + 180_000), 4);
    assertThat(counts.total("alerts", d -> true, minutes)).containsExactly(0, 0, 0, 1);
  }

  @Test
  void theMatrixIsSymmetricAndLatenciesHaveMedians() {
    CorrelationMatrix matrix = new CorrelationMatrix();
    matrix.match(List.of("NL", "DE"));
    matrix.match(List.of("DE", "NL", "JO"));
    CorrelationMatrix.View view = matrix.view();
    assertThat(view.countries()).containsExactly("DE", "JO", "NL");
    assertThat(view.counts()[0]).containsExactly(0, 1, 2);
    assertThat(view.counts()[2]).containsExactly(2, 1, 0);

    LatencySamples samples = new LatencySamples(3_600_000L);
    samples.add(T0, 1);
    samples.add(T0 + 1, 3);
    samples.add(T0 + 2, 2);
    LatencySamples.View latency = samples.view(Minutes.endingAt(Instant.ofEpochMilli(T0), 1));
    assertThat(latency.medianSeconds()).containsExactly(2.0);
    assertThat(latency.samples()).isEqualTo(3);
  }

  private static MetricPoint point(
      String metric, Map<String, String> dims, long start, long count) {
    return MetricPoint.newBuilder()
        .setMetric(metric)
        .setDimensions(Map.copyOf(dims))
        .setWindowStart(Instant.ofEpochMilli(start))
        .setWindowEnd(Instant.ofEpochMilli(start + 60_000))
        .setCount(count)
        .build();
  }
}
