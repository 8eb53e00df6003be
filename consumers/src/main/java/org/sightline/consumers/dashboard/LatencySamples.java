package org.sightline.consumers.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Durations observed per minute (in seconds), for a median per minute and over the range shown.
 * Bounded: minutes older than the retention are dropped, and a minute keeps at most {@link
 * #PER_MINUTE} samples (enough for a median; a burst does not grow memory).
 */
public final class LatencySamples {

  static final int PER_MINUTE = 2000;

  /** Per-minute medians (null where nothing was observed), and the range's median and 90th. */
  public record View(Double[] medianSeconds, int samples, Double median, Double p90) {}

  private final long retentionMillis;
  private final TreeMap<Long, List<Double>> byMinute = new TreeMap<>();

  public LatencySamples(long retentionMillis) {
    this.retentionMillis = retentionMillis;
  }

  public synchronized void add(long atMillis, double seconds) {
    long minute = Minutes.floor(atMillis);
    List<Double> samples = byMinute.computeIfAbsent(minute, m -> new ArrayList<>());
    if (samples.size() < PER_MINUTE) {
      samples.add(seconds);
    }
    byMinute.headMap(byMinute.lastKey() - retentionMillis).clear();
  }

  public synchronized View view(Minutes minutes) {
    Double[] medians = new Double[minutes.count()];
    List<Double> all = new ArrayList<>();
    for (Map.Entry<Long, List<Double>> e : byMinute.entrySet()) {
      int slot = minutes.index(e.getKey());
      if (slot >= 0) {
        medians[slot] = quantile(e.getValue(), 0.5);
        all.addAll(e.getValue());
      }
    }
    return new View(medians, all.size(), quantile(all, 0.5), quantile(all, 0.9));
  }

  /** The {@code q} quantile (nearest rank), or null for no values. */
  public static Double quantile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return null;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
