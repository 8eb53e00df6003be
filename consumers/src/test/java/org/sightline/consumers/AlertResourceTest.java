package org.sightline.consumers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.members.CountryCode;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/** Through the real broker and the real registry. */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class AlertResourceTest {

  @Test
  void eachCountrySeesItsOwnAlertsOnly() throws Exception {
    String run = UUID.randomUUID().toString();
    String nlId = "nl-" + run;
    String deId = "de-" + run;
    publish(Topics.alerts(CountryCode.of("NL")), alert(nlId, "NL"));
    publish(Topics.alerts(CountryCode.of("DE")), alert(deId, "DE"));

    List<String> nl = awaitIds("NL", nlId);
    List<String> de = awaitIds("DE", deId);

    assertThat(nl).contains(nlId).doesNotContain(deId);
    assertThat(de).contains(deId).doesNotContain(nlId);
  }

  @Test
  void aBadOrMissingCountryIs400NamingTheParameter() {
    TestAlerts.asSecretariat()
        .queryParam("country", "XX")
        .get("/api/v1/alerts")
        .then()
        .statusCode(400)
        .body("error", containsString("country"));
    TestAlerts.asSecretariat()
        .get("/api/v1/alerts")
        .then()
        .statusCode(400)
        .body("error", containsString("country"));
    // A real country that is not a member.
    TestAlerts.asSecretariat()
        .queryParam("country", "FR")
        .get("/api/v1/alerts")
        .then()
        .statusCode(400)
        .body("error", containsString("country"));
    TestAlerts.asSecretariat()
        .queryParam("country", "NL")
        .queryParam("limit", "ten")
        .get("/api/v1/alerts")
        .then()
        .statusCode(400)
        .body("error", containsString("limit"));
  }

  @Test
  void theSelectorListsMembersAndTheSecretariat() {
    TestAlerts.asSecretariat()
        .get("/api/v1/countries")
        .then()
        .statusCode(200)
        .body("$", hasItems("BR", "DE", "JO", "KE", "NL", "secretariat"));
    TestAlerts.asSecretariat()
        .queryParam("country", "secretariat")
        .get("/api/v1/alerts")
        .then()
        .statusCode(200);
  }

  @Test
  void anAnalystSeesOnlyTheirCountryAndNobodySeesAnythingWithoutLoggingIn() {
    TestAlerts.as(TestMembers.NL_ANALYST)
        .get("/api/v1/countries")
        .then()
        .statusCode(200)
        .body("$", contains("NL"));
    TestAlerts.as(TestMembers.NL_ANALYST)
        .queryParam("country", "NL")
        .get("/api/v1/alerts")
        .then()
        .statusCode(200);
    for (String other : List.of("DE", "secretariat")) {
      TestAlerts.as(TestMembers.NL_ANALYST)
          .queryParam("country", other)
          .get("/api/v1/alerts")
          .then()
          .statusCode(403);
      TestAlerts.as(TestMembers.NL_ANALYST)
          .queryParam("country", other)
          .get("/api/v1/alerts/stream")
          .then()
          .statusCode(403);
    }
    TestAlerts.as(TestMembers.NL_ANALYST).get("/api/v1/dashboard").then().statusCode(403);
    given().queryParam("country", "NL").get("/api/v1/alerts").then().statusCode(401);
    given().get("/api/v1/me").then().statusCode(401);
    given()
        .contentType("application/json")
        .body(Map.of("user", TestMembers.NL_ANALYST, "password", "wrong"))
        .post("/api/v1/login")
        .then()
        .statusCode(401);
    TestAlerts.as(TestMembers.JO_ANALYST)
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("country", is("JO"))
        .body("language", is("ar"));
  }

  @Test
  void thePageIsServed() {
    given().get("/").then().statusCode(200).body(containsString("Sightline"));
  }

  /** Polls the list until {@code id} shows up, or fails after 20 s. */
  private static List<String> awaitIds(String country, String id) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    List<String> ids = List.of();
    while (System.currentTimeMillis() < deadline) {
      ids =
          TestAlerts.asSecretariat()
              .queryParam("country", country)
              .queryParam("limit", 1000)
              .get("/api/v1/alerts")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("id", String.class);
      if (ids.contains(id)) {
        return ids;
      }
      Thread.sleep(250);
    }
    assertThat(ids).as("alerts of %s after 20 s", country).contains(id);
    return ids;
  }

  private static Alert alert(String id, String recipient) {
    return TestAlerts.alert(id, recipient, AlertReason.CROSS_BORDER_MATCH).build();
  }

  private static void publish(TopicSpec<Alert> topic, Alert alert) throws Exception {
    SightlineTestStack stack = SightlineTestStack.get();
    try (KafkaProducer<String, Alert> producer =
        new KafkaProducer<>(
            stack.adminAccess().clientProperties(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
            topic.keySerde().serializer(),
            topic.valueSerde(stack.serdes()).serializer())) {
      producer
          .send(new ProducerRecord<>(topic.name(), alert.getId(), alert))
          .get(15, TimeUnit.SECONDS);
    }
  }
}
