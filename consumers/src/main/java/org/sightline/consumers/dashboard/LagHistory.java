package org.sightline.consumers.dashboard;

import java.util.Map;
import java.util.TreeMap;

/**
 * The processor's lag over time: the highest measurement in each minute (a backlog that came and
 * went within the minute still shows), none where nothing was measured. Bounded by the retention.
 */
public final class LagHistory {

  private final long retentionMillis;
  private final TreeMap<Long, Long> highest = new TreeMap<>(); // minute -> highest lag

  public LagHistory(long retentionMillis) {
    this.retentionMillis = retentionMillis;
  }

  public synchronized void measured(long atMillis, long waiting) {
    highest.merge(Minutes.floor(atMillis), waiting, Math::max);
    highest.headMap(highest.lastKey() - retentionMillis).clear();
  }

  /** Per minute, the highest lag measured in it; null for a minute without a measurement. */
  public synchronized Long[] view(Minutes minutes) {
    Long[] view = new Long[minutes.count()];
    for (Map.Entry<Long, Long> e : highest.entrySet()) {
      int slot = minutes.index(e.getKey());
      if (slot >= 0) {
        view[slot] = e.getValue();
      }
    }
    return view;
  }
}
