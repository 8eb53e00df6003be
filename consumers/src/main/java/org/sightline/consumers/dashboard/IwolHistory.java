package org.sightline.consumers.dashboard;

import java.util.Map;
import java.util.TreeMap;
import org.sightline.consumers.iwol.IwolChanges;

/**
 * The "worst of" list over time: how many changes each minute (by the time the processor wrote
 * them) and its size at the end of that minute. Bounded by the retention.
 */
public final class IwolHistory implements IwolChanges {

  private final long retentionMillis;
  private final TreeMap<Long, long[]> byMinute = new TreeMap<>(); // minute -> {changes, size}

  public IwolHistory(long retentionMillis) {
    this.retentionMillis = retentionMillis;
  }

  @Override
  public synchronized void changed(long atMillis, int sizeAfter) {
    long[] slot = byMinute.computeIfAbsent(Minutes.floor(atMillis), m -> new long[2]);
    slot[0]++;
    slot[1] = sizeAfter;
    byMinute.headMap(byMinute.lastKey() - retentionMillis).clear();
  }

  /** Changes per minute. */
  public synchronized long[] changes(Minutes minutes) {
    long[] changes = new long[minutes.count()];
    for (Map.Entry<Long, long[]> e : byMinute.entrySet()) {
      int slot = minutes.index(e.getKey());
      if (slot >= 0) {
        changes[slot] = e.getValue()[0];
      }
    }
    return changes;
  }

  /** Size at the end of each minute, carried forward through minutes without change. */
  public synchronized long[] sizes(Minutes minutes, long currentSize) {
    long[] sizes = new long[minutes.count()];
    Map.Entry<Long, long[]> before = byMinute.lowerEntry(minutes.firstStartMillis());
    long size = before == null ? 0 : before.getValue()[1];
    for (int i = 0; i < minutes.count(); i++) {
      long[] slot = byMinute.get(minutes.firstStartMillis() + i * Minutes.MINUTE);
      if (slot != null) {
        size = slot[1];
      }
      sizes[i] = size;
    }
    if (byMinute.isEmpty()) {
      java.util.Arrays.fill(sizes, currentSize);
    }
    return sizes;
  }
}
