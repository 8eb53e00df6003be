package org.sightline.consumers.kafka;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.serialization.Deserializer;
import org.sightline.client.KafkaAccess;

/**
 * One topic read from the beginning on a thread of its own, every record handed to a callback. Each
 * instance reads everything itself (a group of its own, nothing committed): the views built from it
 * are rebuilt from Kafka on every start.
 */
public final class TopicTail<V> extends TopicReader<V> {

  private final String topic;
  private final Consumer<ConsumerRecord<String, V>> handler;

  public TopicTail(
      String topic,
      KafkaAccess kafka,
      Deserializer<String> keys,
      Deserializer<V> values,
      Consumer<ConsumerRecord<String, V>> handler) {
    super(topic, properties(kafka, topic), keys, values);
    this.topic = topic;
    this.handler = handler;
  }

  private static Map<String, Object> properties(KafkaAccess kafka, String topic) {
    Map<String, Object> props = kafka.readerProperties("sightline-consumers-" + topic);
    // A group of its own: a shared one would split the records between the instances.
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "sightline-consumers-" + UUID.randomUUID());
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    return props;
  }

  @Override
  protected void position() {
    consumer.subscribe(List.of(topic));
  }

  @Override
  protected void accept(ConsumerRecords<String, V> records) {
    for (ConsumerRecord<String, V> record : records) {
      handler.accept(record);
    }
  }
}
