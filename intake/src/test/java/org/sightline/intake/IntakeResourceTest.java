package org.sightline.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/** Through the real broker and the real registry. */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class IntakeResourceTest {

  private static final String NL_KEY = TestMembers.apiKey(TestMembers.NL_POLICE);

  static String sightingJson(String id, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"observedAt\":\"2026-11-20T10:15:00Z\","
        + "\"indicator\":{\"type\":\"url\",\"value\":\"http://example.com/a\"},"
        + "\"category\":\"CSAM\",\"confidence\":80,\"tlp\":\"AMBER\",\"caseRef\":\"NL-42\""
        + extra
        + "}";
  }

  @Test
  void acceptedSightingIsInTheAgencysTopicAsAvro() {
    String id = UUID.randomUUID().toString();
    Map<String, Object> receipt =
        given()
            .header("Authorization", "Bearer " + NL_KEY)
            .contentType("application/json")
            .body(
                sightingJson(
                    id,
                    ",\"related\":[{\"type\":\"wallet\",\"chain\":\"btc\",\"value\":\"1BoatSLRHtKNngkdXEeobR76b53LETtpyT\"}]"))
            .post("/api/v1/sightings")
            .then()
            .statusCode(202)
            .body("id", equalTo(id))
            .body("agency", equalTo("nl-police"))
            .body("topic", equalTo("intake.nl-police"))
            .extract()
            .as(Map.class);

    IntakeEvent event =
        read(
            Topics.intake(TestMembers.NL_POLICE),
            (Integer) receipt.get("partition"),
            ((Number) receipt.get("offset")).longValue());
    Sighting s = (Sighting) event.getPayload();
    assertThat(s.getId()).isEqualTo(id);
    assertThat(s.getTlp()).isEqualTo(Tlp.AMBER);
    assertThat(s.getCaseRef()).isEqualTo("NL-42");
    assertThat(s.getRelated()).hasSize(1);
    assertThat(s.getRelated().get(0).getQualifier()).isEqualTo("btc");
  }

  @Test
  void anInvalidIndicatorIsRefusedWithItsReason() {
    given()
        .header("Authorization", "Bearer " + NL_KEY)
        .contentType("application/json")
        .body(
            "{\"id\":\"w-1\",\"observedAt\":\"2026-11-20T10:15:00Z\",\"confidence\":50,\"tlp\":\"GREEN\","
                + "\"indicator\":{\"type\":\"wallet\",\"chain\":\"btc\",\"value\":\"1BoatSLRHtKNngkdXEeobR76b53LETtpyA\"}}")
        .post("/api/v1/sightings")
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("indicator.value"))
        .body("errors[0].reason", org.hamcrest.Matchers.containsString("checksum"));
  }

  @Test
  void aPhoneWithoutCountryCodeIsReadInTheAgencysCountry() {
    String id = UUID.randomUUID().toString();
    given()
        .header("Authorization", "Bearer " + NL_KEY)
        .contentType("application/json")
        .body(
            "{\"id\":\""
                + id
                + "\",\"observedAt\":\"2026-11-20T10:15:00Z\",\"confidence\":50,"
                + "\"tlp\":\"GREEN\",\"indicator\":{\"type\":\"phone\",\"value\":\"06 12345678\"}}")
        .post("/api/v1/sightings")
        .then()
        .statusCode(202);
  }

  @Test
  void aRetractionGoesToTheAgencysOwnTopic() {
    Map<String, Object> receipt =
        given()
            .header("Authorization", "Bearer " + NL_KEY)
            .contentType("application/json")
            .body("{\"reason\":\"entered in error\"}")
            .post("/api/v1/sightings/s-42/retraction")
            .then()
            .statusCode(202)
            .body("topic", equalTo("intake.nl-police"))
            .extract()
            .as(Map.class);
    IntakeEvent event =
        read(
            Topics.intake(TestMembers.NL_POLICE),
            (Integer) receipt.get("partition"),
            ((Number) receipt.get("offset")).longValue());
    assertThat(((org.sightline.schema.Retraction) event.getPayload()).getSightingId())
        .isEqualTo("s-42");
    assertThat(((org.sightline.schema.Retraction) event.getPayload()).getReason())
        .isEqualTo("entered in error");
  }

  /**
   * A sighting is keyed by its locality (its registrable domain for a URL) with its id in a header,
   * and its retraction is written where it is: same key, the locality named in the record, so the
   * processor handles it in the task that holds the sighting.
   */
  @Test
  void aSightingAndItsRetractionAreKeyedByTheSightingsLocality() {
    String id = UUID.randomUUID().toString();
    var sighting = written(sightingJson(id, ""), "/api/v1/sightings");
    var retraction = written("{}", "/api/v1/sightings/" + id + "/retraction");
    assertThat(sighting.key()).isEqualTo("domain:example.com");
    assertThat(new String(sighting.headers().lastHeader(Fingerprints.ID_HEADER).value()))
        .isEqualTo(id);
    assertThat(retraction.key()).isEqualTo("domain:example.com");
    assertThat(retraction.partition()).isEqualTo(sighting.partition());
    assertThat(((org.sightline.schema.Retraction) retraction.value().getPayload()).getLocality())
        .isEqualTo("domain:example.com");
  }

  /** An agency withdraws its sighting as a false positive: the mark travels with the retraction. */
  @Test
  void aRetractionMayMarkTheSightingAFalsePositive() {
    String id = UUID.randomUUID().toString();
    written(sightingJson(id, ""), "/api/v1/sightings");
    var retraction =
        written(
            "{\"reason\":\"a stock photo\",\"falsePositive\":true}",
            "/api/v1/sightings/" + id + "/retraction");
    var payload = (org.sightline.schema.Retraction) retraction.value().getPayload();
    assertThat(payload.getFalsePositive()).isTrue();
    assertThat(payload.getReason()).isEqualTo("a stock photo");
    String plain = UUID.randomUUID().toString();
    written(sightingJson(plain, ""), "/api/v1/sightings");
    assertThat(
            ((org.sightline.schema.Retraction)
                    written("{}", "/api/v1/sightings/" + plain + "/retraction")
                        .value()
                        .getPayload())
                .getFalsePositive())
        .isFalse();
  }

  @Test
  void withoutAValidKeyTheAnswerIs401() {
    given()
        .contentType("application/json")
        .body(sightingJson("x", ""))
        .post("/api/v1/sightings")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Bearer not-a-key")
        .contentType("application/json")
        .body(sightingJson("x", ""))
        .post("/api/v1/sightings")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Bearer " + TestMembers.apiKey(TestMembers.BR_DISABLED))
        .contentType("application/json")
        .body(sightingJson("x", ""))
        .post("/api/v1/sightings")
        .then()
        .statusCode(401);
  }

  @Test
  void aBodyNamingAnAgencyIsRefused() {
    given()
        .header("Authorization", "Bearer " + NL_KEY)
        .contentType("application/json")
        .body(sightingJson("spoof-1", ",\"agency\":\"de-police\""))
        .post("/api/v1/sightings")
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("agency"));
  }

  @Test
  void everyInvalidFieldIsNamed() {
    given()
        .header("Authorization", "Bearer " + NL_KEY)
        .contentType("application/json")
        .body(
            "{\"observedAt\":\"yesterday\",\"indicator\":{\"type\":\"fax\",\"value\":\"1\"},"
                + "\"confidence\":\"high\",\"tlp\":\"PINK\",\"colour\":1}")
        .post("/api/v1/sightings")
        .then()
        .statusCode(400)
        .body(
            "errors.field",
            hasItems("id", "observedAt", "indicator.type", "confidence", "tlp", "colour"));
    given()
        .header("Authorization", "Bearer " + NL_KEY)
        .contentType("application/json")
        .body("{not json")
        .post("/api/v1/sightings")
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("(body)"));
  }

  /** Posts as NL, expects 202 and reads back the record its receipt names. */
  private static ConsumerRecord<String, IntakeEvent> written(String body, String path) {
    Map<?, ?> receipt =
        given()
            .header("Authorization", "Bearer " + NL_KEY)
            .contentType("application/json")
            .body(body)
            .post(path)
            .then()
            .statusCode(202)
            .extract()
            .as(Map.class);
    return record(
        Topics.intake(TestMembers.NL_POLICE),
        (Integer) receipt.get("partition"),
        ((Number) receipt.get("offset")).longValue());
  }

  private static IntakeEvent read(TopicSpec<IntakeEvent> topic, int partition, long offset) {
    return record(topic, partition, offset).value();
  }

  private static ConsumerRecord<String, IntakeEvent> record(
      TopicSpec<IntakeEvent> topic, int partition, long offset) {
    SightlineTestStack stack = SightlineTestStack.get();
    try (KafkaConsumer<String, IntakeEvent> consumer =
        new KafkaConsumer<>(
            stack.clientProperties(),
            topic.keySerde().deserializer(),
            topic.valueSerde(stack.serdes()).deserializer())) {
      TopicPartition tp = new TopicPartition(topic.name(), partition);
      consumer.assign(List.of(tp));
      consumer.seek(tp, offset);
      List<ConsumerRecord<String, IntakeEvent>> got = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 10_000;
      while (got.isEmpty() && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(got::add);
      }
      assertThat(got).as("record at %s@%d", tp, offset).isNotEmpty();
      return got.get(0);
    }
  }
}
