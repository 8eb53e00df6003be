package org.sightline.intake.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sightline.members.Principal;
import org.sightline.schema.Category;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.sighting.SightingValidator;
import org.sightline.testing.SightlineStackExtension;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/** The direct-producer example, on the real broker and registry, read as the processor reads. */
@ExtendWith(SightlineStackExtension.class)
class AgencyKafkaProducerTest {

  @Test
  void anAgencysOwnProducerWritesWhatTheProcessorReads(SightlineTestStack stack) throws Exception {
    String id = "kafka-" + UUID.randomUUID();
    Sighting sighting =
        Sighting.newBuilder()
            .setId(id)
            .setObservedAt(Instant.parse("2026-01-01T00:00:00Z"))
            .setReportedAt(Instant.now())
            .setIndicator(
                new Indicator(IndicatorType.MD5, "0123456789abcdef0123456789abcdef", null, null))
            .setCategory(Category.CSAM)
            .setConfidence(90)
            .setTlp(Tlp.AMBER)
            .build();
    RecordMetadata meta;
    try (AgencyKafkaProducer producer =
        new AgencyKafkaProducer(
            stack.bootstrapServers(),
            stack.registryUrl(),
            TestMembers.DE_POLICE.value(),
            stack.access(Principal.agency(TestMembers.DE_POLICE)).password(),
            stack.caCertificate())) {
      meta = producer.send(sighting);
    }
    assertThat(meta.topic()).isEqualTo("intake.de-police");

    TopicPartition tp = new TopicPartition(meta.topic(), meta.partition());
    byte[] raw;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            stack.clientProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, meta.offset());
      ConsumerRecord<byte[], byte[]> record = null;
      long deadline = System.currentTimeMillis() + 10_000;
      while (record == null && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          record = record == null ? r : record;
        }
      }
      assertThat(record).isNotNull();
      assertThat(record.headers().toArray()).as("no schema headers").isEmpty();
      raw = record.value();
    }
    // Confluent wire format: magic byte, then the id a Confluent client looks up.
    assertThat(raw[0]).isZero();
    int schemaId = ByteBuffer.wrap(raw, 1, 4).getInt();
    HttpResponse<String> schema =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            stack.registryUrl() + "/apis/ccompat/v7/schemas/ids/" + schemaId))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(schema.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(schema.body()).path("schema").asText())
        .contains("IntakeEvent");

    // The processor's own deserializer and validation accept it.
    IntakeEvent event =
        Topics.intake(TestMembers.DE_POLICE)
            .valueSerde(stack.serdes())
            .deserializer()
            .deserialize(meta.topic(), raw);
    Sighting read = (Sighting) event.getPayload();
    assertThat(read).isEqualTo(sighting);
    assertThat(SightingValidator.validate(read, Instant.now(), "DE")).isEmpty();
  }
}
