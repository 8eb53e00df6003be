package org.sightline.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A log that does not drown: the first failure of each kind is logged whole, with its stack trace;
 * the same kind again is only counted, and the count logged at most once per interval. A poison
 * record replayed a thousand times, or a registry down for an hour, then costs a few lines, not a
 * stack trace per record (a 528 MB log in five minutes, once). Any logging library plugs in as the
 * {@link Sink}.
 */
public final class QuietLog {

  /** Where lines go: a warning with its error (null for a count). */
  @FunctionalInterface
  public interface Sink {
    void warn(String message, Throwable error);
  }

  private final Sink sink;
  private final Clock clock;
  private final long intervalMillis;
  private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

  private static final class Kind {
    final AtomicLong since = new AtomicLong();
    final AtomicLong total = new AtomicLong();
    volatile long lastReport;
  }

  public QuietLog(Sink sink, Duration interval) {
    this(sink, interval, Clock.systemUTC());
  }

  public QuietLog(Sink sink, Duration interval, Clock clock) {
    this.sink = sink;
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
  }

  /**
   * Logs {@code message} with {@code error} the first time {@code kind} happens; afterwards counts,
   * and reports the count once per interval. Returns how many times {@code kind} happened.
   */
  public long warn(String kind, String message, Throwable error) {
    Kind k = kinds.computeIfAbsent(kind, x -> new Kind());
    long total = k.total.incrementAndGet();
    long now = clock.millis();
    if (total == 1) {
      k.lastReport = now;
      sink.warn(message + " (more of this kind are counted, not logged one by one)", error);
    } else {
      long since = k.since.incrementAndGet();
      if (now - k.lastReport >= intervalMillis) {
        k.lastReport = now;
        k.since.addAndGet(-since);
        sink.warn(
            since
                + " more of: "
                + kind
                + " ("
                + total
                + " in all; the latest: "
                + (error == null ? "-" : error.toString())
                + ")",
            null);
      }
    }
    return total;
  }

  /** That {@code kind} is over: the next one is logged whole again. */
  public void recovered(String kind) {
    kinds.remove(kind);
  }

  /** How many times {@code kind} happened. */
  public long count(String kind) {
    Kind k = kinds.get(kind);
    return k == null ? 0 : k.total.get();
  }
}
