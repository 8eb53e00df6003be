package org.sightline.consumers.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ReaderThread;
import org.sightline.logging.QuietLog;
import org.sightline.serde.RegistryFailures;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;

/**
 * Reads a compacted topic (the "worst of" list, the known-hash list) from the beginning, every
 * partition, handing each record to a callback. Nothing is committed and no consumer group is
 * joined: each instance holds the whole list, rebuilt from the topic on every start. The list is
 * {@link #isLoaded loaded} once every partition has been read up to the end it had when the reader
 * started; until then a download would hand out a partial list, which a client would take for "take
 * the rest off".
 */
public final class CompactedTopicReader<V extends SpecificRecord> {

  private static final Logger LOG = Logger.getLogger(CompactedTopicReader.class);

  /** Each kind of failure logged once, then counted: a long outage costs a few lines. */
  private static final QuietLog QUIET =
      new QuietLog((message, error) -> LOG.warn(message, error), java.time.Duration.ofMinutes(1));

  private static final Duration POLL = Duration.ofMillis(500);

  /** How often the partitions are looked up again, so that added partitions are read too. */
  private static final long PARTITION_CHECK_MILLIS = 30_000;

  private final TopicSpec<V> topic;
  private final String what;
  private final Consumer<ConsumerRecord<String, V>> handler;
  private final KafkaConsumer<String, V> consumer;

  private volatile boolean loaded;
  private volatile ReaderThread reader;

  /** Where each partition ended when the reader started: reading up to here is "loaded". */
  private Map<TopicPartition, Long> loadTargets;

  private final Set<TopicPartition> assigned = new HashSet<>();
  private long partitionsCheckedAt;
  private boolean toldTopicMissing;

  /**
   * @param what the list's name in log lines, e.g. "IWOL list"
   * @param handler applies one record (a tombstone's value is null), on the reader thread
   */
  public CompactedTopicReader(
      TopicSpec<V> topic,
      String what,
      KafkaAccess kafka,
      String registryUrl,
      Consumer<ConsumerRecord<String, V>> handler) {
    this.topic = topic;
    this.what = what;
    this.handler = handler;
    // No group: every partition is assigned, and read whole on every start.
    this.consumer =
        new KafkaConsumer<>(
            kafka.readerProperties("sightline-consumers-" + topic.name()),
            topic.keySerde().deserializer(),
            topic.valueSerde(RegistrySerdes.forRegistry(registryUrl)).deserializer());
  }

  public void start() {
    reader = new ReaderThread("sightline-reader-" + topic.name(), r -> run(), consumer::wakeup);
    reader.start();
  }

  public void stop() {
    if (reader != null) {
      reader.stop();
    }
  }

  /** Whether the reader thread is still reading. */
  public boolean isRunning() {
    return reader != null && reader.isAlive();
  }

  /** Whether the whole list, as it was when the reader started, has been read. */
  public boolean isLoaded() {
    return loaded;
  }

  private void run() {
    try {
      while (reader.running()) {
        step();
      }
    } finally {
      consumer.close();
    }
  }

  private void step() {
    try {
      if (System.currentTimeMillis() - partitionsCheckedAt >= PARTITION_CHECK_MILLIS
          || assigned.isEmpty()) {
        assignPartitions();
      }
      if (assigned.isEmpty()) {
        reader.pauseASecond();
        return;
      }
      for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
        handler.accept(record);
      }
      if (!loaded && reachedLoadTargets()) {
        loaded = true;
        LOG.infof("%s loaded from %s", what, topic.name());
      }
    } catch (WakeupException e) {
      // stop() interrupts the poll; the loop condition ends the thread.
    } catch (RecordDeserializationException e) {
      if (RegistryFailures.isTransient(e)) {
        // The registry did not answer: the entry is fine, read it again shortly.
        QUIET.warn("registry", "cannot decode the " + what + " for now; retrying in 1 s", e);
        reader.pauseASecond();
        return;
      }
      // Otherwise the same unreadable record would be returned by every poll, forever.
      QUIET.warn(
          "unreadable",
          "skipping an unreadable entry of the "
              + what
              + " at "
              + e.topicPartition()
              + "@"
              + e.offset(),
          e);
      consumer.seek(e.topicPartition(), e.offset() + 1);
    } catch (RuntimeException e) {
      QUIET.warn("read-failed", "reading the " + what + " failed; retrying in 1 s", e);
      reader.pauseASecond();
    }
  }

  /** Every partition of the topic, new ones read from their beginning. */
  private void assignPartitions() {
    partitionsCheckedAt = System.currentTimeMillis();
    List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
    List<TopicPartition> all = new ArrayList<>();
    for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
      all.add(new TopicPartition(info.topic(), info.partition()));
    }
    if (all.isEmpty()) {
      if (!toldTopicMissing) {
        LOG.warnf("topic %s does not exist (yet): the %s is not served", topic.name(), what);
        toldTopicMissing = true;
      }
      return;
    }
    List<TopicPartition> added = all.stream().filter(tp -> !assigned.contains(tp)).toList();
    if (added.isEmpty()) {
      return;
    }
    // assign() keeps the positions of partitions that stay assigned.
    consumer.assign(all);
    consumer.seekToBeginning(added);
    assigned.addAll(added);
    if (loadTargets == null) {
      loadTargets = consumer.endOffsets(all);
    }
  }

  private boolean reachedLoadTargets() {
    for (Map.Entry<TopicPartition, Long> target : loadTargets.entrySet()) {
      if (consumer.position(target.getKey()) < target.getValue()) {
        return false;
      }
    }
    return true;
  }
}
