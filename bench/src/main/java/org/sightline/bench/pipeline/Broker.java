package org.sightline.bench.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.sightline.client.KafkaAccess;

/** The few admin questions a benchmark asks of the broker, as the admin (SASL_SSL). */
final class Broker implements AutoCloseable {

  private final Admin admin;

  Broker(KafkaAccess access) {
    this.admin = Admin.create(access.clientProperties());
  }

  void create(Collection<String> topics, int partitions) throws Exception {
    List<NewTopic> missing = new ArrayList<>();
    Set<String> existing = admin.listTopics().names().get();
    for (String t : topics) {
      if (!existing.contains(t)) {
        missing.add(new NewTopic(t, partitions, (short) 1));
      }
    }
    admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
    awaitLeaders(topics);
  }

  /**
   * Until every partition of the topics has a leader: the fillers write as soon as a topic exists.
   * (Not enough on its own: the broker itself may take a moment longer, see {@link
   * BenchAccess#loadProducer}.)
   */
  void awaitLeaders(Collection<String> topics) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      Map<String, TopicDescription> described;
      try {
        described = admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        described = Map.of();
      }
      boolean ready =
          described.size() == topics.size()
              && described.values().stream()
                  .flatMap(d -> d.partitions().stream())
                  .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
      if (ready) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("partitions without a leader after 60 s: " + topics);
      }
      Thread.sleep(100);
    }
  }

  /** Deletes the topics whose names match, e.g. an earlier run's intake and internal topics. */
  void deleteMatching(Pattern pattern) throws Exception {
    List<String> doomed =
        admin.listTopics().names().get().stream()
            .filter(t -> pattern.matcher(t).matches())
            .toList();
    if (!doomed.isEmpty()) {
      admin.deleteTopics(doomed).all().get(60, TimeUnit.SECONDS);
    }
  }

  /** The sum of the end offsets of every partition of the topics matching the pattern. */
  long endOffsets(Pattern pattern) throws Exception {
    return endOffsetsByPartition(pattern).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The end offset of every partition of the topics matching the pattern. */
  Map<TopicPartition, Long> endOffsetsByPartition(Pattern pattern) throws Exception {
    List<String> topics =
        admin.listTopics().names().get().stream()
            .filter(t -> pattern.matcher(t).matches())
            .toList();
    if (topics.isEmpty()) {
      return Map.of();
    }
    Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    described
        .values()
        .forEach(
            d ->
                d.partitions()
                    .forEach(
                        p ->
                            latest.put(
                                new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
        admin.listOffsets(latest).all().get().entrySet()) {
      ends.put(e.getKey(), e.getValue().offset());
    }
    return ends;
  }

  /** The offsets a consumer group (a Streams application id) committed on matching topics. */
  long committed(String group, Pattern topics) throws InterruptedException {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream()
          .filter(e -> topics.matcher(e.getKey().topic()).matches())
          .filter(e -> e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    } catch (ExecutionException e) {
      return 0;
    }
  }

  /**
   * How far a group (a Streams application id) is behind on everything it has committed: its
   * sources and its own repartition topics. Zero when every stage has caught up.
   */
  long lag(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    long lag = 0;
    var ends = admin.listOffsets(latest).all().get();
    for (var e : committed.entrySet()) {
      long end = ends.get(e.getKey()).offset();
      long at = e.getValue() == null ? 0 : e.getValue().offset();
      // Under exactly-once the end offset counts the transaction marker after the last record.
      lag += Math.max(0, end - at - 1);
    }
    return lag;
  }

  /** Adds ACLs, e.g. a service's rights on a run's own topics. */
  void grant(Collection<AclBinding> acls) throws Exception {
    if (!acls.isEmpty()) {
      admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
    }
  }

  /** Removes ACLs added by {@link #grant}. */
  void revoke(Collection<AclBinding> acls) throws Exception {
    if (!acls.isEmpty()) {
      admin
          .deleteAcls(acls.stream().map(AclBinding::toFilter).toList())
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
