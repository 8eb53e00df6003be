package org.sightline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sightline.access.provision.SchemaProvisioner;
import org.sightline.members.Principal;
import org.sightline.schema.Category;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * The test stack is what it claims: a real broker and a real registry, speaking the Confluent
 * format.
 */
@ExtendWith(SightlineStackExtension.class)
class RealStackTest {

  static IntakeEvent sighting(String id) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new IntakeEvent(
        Sighting.newBuilder()
            .setId(id)
            .setObservedAt(now)
            .setReportedAt(now)
            .setIndicator(new Indicator(IndicatorType.URL, "http://example.com/a", null, null))
            .setCategory(Category.CSAM)
            .setConfidence(80)
            .setTlp(Tlp.GREEN)
            .build());
  }

  @Test
  void avroRecordsTravelInTheConfluentWireFormat(SightlineTestStack stack) throws Exception {
    TopicSpec<IntakeEvent> topic = Topics.intake(TestMembers.NL_POLICE);
    Serde<IntakeEvent> serde = topic.valueSerde(stack.serdes());
    try (KafkaProducer<String, IntakeEvent> producer =
        new KafkaProducer<>(
            // As the agency itself, over SASL_SSL: what a member's own producer does.
            stack
                .access(Principal.agency(TestMembers.NL_POLICE))
                .clientProperties(
                    Map.of(
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true)),
            topic.keySerde().serializer(),
            serde.serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), "wire-1", sighting("wire-1"))).get();
    }

    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            stack
                .adminAccess()
                .clientProperties(
                    Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG, "wire-format-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.currentTimeMillis() + 15_000;
      while (System.currentTimeMillis() < deadline
          && records.stream().noneMatch(r -> r.key().equals("wire-1"))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    ConsumerRecord<String, byte[]> record =
        records.stream().filter(r -> r.key().equals("wire-1")).findFirst().orElseThrow();
    byte[] bytes = record.value();
    assertThat(bytes[0]).as("Confluent magic byte").isZero();
    assertThat(record.headers().toArray()).as("no Apicurio headers").isEmpty();
    int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(schemaId).isPositive();

    IntakeEvent back = serde.deserializer().deserialize(topic.name(), bytes);
    assertThat(((Sighting) back.getPayload()).getId()).isEqualTo("wire-1");
    // A Confluent client decodes the record with the schema it fetches by that id: the whole
    // schema, nested records inline, identical to the one provisioned (no second version).
    SchemaProvisioner registry = stack.schemaProvisioner();
    assertThat(registry.schemaById(schemaId))
        .isEqualTo(new Schema.Parser().parse(IntakeEvent.getClassSchema().toString()));
    assertThat(registry.register(topic.valueSubject(), IntakeEvent.getClassSchema()))
        .isEqualTo(schemaId);
    assertThat(registry.subjects())
        .contains(topic.valueSubject(), Topics.ALERTS_SECRETARIAT.valueSubject());
  }

  @Test
  void provisioningPutsBackTheDeclaredRetentionOfAnExistingTopic(SightlineTestStack stack)
      throws Exception {
    ConfigResource secretariat =
        new ConfigResource(ConfigResource.Type.TOPIC, Topics.ALERTS_SECRETARIAT.name());
    try (Admin admin = Admin.create(stack.adminAccess().clientProperties())) {
      // As an install made before the secretariat's retention was declared right: 7 days.
      admin
          .incrementalAlterConfigs(
              Map.of(
                  secretariat,
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry(
                              "retention.ms", Long.toString(Duration.ofDays(7).toMillis())),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get();

      stack.provision(List.of(Topics.ALERTS_SECRETARIAT));

      Config config = admin.describeConfigs(List.of(secretariat)).all().get().get(secretariat);
      assertThat(config.get("retention.ms").value())
          .isEqualTo(Long.toString(Duration.ofDays(365).toMillis()));
    }
  }

  @Test
  void theCachedFastPathWritesExactlyWhatApicurioWrites(SightlineTestStack stack) {
    TopicSpec<IntakeEvent> topic = Topics.intake(TestMembers.JO_POLICE);
    Serde<IntakeEvent> serde = topic.valueSerde(stack.serdes());
    IntakeEvent event = sighting("same-bytes");
    byte[] viaApicurio = serde.serializer().serialize(topic.name(), event);
    byte[] viaCache = serde.serializer().serialize(topic.name(), event);
    assertThat(viaCache).isEqualTo(viaApicurio);

    // A plain Apicurio serializer (as a member's own client would use) is read by ours, and back.
    var plain = new io.apicurio.registry.serde.avro.AvroKafkaSerializer<IntakeEvent>();
    plain.configure(stack.serdes().config(), false);
    byte[] fromPlain = plain.serialize(topic.name(), event);
    assertThat(fromPlain).isEqualTo(viaApicurio);
    assertThat(
            ((Sighting) serde.deserializer().deserialize(topic.name(), fromPlain).getPayload())
                .getId())
        .isEqualTo("same-bytes");
    assertThatThrownBy(() -> serde.deserializer().deserialize(topic.name(), new byte[] {1, 2, 3}))
        .hasMessageContaining("Confluent wire format");
    assertThatThrownBy(
            () -> serde.deserializer().deserialize(topic.name(), new byte[] {0, 0x7f, 0, 0, 0, 2}))
        .hasMessageContaining("unknown schema id");
  }

  @Test
  void theRegistryRefusesABackwardIncompatibleSchema(SightlineTestStack stack) {
    SchemaProvisioner registry = stack.schemaProvisioner();
    String subject = "compat-probe-value";
    registry.register(
        subject,
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}"));
    Schema requiredFieldAdded =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                    + "{\"name\":\"b\",\"type\":\"int\"}]}");
    assertThatThrownBy(() -> registry.register(subject, requiredFieldAdded))
        .hasMessageContaining("refused")
        .hasMessageContaining("409");
  }

  @Test
  void theInMemoryRegistryWritesTheSameWireFormat() {
    InMemoryRegistryClient client = new InMemoryRegistryClient();
    Serde<IntakeEvent> serde =
        Topics.intake(TestMembers.DE_POLICE)
            .valueSerde(org.sightline.serde.RegistrySerdes.withClient(client));
    byte[] bytes = serde.serializer().serialize("intake.de-police", sighting("mem-1"));
    assertThat(bytes[0]).isZero();
    long id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(new Schema.Parser().parse(client.getSchemaByContentId(id)).getFullName())
        .isEqualTo(IntakeEvent.getClassSchema().getFullName());
    assertThat(
            ((Sighting) serde.deserializer().deserialize("intake.de-police", bytes).getPayload())
                .getId())
        .isEqualTo("mem-1");
  }
}
