package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;
import org.sightline.schema.MetricPoint;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/** The per-minute dashboard series: counted per task, handed on, summed per minute. */
class MetricsTest {

  private static final long MINUTE_0 = T0.toEpochMilli();
  private static final long MINUTE_1 = T0.plusSeconds(60).toEpochMilli();

  @Test
  void sightingsAndAlertsAreCountedPerSeriesAndMinute() {
    try (TopologyFixture f = new TopologyFixture()) {
      var metrics = f.metrics();
      f.sighting(TestMembers.NL_POLICE, "nl-1", "http://a.example/1", Tlp.GREEN, T0);
      f.sighting(TestMembers.NL_POLICE, "nl-2", "http://b.example/2", Tlp.GREEN, T0.plusSeconds(5));
      f.sighting(TestMembers.NL_POLICE, "nl-2", "http://b.example/2", Tlp.GREEN, T0.plusSeconds(6));
      f.sighting(
          TestMembers.DE_POLICE, "de-1", "http://a.example/1", Tlp.GREEN, T0.plusSeconds(10));
      f.sighting(TestMembers.DE_POLICE, "de-2", "http://c.example/", Tlp.GREEN, T0.plusSeconds(70));
      assertThat(metrics.isEmpty()).as("nothing handed on before the flush").isTrue();

      f.advanceWallClock(Duration.ofSeconds(5));
      Map<String, MetricPoint> points = metrics.readKeyValuesToMap();

      String nlUrls = "sightings|country=NL|agency=nl-police|type=URL";
      assertThat(points.get(Topics.metricKey(nlUrls, MINUTE_0)).getCount())
          .as("a replayed sighting id counts once")
          .isEqualTo(2);
      String deUrls = "sightings|country=DE|agency=de-police|type=URL";
      assertThat(points.get(Topics.metricKey(deUrls, MINUTE_0)).getCount()).isEqualTo(1);
      MetricPoint nextMinute = points.get(Topics.metricKey(deUrls, MINUTE_1));
      assertThat(nextMinute.getCount()).isEqualTo(1);
      assertThat(nextMinute.getWindowStart()).isEqualTo(Instant.ofEpochMilli(MINUTE_1));
      assertThat(nextMinute.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(MINUTE_1 + 60_000));
      assertThat(nextMinute.getMetric()).isEqualTo("sightings");
      assertThat(nextMinute.getDimensions())
          .containsEntry("country", "DE")
          .containsEntry("agency", "de-police")
          .containsEntry("type", "URL");

      String crossBorderToNl =
          "alerts|recipient=NL|reason=CROSS_BORDER_MATCH|disclosure=FULL|type=URL";
      assertThat(points.get(Topics.metricKey(crossBorderToNl, MINUTE_0)).getCount()).isEqualTo(1);
      assertThat(points.keySet())
          .anyMatch(k -> k.startsWith("alerts|recipient=DE|reason=CROSS_BORDER_MATCH"));

      // A later count for the same minute adds up with the earlier one.
      f.sighting(TestMembers.NL_POLICE, "nl-3", "http://d.example/", Tlp.GREEN, T0.plusSeconds(30));
      f.advanceWallClock(Duration.ofSeconds(5));
      assertThat(metrics.readKeyValuesToMap().get(Topics.metricKey(nlUrls, MINUTE_0)).getCount())
          .isEqualTo(3);
      assertThat(totalIn(f, nlUrls)).as("the queryable per-minute store").isEqualTo(3);
    }
  }

  private static long totalIn(TopologyFixture f, String series) {
    long total = 0;
    try (KeyValueIterator<Windowed<String>, Long> all = f.metricsStore().all()) {
      while (all.hasNext()) {
        KeyValue<Windowed<String>, Long> next = all.next();
        if (next.key.key().equals(series)) {
          total += next.value;
        }
      }
    }
    return total;
  }
}
