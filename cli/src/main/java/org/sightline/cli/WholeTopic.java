package org.sightline.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.sightline.client.KafkaAccess;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;

/**
 * A topic read from its beginning to the end it had when reading began, committed records only,
 * with no consumer group (every partition assigned): what a command that reports or exports a topic
 * sees. Throws the broker's {@code AuthorizationException} when the principal may not read it.
 */
final class WholeTopic {

  private WholeTopic() {}

  static <V extends SpecificRecord> void read(
      KafkaAccess access,
      String registry,
      TopicSpec<V> topic,
      Duration wait,
      Consumer<ConsumerRecord<String, V>> each) {
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            access.readerProperties("sightline-cli-" + topic.name()),
            topic.keySerde().deserializer(),
            topic.valueSerde(RegistrySerdes.forRegistry(registry)).deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), wait).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, wait);
      long deadline = System.currentTimeMillis() + wait.toMillis();
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(topic.name() + " was not read to its end in time");
        }
        consumer.poll(Duration.ofMillis(500)).forEach(each);
      }
    }
  }
}
