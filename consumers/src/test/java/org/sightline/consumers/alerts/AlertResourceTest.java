package org.sightline.consumers.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.members.CountryCode;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Severity;
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

  @Test
  void aCountryPagesThroughMoreThanTenThousandAlertsFilteredAndWithWhereEachStands()
      throws Exception {
    // A day of its own, two days back: no other test's alerts fall in it, and theirs stay the
    // newest.
    Instant day = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS);
    String run = UUID.randomUUID().toString().substring(0, 8);
    int count = 10_500;
    TopicSpec<Alert> nl = Topics.alerts(CountryCode.of("NL"));
    try (KafkaProducer<String, Alert> producer = SightlineTestStack.get().producer(nl)) {
      for (int i = 0; i < count; i++) {
        Instant at = day.plusMillis(i * 5L);
        Alert alert =
            TestAlerts.alert("page-" + run + "-" + i, "NL", AlertReason.CROSS_BORDER_MATCH)
                .setIndicator("url:http://paging-" + run + ".example/" + (i % 2))
                .setSeverity(i % 100 == 0 ? Severity.CRITICAL : Severity.HIGH)
                .setFirstSeen(at)
                .setLastSeen(at)
                .setCreatedAt(at)
                .build();
        producer.send(new ProducerRecord<>(nl.name(), alert.getId(), alert));
      }
      producer.flush();
    }
    String from = day.toString();
    String until = day.plus(Duration.ofHours(1)).toString();
    String last = "page-" + run + "-" + (count - 1);
    awaitUntil(() -> pageIds(Map.of("from", from, "until", until, "limit", "1")).contains(last));

    // The whole day, a thousand at a time, newest first, each alert once.
    Set<String> seen = new HashSet<>();
    String first = null;
    String next = "/api/v1/alerts?country=NL&limit=1000&from=" + from + "&until=" + until;
    int pages = 0;
    while (next != null) {
      // The link is encoded already.
      var response =
          TestAlerts.asSecretariat()
              .urlEncodingEnabled(false)
              .get(next)
              .then()
              .statusCode(200)
              .extract();
      List<String> ids = response.jsonPath().getList("id", String.class);
      first = first == null ? ids.get(0) : first;
      for (String id : ids) {
        assertThat(seen.add(id)).as("%s seen once", id).isTrue();
      }
      next = nextLink(response.header("Link"));
      pages++;
    }
    assertThat(first).isEqualTo(last);
    assertThat(seen).hasSize(count);
    assertThat(pages).isEqualTo(11);

    // Filters: severity and indicator, and where an alert stands travels with it.
    assertThat(
            pageIds(Map.of("from", from, "until", until, "severity", "critical", "limit", "1000")))
        .hasSize(count / 100);
    assertThat(
            pageIds(
                Map.of(
                    "indicator",
                    "url:http://paging-" + run + ".example/1",
                    "limit",
                    "1000",
                    "until",
                    until)))
        .hasSize(1000)
        .allMatch(id -> Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) % 2 == 1);
    String acknowledged = "page-" + run + "-42";
    TestAlerts.asSecretariat()
        .contentType("application/json")
        .body(Map.of("alertId", acknowledged, "country", "NL", "action", "ACKNOWLEDGED"))
        .post("/api/v1/actions")
        .then()
        .statusCode(202);
    awaitUntil(
        () ->
            pageIds(Map.of("from", from, "until", until, "status", "acknowledged", "limit", "10"))
                .equals(List.of(acknowledged)));
    TestAlerts.asSecretariat()
        .queryParam("country", "NL")
        .queryParam("indicator", "url:http://paging-" + run + ".example/0")
        .queryParam("until", day.plusMillis(43 * 5L).toString())
        .queryParam("limit", "1")
        .get("/api/v1/alerts")
        .then()
        .statusCode(200)
        .body("[0].id", is(acknowledged))
        .body("[0].action.acknowledgedBy", is(TestMembers.SECRETARIAT_USER))
        .body("[0].indicator", is("url:http://paging-" + run + ".example/0"));
    TestAlerts.asSecretariat()
        .queryParam("country", "NL")
        .queryParam("status", "done")
        .get("/api/v1/alerts")
        .then()
        .statusCode(400)
        .body("error", containsString("status"));
  }

  private static List<String> pageIds(Map<String, String> query) {
    return TestAlerts.asSecretariat()
        .queryParam("country", "NL")
        .queryParams(query)
        .get("/api/v1/alerts")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("id", String.class);
  }

  private static String nextLink(String link) {
    if (link == null) {
      return null;
    }
    Matcher m = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"").matcher(link);
    assertThat(m.find()).as("a next link in %s", link).isTrue();
    return m.group(1);
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("waited 60 s").isLessThan(deadline);
      Thread.sleep(250);
    }
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
