package org.sightline.consumers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaAccess;
import org.sightline.logging.QuietLog;
import org.sightline.serde.RegistryFailures;

/**
 * One topic read from the beginning on a thread of its own, every record handed to a callback. Each
 * instance reads everything itself (a group of its own, nothing committed): the views built from it
 * are rebuilt from Kafka on every start.
 */
public final class TopicTail<V> {

  private static final Logger LOG = Logger.getLogger(TopicTail.class);

  /** Each kind of failure logged once, then counted: a long outage costs a few lines. */
  private static final QuietLog QUIET =
      new QuietLog((message, error) -> LOG.warn(message, error), java.time.Duration.ofMinutes(1));

  private static final Duration POLL = Duration.ofMillis(500);

  private final String topic;
  private final KafkaConsumer<String, V> consumer;
  private final Consumer<ConsumerRecord<String, V>> handler;
  private volatile ReaderThread reader;

  public TopicTail(
      String topic,
      KafkaAccess kafka,
      Deserializer<String> keys,
      Deserializer<V> values,
      Consumer<ConsumerRecord<String, V>> handler) {
    this.topic = topic;
    this.handler = handler;
    Map<String, Object> props = kafka.readerProperties("sightline-consumers-" + topic);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "sightline-consumers-" + UUID.randomUUID());
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    this.consumer = new KafkaConsumer<>(props, keys, values);
  }

  public void start() {
    reader = new ReaderThread("sightline-tail-" + topic, this::run, consumer::wakeup);
    reader.start();
  }

  public void stop() {
    if (reader != null) {
      reader.stop();
    }
  }

  public boolean isRunning() {
    return reader != null && reader.isAlive();
  }

  private void run(ReaderThread reader) {
    try {
      consumer.subscribe(List.of(topic));
      while (reader.running()) {
        poll(reader);
      }
    } finally {
      consumer.close();
    }
  }

  private void poll(ReaderThread reader) {
    try {
      for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
        handler.accept(record);
      }
    } catch (WakeupException e) {
      // stop() interrupts the poll; the loop condition ends the thread.
    } catch (RecordDeserializationException e) {
      if (RegistryFailures.isTransient(e)) {
        // The registry did not answer: the record is fine, read it again shortly.
        QUIET.warn("registry:" + topic, "cannot decode " + topic + " for now; retrying in 1 s", e);
        reader.pauseASecond();
        return;
      }
      // Otherwise the same unreadable record would be returned by every poll, forever.
      QUIET.warn(
          "unreadable:" + topic,
          "skipping unreadable record at " + e.topicPartition() + "@" + e.offset(),
          e);
      consumer.seek(e.topicPartition(), e.offset() + 1);
    } catch (RuntimeException e) {
      QUIET.warn("read-failed:" + topic, "reading " + topic + " failed; retrying in 1 s", e);
      reader.pauseASecond();
    }
  }
}
