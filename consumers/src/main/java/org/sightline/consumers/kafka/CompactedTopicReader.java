package org.sightline.consumers.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaAccess;
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
public final class CompactedTopicReader<V extends SpecificRecord> extends TopicReader<V> {

  private static final Logger LOG = Logger.getLogger(CompactedTopicReader.class);

  /** How often the partitions are looked up again, so that added partitions are read too. */
  private static final long PARTITION_CHECK_MILLIS = 30_000;

  private final TopicSpec<V> topic;
  private final Consumer<ConsumerRecord<String, V>> handler;

  private volatile boolean loaded;

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
    // No group: every partition is assigned, and read whole on every start.
    super(
        what,
        kafka.readerProperties("sightline-consumers-" + topic.name()),
        topic.keySerde().deserializer(),
        topic.valueSerde(RegistrySerdes.forRegistry(registryUrl)).deserializer());
    this.topic = topic;
    this.handler = handler;
  }

  /** Whether the whole list, as it was when the reader started, has been read. */
  public boolean isLoaded() {
    return loaded;
  }

  @Override
  protected boolean beforePoll() {
    if (System.currentTimeMillis() - partitionsCheckedAt >= PARTITION_CHECK_MILLIS
        || assigned.isEmpty()) {
      assignPartitions();
    }
    return !assigned.isEmpty();
  }

  @Override
  protected void accept(ConsumerRecords<String, V> records) {
    for (ConsumerRecord<String, V> record : records) {
      handler.accept(record);
    }
  }

  @Override
  protected void afterPoll() {
    if (!loaded && reachedLoadTargets()) {
      loaded = true;
      LOG.infof("%s loaded from %s", what(), topic.name());
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
        LOG.warnf("topic %s does not exist (yet): the %s is not served", topic.name(), what());
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
