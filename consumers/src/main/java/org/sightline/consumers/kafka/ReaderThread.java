package org.sightline.consumers.kafka;

import java.util.function.Consumer;

/**
 * The daemon thread a Kafka reader polls on. Stopping it clears the loop condition and wakes the
 * consumer's poll (a consumer may only be touched from its own thread, {@code wakeup} excepted).
 */
public final class ReaderThread {

  private final Thread thread;
  private final Runnable wakeup;
  private volatile boolean running = true;

  /**
   * @param loop reads while {@link #running()} holds
   * @param wakeup the consumer's {@code wakeup}, which ends a poll in progress
   */
  public ReaderThread(String name, Consumer<ReaderThread> loop, Runnable wakeup) {
    this.thread = new Thread(() -> loop.accept(this), name);
    this.thread.setDaemon(true);
    this.wakeup = wakeup;
  }

  public ReaderThread start() {
    thread.start();
    return this;
  }

  /** The loop condition. */
  public boolean running() {
    return running;
  }

  /**
   * Waits a second before the loop tries again (the broker or the registry did not answer); an
   * interrupt, which only shutdown sends, ends the loop.
   */
  public void pauseASecond() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      halt();
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the loop from inside it (the thread was interrupted). */
  public void halt() {
    running = false;
  }

  /** Ends the loop from outside and waits up to 10 s for the thread to finish. */
  public void stop() {
    running = false;
    wakeup.run();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the thread is still reading. */
  public boolean isAlive() {
    return running && thread.isAlive();
  }
}
