package org.sightline.consumers.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sightline.client.KafkaAccess;
import org.sightline.client.LagProbe;
import org.sightline.testing.FreePorts;
import org.sightline.testing.SightlineStackExtension;
import org.sightline.testing.SightlineTestStack;

/**
 * The processor lag from the real broker's bookkeeping: an intake topic of its own, a consumer
 * group of its own standing in for the processor's application id.
 */
@ExtendWith(SightlineStackExtension.class)
class LagProbeTest {

  @Test
  void lagIsWhatTheGroupHasNotCommittedAndAnOpenTransactionIsNotWaitingYet(SightlineTestStack stack)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String agency = "lag-" + run;
    String topic = "intake." + agency;
    String group = "lag-test-" + run;
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    try (Admin admin = Admin.create(stack.clientProperties());
        LagProbe probe = new LagProbe(stack.adminAccess(), group, Duration.ofSeconds(10))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      try (KafkaProducer<String, String> producer = producer(stack, null)) {
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>(topic, i < 6 ? 0 : 1, "k" + i, "v" + i));
        }
        producer.flush();
      }
      // Never committed: the processor would start at the first record.
      assertThat(probe.sample().byAgency()).containsEntry(agency, 10L);

      admin
          .alterConsumerGroupOffsets(
              group, Map.of(p0, new OffsetAndMetadata(4), p1, new OffsetAndMetadata(4)))
          .all()
          .get(30, TimeUnit.SECONDS);
      LagProbe.Sample sample = probe.sample();
      assertThat(sample.measured()).isTrue();
      assertThat(sample.byAgency()).containsEntry(agency, 2L);
      assertThat(sample.waiting()).isGreaterThanOrEqualTo(2L);

      // An agency's own transactional client: nothing of an open transaction is waiting yet.
      try (KafkaProducer<String, String> tx = producer(stack, "lag-tx-" + run)) {
        tx.initTransactions();
        tx.beginTransaction();
        for (int i = 0; i < 3; i++) {
          tx.send(new ProducerRecord<>(topic, 1, "t" + i, "t" + i));
        }
        tx.flush();
        assertThat(probe.sample().byAgency()).containsEntry(agency, 2L);
        tx.commitTransaction();
      }
      // The coordinator writes the commit markers after commitTransaction returns: until then the
      // records stay unstable. Then offsets, as every Kafka lag is counted: three records and the
      // commit marker after them.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      Map<String, Long> after = probe.sample().byAgency();
      while (after.get(agency) == 2L && System.nanoTime() < deadline) {
        Thread.sleep(100);
        after = probe.sample().byAgency();
      }
      assertThat(after).containsEntry(agency, 2L + 3 + 1);
    }
  }

  @Test
  void anUnreachableBrokerIsAFailedSampleNotAnException() {
    try (LagProbe probe =
        new LagProbe(
            new KafkaAccess(
                "localhost:" + FreePorts.next(),
                "consumers",
                "unused",
                SightlineTestStack.get().caCertificate()),
            "any",
            Duration.ofSeconds(1))) {
      LagProbe.Sample sample = probe.sample();
      assertThat(sample.measured()).isFalse();
      assertThat(sample.error()).isNotBlank();
      assertThat(sample.byAgency()).isEmpty();
    }
  }

  private static KafkaProducer<String, String> producer(SightlineTestStack stack, String txId) {
    Map<String, Object> props =
        new java.util.HashMap<>(
            stack.adminAccess().clientProperties(Map.of(ProducerConfig.ACKS_CONFIG, "all")));
    if (txId != null) {
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
    }
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }
}
