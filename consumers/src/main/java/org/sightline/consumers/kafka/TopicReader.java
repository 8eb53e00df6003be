package org.sightline.consumers.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;
import org.sightline.logging.QuietLog;
import org.sightline.serde.RegistryFailures;

/**
 * The one reading loop of this service: a consumer polled on a thread of its own, and the same
 * answer to every failure, whatever is read. A record the registry cannot decode for now is read
 * again a second later; a record that can never be decoded is skipped (the same poll would
 * otherwise return it forever) and logged; any other failure is logged and the loop goes on after a
 * second. Each kind of failure is logged once a minute, then counted, so a long outage costs a few
 * lines. Subclasses say where to read ({@link #position}, {@link #beforePoll}), what a batch does
 * ({@link #accept}) and what to do around it.
 *
 * <p>Settings come from {@code KafkaAccess.readerProperties}: committed transactions only, nothing
 * committed, no topic auto-created.
 */
public abstract class TopicReader<V> {

  private static final Logger LOG = Logger.getLogger(TopicReader.class);

  private static final QuietLog QUIET =
      new QuietLog((message, error) -> LOG.warn(message, error), Duration.ofMinutes(1));

  private static final Duration POLL = Duration.ofMillis(500);

  /** Touched on the reader thread only (and by {@code wakeup}). */
  protected final KafkaConsumer<String, V> consumer;

  private final String what;
  private volatile ReaderThread thread;

  /**
   * @param what what is read, in log lines and the thread's name, e.g. "IWOL list"
   */
  protected TopicReader(
      String what, Map<String, Object> props, Deserializer<String> keys, Deserializer<V> values) {
    this.what = what;
    this.consumer = new KafkaConsumer<>(props, keys, values);
  }

  public final void start() {
    // Assigned before the thread starts: the loop reads it at once.
    thread = new ReaderThread("sightline-reader-" + what, t -> run(), consumer::wakeup);
    thread.start();
  }

  /** Ends the loop and waits up to 10 s for the thread to finish. */
  public final void stop() {
    if (thread != null) {
      thread.stop();
    }
  }

  /** Whether the reader thread is still reading. */
  public final boolean isRunning() {
    return thread != null && thread.isAlive();
  }

  /** What is read, as log lines name it. */
  protected final String what() {
    return what;
  }

  /**
   * On the reader thread, before anything is read (e.g. open a local store, retrying while the
   * broker is away with {@link #running()} and {@link #pauseASecond()}). False ends the reader.
   */
  protected boolean prepare() {
    return true;
  }

  /** Subscribes or assigns, once, after {@link #prepare()}; by default nothing. */
  protected void position() {}

  /** Before each poll; false skips it (nothing to read yet) and the loop waits a second. */
  protected boolean beforePoll() {
    return true;
  }

  /** Applies one polled batch (never empty), on the reader thread. */
  protected abstract void accept(ConsumerRecords<String, V> records);

  /** After each successful poll, e.g. housekeeping. */
  protected void afterPoll() {}

  /** After a failed poll or batch, once the loop has waited its second (e.g. rewind). */
  protected void afterFailure() {}

  /** When the loop ends, after the consumer is closed. */
  protected void onClose() {}

  /** The loop condition, for {@link #prepare()}'s own retries. */
  protected final boolean running() {
    return thread.running();
  }

  /** Waits a second; an interrupt (shutdown) ends the loop. */
  protected final void pauseASecond() {
    thread.pauseASecond();
  }

  private void run() {
    try {
      if (!prepare()) {
        return;
      }
      position();
      while (thread.running()) {
        step();
      }
    } finally {
      consumer.close();
      onClose();
    }
  }

  private void step() {
    try {
      if (!beforePoll()) {
        thread.pauseASecond();
        return;
      }
      ConsumerRecords<String, V> records = consumer.poll(POLL);
      if (!records.isEmpty()) {
        accept(records);
      }
      afterPoll();
    } catch (WakeupException e) {
      // stop() interrupts the poll; the loop condition ends the thread.
    } catch (RecordDeserializationException e) {
      if (RegistryFailures.isTransient(e)) {
        // The registry did not answer: the record is fine, read it again shortly.
        QUIET.warn(
            "registry:" + what, "cannot decode the " + what + " for now; retrying in 1 s", e);
        thread.pauseASecond();
        return;
      }
      QUIET.warn(
          "unreadable:" + e.topicPartition(),
          "skipping an unreadable record of the "
              + what
              + " at "
              + e.topicPartition()
              + "@"
              + e.offset(),
          e);
      consumer.seek(e.topicPartition(), e.offset() + 1);
    } catch (RuntimeException e) {
      QUIET.warn("read-failed:" + what, "reading the " + what + " failed; retrying in 1 s", e);
      thread.pauseASecond();
      afterFailure();
    }
  }
}
