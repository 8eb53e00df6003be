package org.sightline.processor.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One dashboard series: a metric and its dimensions, e.g. {@code
 * sightings|country=NL|agency=nl-police|type=URL}. The string form is the series' key on the
 * metrics topics; dimension values are country codes, agency ids and enum names, which never
 * contain {@code |} or {@code =}.
 */
public record MetricSeries(String metric, Map<String, String> dimensions) {

  public static final String SIGHTINGS = "sightings";
  public static final String ALERTS = "alerts";

  public MetricSeries {
    dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
  }

  /** A series from alternating dimension names and values, in the order given. */
  public static String key(String metric, String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("dimension names and values must come in pairs");
    }
    StringJoiner key = new StringJoiner("|").add(metric);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      key.add(namesAndValues[i] + "=" + namesAndValues[i + 1]);
    }
    return key.toString();
  }

  /** The series a key names. */
  public static MetricSeries parse(String key) {
    String[] parts = key.split("\\|");
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("not a metric series key: " + key);
      }
      dimensions.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    return new MetricSeries(parts[0], dimensions);
  }
}
