package org.sightline.consumers.feedhealth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.schema.Rejection;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * Feed health on the real broker, from {@code intake.rejected} as the processor writes it: an
 * agency's analyst and its systems (intake key) see its own rejections and nobody else's; the
 * secretariat sees every agency's.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class FeedHealthResourceTest {

  @Test
  void anAgencySeesItsOwnRejectionsAndTheSecretariatSeesEveryAgencys() throws Exception {
    String reason = "observedAt: is in the future " + UUID.randomUUID();
    try (KafkaProducer<String, Rejection> producer =
        SightlineTestStack.get().producer(Topics.INTAKE_REJECTED)) {
      producer.send(record("intake.nl-police", "observedAt", reason)).get();
      producer.send(record("intake.de-police", "indicator.value", "not a URL")).get();
    }
    TestAlerts.eventually(
        () ->
            TestAlerts.as(TestMembers.NL_POLICE_ANALYST)
                .get("/api/v1/feed-health")
                .then()
                .statusCode(200)
                .body("agency", is("nl-police"))
                .body("samples.reason", hasItem(reason)));
    TestAlerts.as(TestMembers.NL_POLICE_ANALYST)
        .get("/api/v1/feed-health?hours=48")
        .then()
        .body("hours", is(48))
        .body("perHour.size()", is(48))
        .body("byField.observedAt", greaterThanOrEqualTo(1))
        .body("samples.find { it.reason == '" + reason + "' }.topic", equalTo("intake.nl-police"));
    TestAlerts.as(TestMembers.NL_POLICE_ANALYST)
        .get("/api/v1/feed-health?agency=de-police")
        .then()
        .statusCode(403);
    TestAlerts.as(TestMembers.NL_ANALYST).get("/api/v1/feed-health").then().statusCode(403);

    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .get("/api/v1/feed-health")
        .then()
        .statusCode(200)
        .body("agencies.agency", hasItem("de-police"))
        .body("agencies.agency", hasItem("nl-police"));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .get("/api/v1/feed-health?agency=de-police")
        .then()
        .statusCode(200)
        .body("samples.field", hasItem("indicator.value"));

    given()
        .header("Authorization", "Bearer " + TestMembers.apiKey(TestMembers.NL_POLICE))
        .get("/api/v1/agency/feed-health")
        .then()
        .statusCode(200)
        .body("agency", is("nl-police"))
        .body("samples.reason", hasItem(reason));
    given().get("/api/v1/agency/feed-health").then().statusCode(401);
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .get("/api/v1/feed-health?hours=1000")
        .then()
        .statusCode(400)
        .body("error", containsString("'hours'"));
  }

  private static ProducerRecord<String, Rejection> record(
      String topic, String field, String reason) {
    return new ProducerRecord<>(
        Topics.INTAKE_REJECTED.name(),
        "domain:example.com",
        Rejection.newBuilder()
            .setSourceTopic(topic)
            .setSourcePartition(0)
            .setSourceOffset(7)
            .setSourceKey("domain:example.com")
            .setField(field)
            .setReason(reason)
            .setRejectedAt(Instant.now())
            .build());
  }
}
