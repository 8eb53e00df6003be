package org.sightline.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.sightline.members.AgencyId;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.testing.SightlineTestStack;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/** Everything an agency's intake topic holds, read to its end: what the tests assert on. */
final class TopicRecords {

  private TopicRecords() {}

  static List<ConsumerRecord<String, IntakeEvent>> all(AgencyId agency) {
    SightlineTestStack stack = SightlineTestStack.get();
    TopicSpec<IntakeEvent> topic = Topics.intake(agency);
    try (KafkaConsumer<String, IntakeEvent> consumer =
        new KafkaConsumer<>(
            stack
                .adminAccess()
                .clientProperties(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000)),
            topic.keySerde().deserializer(),
            topic.valueSerde(stack.serdes()).deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic.name())) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, IntakeEvent>> records = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        boolean done = true;
        for (TopicPartition tp : partitions) {
          done &= consumer.position(tp) >= ends.get(tp);
        }
        if (done) {
          return records;
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      throw new AssertionError("could not read " + topic.name() + " to its end in 30 s");
    }
  }

  /**
   * The sighting id a record is about (the record's key is the sighting's locality): a sighting's
   * own, a retraction's sighting's.
   */
  static String idOf(ConsumerRecord<String, IntakeEvent> r) {
    return r.value().getPayload() instanceof Sighting s
        ? s.getId()
        : ((Retraction) r.value().getPayload()).getSightingId();
  }

  /** How many records each sighting id has. */
  static Map<String, Integer> countsByKey(AgencyId agency) {
    Map<String, Integer> counts = new HashMap<>();
    for (ConsumerRecord<String, IntakeEvent> r : all(agency)) {
      counts.merge(idOf(r), 1, Integer::sum);
    }
    return counts;
  }

  /** The records by sighting id (the last when there are several). */
  static Map<String, IntakeEvent> byKey(AgencyId agency) {
    Map<String, IntakeEvent> events = new HashMap<>();
    for (ConsumerRecord<String, IntakeEvent> r : all(agency)) {
      events.put(idOf(r), r.value());
    }
    return events;
  }
}
