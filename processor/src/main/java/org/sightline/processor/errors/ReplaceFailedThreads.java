package org.sightline.processor.errors;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.sightline.logging.QuietLog;
import org.slf4j.LoggerFactory;

/**
 * A stream thread that dies (a failure no handler took: the registry or the broker unreachable long
 * enough, a bug) is replaced, never left dead: its tasks go to the new thread, which resumes from
 * the last commit (exactly-once: nothing lost, nothing twice). Quarkus' Kafka Streams extension
 * installs this bean before it starts the application.
 */
@ApplicationScoped
public class ReplaceFailedThreads implements StreamsUncaughtExceptionHandler {

  private static final QuietLog LOG =
      new QuietLog(
          LoggerFactory.getLogger(ReplaceFailedThreads.class)::warn, Duration.ofMinutes(1));

  /** Failures in a row back off, up to this: a registry down for an hour is not a busy loop. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private long failuresInARow;
  private long lastFailure;

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    backOff();
    Throwable root = exception;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    LOG.warn(
        "thread-failed:" + root.getClass().getName(),
        "a stream thread failed; it is replaced and resumes from the last commit",
        exception);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** Waits 0 s, 1 s, 2 s, 4 s ... up to {@link #MAX_BACKOFF} for failures less than 5 min apart. */
  private void backOff() {
    long wait;
    synchronized (this) {
      long now = System.currentTimeMillis();
      failuresInARow =
          now - lastFailure > Duration.ofMinutes(5).toMillis() ? 0 : failuresInARow + 1;
      lastFailure = now;
      wait =
          failuresInARow == 0
              ? 0
              : Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(20, failuresInARow - 1));
    }
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
