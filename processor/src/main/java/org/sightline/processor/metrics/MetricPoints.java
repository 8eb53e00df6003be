package org.sightline.processor.metrics;

import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.MetricPoint;
import org.sightline.schema.Sighting;
import org.sightline.topics.Topics;

/** The dashboard series that sightings and alerts count in, and their published form. */
public final class MetricPoints {

  private MetricPoints() {}

  /** Sightings by reporting country, agency and indicator type; retractions count in none. */
  public static String sightingSeries(AttributedEvent event) {
    if (!(event.getPayload() instanceof Sighting sighting)) {
      return null;
    }
    return MetricSeries.key(
        MetricSeries.SIGHTINGS,
        "country",
        event.getCountry(),
        "agency",
        event.getAgencyId(),
        "type",
        sighting.getIndicator().getType().name());
  }

  /** Alerts by recipient, reason, disclosure and indicator type. */
  public static String alertSeries(org.sightline.schema.Alert alert) {
    return MetricSeries.key(
        MetricSeries.ALERTS,
        "recipient",
        alert.getRecipient(),
        "reason",
        alert.getReason().name(),
        "disclosure",
        alert.getDisclosure().name(),
        "type",
        alert.getIndicatorType().name());
  }

  /** One minute's total of one series, keyed for the compacted metrics topic. */
  public static KeyValue<String, MetricPoint> point(Windowed<String> window, Long count) {
    MetricSeries series = MetricSeries.parse(window.key());
    return KeyValue.pair(
        Topics.metricKey(window.key(), window.window().start()),
        MetricPoint.newBuilder()
            .setMetric(series.metric())
            .setDimensions(series.dimensions())
            .setWindowStart(Instant.ofEpochMilli(window.window().start()))
            .setWindowEnd(Instant.ofEpochMilli(window.window().end()))
            .setCount(count)
            .build());
  }
}
