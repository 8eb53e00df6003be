package org.sightline.consumers.disputes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.schema.Category;
import org.sightline.schema.Dispute;
import org.sightline.schema.DisputeOutcome;
import org.sightline.schema.HashDelisting;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IwolEntry;
import org.sightline.schema.KnownHash;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * Disputes on the real broker: an access provider disputes a listed domain and reads the
 * secretariat's dismissal; an agency disputes a known hash, and the upheld dispute delists it; each
 * step on {@code disputes} (and the delisting on {@code hashes.delistings}).
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class DisputeResourceTest {

  private static final String PROVIDER = TestMembers.accessProviderKey(TestMembers.NL_ISP);

  @Test
  void aProviderDisputesAListedDomainAndReadsTheSecretariatsReason() throws Exception {
    String domain = "disputed-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    try (KafkaProducer<String, IwolEntry> producer =
        SightlineTestStack.get().producer(Topics.IWOL_DOMAINS)) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.IWOL_DOMAINS.name(),
                  domain,
                  new IwolEntry(domain, Instant.now(), Category.BASELINE_CSAM, null)))
          .get();
    }
    TestAlerts.eventually(
        () ->
            given()
                .header("Authorization", "Bearer " + PROVIDER)
                .get("/api/v1/iwol/domains.txt")
                .then()
                .body(containsString(domain)));

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("domain", domain, "ground", "FALSE_POSITIVE"))
        .post("/api/v1/iwol/disputes")
        .then()
        .statusCode(401);
    dispute(Map.of("domain", "not-listed.example", "ground", "FALSE_POSITIVE"))
        .statusCode(409)
        .body("error", containsString("not on the list"));
    dispute(Map.of("domain", domain, "ground", "maybe"))
        .statusCode(400)
        .body("error", containsString("'ground'"));
    String id =
        dispute(
                Map.of(
                    "domain",
                    domain,
                    "ground",
                    "owner-changed",
                    "note",
                    "a new registrant since May"))
            .statusCode(202)
            .body("raisedBy", is("access-provider:" + TestMembers.NL_ISP))
            .body("ground", is("OWNER_CHANGED"))
            .extract()
            .path("id");

    TestAlerts.eventually(
        () ->
            TestAlerts.asSecretariat()
                .get("/api/v1/disputes")
                .then()
                .statusCode(200)
                .body("id", hasItem(id)));
    TestAlerts.as(TestMembers.NL_ANALYST).get("/api/v1/disputes").then().statusCode(403);
    TestAlerts.asSecretariat()
        .contentType(ContentType.JSON)
        .body(Map.of("outcome", "dismiss"))
        .post("/api/v1/disputes/" + id + "/resolution")
        .then()
        .statusCode(400)
        .body("error", containsString("'reason'"));
    String reason = "the registrant changed, the content did not " + UUID.randomUUID();
    TestAlerts.asSecretariat()
        .contentType(ContentType.JSON)
        .body(Map.of("outcome", "dismiss", "reason", reason))
        .post("/api/v1/disputes/" + id + "/resolution")
        .then()
        .statusCode(202)
        .body("outcome", is("DISMISSED"));

    TestAlerts.eventually(
        () ->
            given()
                .header("Authorization", "Bearer " + PROVIDER)
                .get("/api/v1/iwol/disputes")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + id + "' }.outcome", is("DISMISSED"))
                .body("find { it.id == '" + id + "' }.resolution", is(reason)));
    TestAlerts.asSecretariat().get("/api/v1/disputes").then().body("id", not(hasItem(id)));
    TestAlerts.asSecretariat()
        .contentType(ContentType.JSON)
        .body(Map.of("outcome", "uphold", "reason", "second thoughts"))
        .post("/api/v1/disputes/" + id + "/resolution")
        .then()
        .statusCode(409);
    assertThat(
            SightlineTestStack.get()
                .await(
                    Topics.DISPUTES,
                    (ConsumerRecord<String, Dispute> r) -> id.equals(r.key()),
                    2,
                    Duration.ofSeconds(20)))
        .extracting(r -> r.value().getOutcome())
        .containsExactly(null, DisputeOutcome.DISMISSED);
  }

  @Test
  void anUpheldHashDisputeDelistsTheHash() throws Exception {
    String hex = UUID.randomUUID().toString().replace("-", "");
    String key = "md5:" + hex;
    try (KafkaProducer<String, KnownHash> producer =
        SightlineTestStack.get().producer(Topics.HASHES_KNOWN)) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.HASHES_KNOWN.name(),
                  key,
                  KnownHash.newBuilder()
                      .setKey(key)
                      .setType(IndicatorType.MD5)
                      .setValue(hex)
                      .setCategory(Category.CSAM)
                      .setListedAt(Instant.now())
                      .build()))
          .get();
    }
    String agencyKey = TestMembers.apiKey(TestMembers.DE_POLICE);
    String[] id = new String[1];
    TestAlerts.eventually(
        () ->
            id[0] =
                given()
                    .header("Authorization", "Bearer " + agencyKey)
                    .contentType(ContentType.JSON)
                    .body(Map.of("key", key.toUpperCase(), "ground", "FALSE_POSITIVE"))
                    .post("/api/v1/hashes/disputes")
                    .then()
                    .statusCode(202)
                    .body("raisedBy", is("agency:de-police"))
                    .extract()
                    .path("id"));
    TestAlerts.eventually(
        () -> TestAlerts.asSecretariat().get("/api/v1/disputes").then().body("id", hasItem(id[0])));
    TestAlerts.asSecretariat()
        .contentType(ContentType.JSON)
        .body(Map.of("outcome", "uphold", "reason", "a common installer file"))
        .post("/api/v1/disputes/" + id[0] + "/resolution")
        .then()
        .statusCode(202)
        .body("outcome", is("UPHELD"));
    ConsumerRecord<String, HashDelisting> delisting =
        SightlineTestStack.get()
            .await(Topics.HASHES_DELISTINGS, r -> key.equals(r.key()), 1, Duration.ofSeconds(20))
            .get(0);
    assertThat(delisting.value().getReason())
        .isEqualTo("dispute " + id[0] + " upheld: a common installer file");
    assertThat(delisting.value().getRequestedBy())
        .isEqualTo("console:" + TestMembers.SECRETARIAT_USER);
    // What the processor does on that delisting: the tombstone (the list is shared by the tests).
    try (KafkaProducer<String, KnownHash> producer =
        SightlineTestStack.get().producer(Topics.HASHES_KNOWN)) {
      producer.send(new ProducerRecord<>(Topics.HASHES_KNOWN.name(), key, null)).get();
    }
  }

  private static io.restassured.response.ValidatableResponse dispute(Map<String, String> body) {
    return given()
        .header("Authorization", "Bearer " + PROVIDER)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/iwol/disputes")
        .then();
  }
}
