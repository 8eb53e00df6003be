package org.sightline.consumers.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The minutes a dashboard answer covers: {@code count} minutes up to and including {@code now}'s.
 */
public record Minutes(long firstStartMillis, int count) {

  public static final long MINUTE = 60_000L;

  public static Minutes endingAt(Instant now, int count) {
    long current = floor(now.toEpochMilli());
    return new Minutes(current - (count - 1) * MINUTE, count);
  }

  public static long floor(long millis) {
    return millis - Math.floorMod(millis, MINUTE);
  }

  /** The slot of {@code millis} in this range, or -1 outside it. */
  public int index(long millis) {
    long i = Math.floorDiv(millis - firstStartMillis, MINUTE);
    return i < 0 || i >= count ? -1 : (int) i;
  }

  public List<Instant> starts() {
    List<Instant> starts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      starts.add(Instant.ofEpochMilli(firstStartMillis + i * MINUTE));
    }
    return starts;
  }
}
