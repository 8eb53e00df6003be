package org.sightline.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.sightline.members.AgencyId;
import org.sightline.topics.Topics;

/**
 * How far the processor is behind the intake: for every partition of every intake topic, the
 * records after the offset the processor's consumer group committed (Kafka Streams commits under
 * its application id). A partition it has never committed counts from its first record, since the
 * processor starts there. Read with an Admin client, from the broker's own bookkeeping: it needs
 * nothing from the processor, and says the same whether one instance runs or ten, or none.
 */
public final class LagProbe implements AutoCloseable {

  /** One measurement; {@code error} is set, and the numbers are empty, when it failed. */
  public record Sample(Instant at, long waiting, Map<String, Long> byAgency, String error) {

    public static Sample failed(Instant at, String error) {
      return new Sample(at, 0, Map.of(), error);
    }

    public boolean measured() {
      return error == null;
    }
  }

  private final Admin admin;
  private final String group;
  private final Duration timeout;

  public LagProbe(KafkaAccess kafka, String group, Duration timeout) {
    this(kafka, group, timeout, "sightline-lag-probe");
  }

  /**
   * @param clientId who measures, as the broker's logs and quotas name it
   */
  public LagProbe(KafkaAccess kafka, String group, Duration timeout, String clientId) {
    this.group = group;
    this.timeout = timeout;
    int millis = (int) timeout.toMillis();
    this.admin =
        Admin.create(
            kafka.clientProperties(
                Map.of(
                    AdminClientConfig.CLIENT_ID_CONFIG,
                    clientId,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    millis,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    millis)));
  }

  public Sample sample() {
    Instant at = Instant.now();
    try {
      Set<String> topics =
          get(admin.listTopics().names()).stream()
              .filter(t -> Topics.INTAKE_PATTERN.matcher(t).matches())
              .collect(Collectors.toSet());
      if (topics.isEmpty()) {
        return new Sample(at, 0, Map.of(), null);
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (TopicDescription d : get(admin.describeTopics(topics).allTopicNames()).values()) {
        d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
      }
      Map<TopicPartition, OffsetAndMetadata> committed =
          get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
      // The intake does not write in transactions, but an agency's own Kafka client may: a record
      // of an open transaction is not waiting for the processor yet, so count to the stable offset.
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          get(
              admin
                  .listOffsets(
                      specs(partitions, OffsetSpec.latest()),
                      new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                  .all());
      Map<TopicPartition, ListOffsetsResultInfo> starts =
          get(admin.listOffsets(specs(partitions, OffsetSpec.earliest())).all());
      long waiting = 0;
      Map<String, Long> byAgency = new TreeMap<>();
      for (TopicPartition p : partitions) {
        long start = starts.get(p).offset();
        OffsetAndMetadata done = committed.get(p);
        long from = done == null ? start : Math.max(start, done.offset());
        long lag = Math.max(0, ends.get(p).offset() - from);
        waiting += lag;
        AgencyId agency = Topics.agencyOfIntakeTopic(p.topic());
        byAgency.merge(agency.value(), lag, Long::sum);
      }
      return new Sample(at, waiting, byAgency, null);
    } catch (ExecutionException e) {
      return Sample.failed(at, String.valueOf(e.getCause()));
    } catch (TimeoutException e) {
      return Sample.failed(at, "the broker did not answer within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Sample.failed(at, "interrupted");
    }
  }

  private static Map<TopicPartition, OffsetSpec> specs(
      List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    partitions.forEach(p -> specs.put(p, spec));
    return specs;
  }

  private <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
      throws ExecutionException, TimeoutException, InterruptedException {
    return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
