package org.sightline.consumers.dashboard;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.sightline.schema.MetricPoint;

/**
 * The latest count of every series and minute read from {@code metrics.per-minute}: the processor
 * writes a minute's total again whenever more is counted, so the last record per key wins. Minutes
 * older than the retention are dropped, so memory is bounded by series × minutes kept.
 */
public final class MetricCounts {

  /** One minute's total of one series. */
  record Point(String metric, Map<String, String> dimensions, long minuteStart, long count) {}

  private final long retentionMillis;
  private final Map<String, Point> byKey = new ConcurrentHashMap<>();
  private volatile long newestMinute;

  public MetricCounts(long retentionMillis) {
    this.retentionMillis = retentionMillis;
  }

  public void accept(String key, MetricPoint point) {
    if (key == null) {
      return;
    }
    if (point == null) {
      byKey.remove(key);
      return;
    }
    long minute = point.getWindowStart().toEpochMilli();
    byKey.put(
        key,
        new Point(point.getMetric(), Map.copyOf(point.getDimensions()), minute, point.getCount()));
    if (minute > newestMinute) {
      newestMinute = minute;
      long cutoff = minute - retentionMillis;
      byKey.values().removeIf(p -> p.minuteStart() < cutoff);
    }
  }

  /**
   * Per-minute totals of {@code metric} over the series {@code filter} accepts, one row per value
   * of dimension {@code groupBy} (sorted), or a single row "all" when it is null.
   */
  public Map<String, long[]> sum(
      String metric, Predicate<Map<String, String>> filter, String groupBy, Minutes minutes) {
    Map<String, long[]> rows = new TreeMap<>();
    for (Point p : byKey.values()) {
      if (!p.metric().equals(metric) || !filter.test(p.dimensions())) {
        continue;
      }
      int slot = minutes.index(p.minuteStart());
      if (slot < 0) {
        continue;
      }
      String group = groupBy == null ? "all" : p.dimensions().getOrDefault(groupBy, "?");
      rows.computeIfAbsent(group, g -> new long[minutes.count()])[slot] += p.count();
    }
    return rows;
  }

  /** One row: the per-minute totals of every matching series together. */
  public long[] total(String metric, Predicate<Map<String, String>> filter, Minutes minutes) {
    return sum(metric, filter, null, minutes).getOrDefault("all", new long[minutes.count()]);
  }
}
