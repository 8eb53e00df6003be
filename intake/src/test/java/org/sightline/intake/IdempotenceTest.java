package org.sightline.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.members.Principal;
import org.sightline.schema.Category;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * Resends are recognised by the intake itself: the same receipt, no second record — for a retry,
 * for racing requests, after a restart, and for ids an agency wrote with its own Kafka producer.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class IdempotenceTest {

  static final String NL_KEY = TestMembers.apiKey(TestMembers.NL_POLICE);

  @TestHTTPResource("/api/v1/sightings")
  URL sightings;

  @Inject ReceiptIndex index;
  @Inject LiveMemberDirectory members;
  @Inject IntakeConfig config;

  static String json(String id, String url) {
    return "{\"id\":\""
        + id
        + "\",\"observedAt\":\"2026-01-01T00:00:00Z\",\"indicator\":{\"type\":\"url\",\"value\":\""
        + url
        + "\"},\"category\":\"CSAM\",\"confidence\":80,\"tlp\":\"GREEN\"}";
  }

  static Response post(String body) {
    return given()
        .header("Authorization", "Bearer " + NL_KEY)
        .contentType("application/json")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/sightings");
  }

  @Test
  void aResentSightingGetsTheSameReceiptAndNoSecondRecord() {
    String id = "i-" + UUID.randomUUID();
    String body = json(id, "http://" + id + ".example/");
    Response first = post(body);
    Response second = post(body);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(first.header(IntakeResource.REPLAYED)).isNull();
    assertThat(second.header(IntakeResource.REPLAYED)).isEqualTo("true");
    assertThat(second.body().asString()).isEqualTo(first.body().asString());
    assertThat(TopicRecords.countsByKey(TestMembers.NL_POLICE).get(id)).isEqualTo(1);
  }

  @Test
  void theSameIdWithOtherContentIs409AndNamesTheFirstWrite() {
    String id = "i-" + UUID.randomUUID();
    Map<String, Object> receipt =
        post(json(id, "http://" + id + ".example/")).then().statusCode(202).extract().as(Map.class);
    Response conflict = post(json(id, "http://" + id + ".example/changed"));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.jsonPath().getString("error")).contains("already used");
    assertThat(conflict.jsonPath().getLong("receipt.offset"))
        .isEqualTo(((Number) receipt.get("offset")).longValue());
    assertThat(TopicRecords.countsByKey(TestMembers.NL_POLICE).get(id)).isEqualTo(1);
  }

  @Test
  void racingRequestsWithOneIdWriteOneRecord() throws Exception {
    String id = "race-" + UUID.randomUUID();
    String body = json(id, "http://" + id + ".example/");
    HttpClient http = HttpClient.newHttpClient();
    int n = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return http.send(
                      HttpRequest.newBuilder(URI.create(sightings.toString()))
                          .header("Authorization", "Bearer " + NL_KEY)
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(body))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
                }));
      }
      go.countDown();
      List<String> receipts = new ArrayList<>();
      for (Future<HttpResponse<String>> a : answers) {
        HttpResponse<String> r = a.get();
        assertThat(r.statusCode()).isEqualTo(202);
        receipts.add(r.body());
      }
      assertThat(receipts).containsOnly(receipts.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(TopicRecords.countsByKey(TestMembers.NL_POLICE).get(id)).isEqualTo(1);
  }

  @Test
  void aSecondRetractionOfOneIdWritesNothing() {
    String id = "r-" + UUID.randomUUID();
    String first =
        given()
            .header("Authorization", "Bearer " + NL_KEY)
            .contentType("application/json")
            .post("/api/v1/sightings/" + id + "/retraction")
            .then()
            .statusCode(202)
            .extract()
            .asString();
    given()
        .header("Authorization", "Bearer " + NL_KEY)
        .contentType("application/json")
        .body("{\"reason\":\"again\"}".getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/sightings/" + id + "/retraction")
        .then()
        .statusCode(202)
        .header(IntakeResource.REPLAYED, "true")
        .body(org.hamcrest.Matchers.equalTo(first));
    assertThat(TopicRecords.countsByKey(TestMembers.NL_POLICE).get(id)).isEqualTo(1);
    assertThat(TopicRecords.byKey(TestMembers.NL_POLICE).get(id).getPayload())
        .isInstanceOf(Retraction.class);
  }

  @Test
  void aRestartedIntakeRebuildsItsReceiptsFromTheTopics() throws Exception {
    String id = "restart-" + UUID.randomUUID();
    Map<String, Object> receipt =
        post(json(id, "http://" + id + ".example/")).then().statusCode(202).extract().as(Map.class);

    // A second index over the same topics, as a restarted intake builds it.
    ReceiptIndex restarted =
        new ReceiptIndex(members, config, SightlineTestStack.get().access(Principal.INTAKE));
    restarted.start(null);
    try {
      long deadline = System.currentTimeMillis() + 30_000;
      while (!restarted.ready() && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(restarted.ready()).isTrue();
      IntakePublisher.Receipt held = restarted.receipt(TestMembers.NL_POLICE, id).orElseThrow();
      assertThat(held.partition()).isEqualTo(receipt.get("partition"));
      assertThat(held.offset()).isEqualTo(((Number) receipt.get("offset")).longValue());
      // Same content: the first receipt; other content: a conflict. Neither writes.
      Sighting same = sighting(id, "http://" + id + ".example/");
      assertThat(restarted.claim(TestMembers.NL_POLICE, id, false, Fingerprints.of(same, false)))
          .isInstanceOf(ReceiptIndex.Held.class);
      assertThat(
              restarted.claim(
                  TestMembers.NL_POLICE,
                  id,
                  false,
                  Fingerprints.of(sighting(id, "http://other.example/"), false)))
          .isInstanceOf(ReceiptIndex.Conflict.class);
    } finally {
      restarted.stop(null);
    }
  }

  @Test
  void anIdWrittenByTheAgencysOwnProducerIsRecognisedAtTheRestIntake() throws Exception {
    String id = "direct-" + UUID.randomUUID();
    SightlineTestStack stack = SightlineTestStack.get();
    try (KafkaProducer<String, IntakeEvent> producer =
        stack.producer(Topics.intake(TestMembers.NL_POLICE))) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.intake(TestMembers.NL_POLICE).name(),
                  id,
                  new IntakeEvent(sighting(id, "http://" + id + ".example/"))))
          .get();
    }
    long deadline = System.currentTimeMillis() + 15_000;
    while (index.receipt(TestMembers.NL_POLICE, id).isEmpty()
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(index.receipt(TestMembers.NL_POLICE, id)).isPresent();
    Response resend = post(json(id, "http://" + id + ".example/"));
    assertThat(resend.statusCode()).isEqualTo(202);
    assertThat(resend.header(IntakeResource.REPLAYED)).isEqualTo("true");
    assertThat(TopicRecords.countsByKey(TestMembers.NL_POLICE).get(id)).isEqualTo(1);
  }

  /** What the REST intake makes of {@link #json}, but for the time it received it. */
  static Sighting sighting(String id, String url) {
    return Sighting.newBuilder()
        .setId(id)
        .setObservedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .setReportedAt(Instant.now())
        .setIndicator(new Indicator(IndicatorType.URL, url, null, null))
        .setCategory(Category.CSAM)
        .setConfidence(80)
        .setTlp(Tlp.GREEN)
        .build();
  }
}
