package org.sightline.consumers;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.sightline.consumers.auth.Sessions;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Disclosure;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Severity;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.TopicSpec;

/** Alerts written straight to the alert topics, as the processor would, and API requests. */
public final class TestAlerts {

  private TestAlerts() {}

  /** A full-disclosure alert between NL and DE, ready to adjust. */
  public static Alert.Builder alert(String id, String recipient, AlertReason reason) {
    Instant now = Instant.now();
    return Alert.newBuilder()
        .setId(id)
        .setReason(reason)
        .setRecipient(recipient)
        .setIndicator("url:http://example.com/" + id)
        .setIndicatorType(IndicatorType.URL)
        .setSeverity(Severity.HIGH)
        .setDisclosure(Disclosure.FULL)
        .setCountries(List.of("NL", "DE"))
        .setAgencies(List.of("nl-police", "de-police"))
        .setSightingIds(List.of("s-" + id))
        .setFirstSeen(now)
        .setLastSeen(now)
        .setCreatedAt(now)
        .setMessage("Seen by agencies in NL and DE.")
        .setAttributes(Map.of());
  }

  public static void publish(TopicSpec<Alert> topic, Alert alert) throws Exception {
    try (KafkaProducer<String, Alert> producer = SightlineTestStack.get().producer(topic)) {
      producer
          .send(new ProducerRecord<>(topic.name(), alert.getId(), alert))
          .get(15, TimeUnit.SECONDS);
    }
  }

  private static final Map<String, String> SESSIONS = new ConcurrentHashMap<>();

  /** A request as the secretariat's user. */
  public static RequestSpecification asSecretariat() {
    return as(TestMembers.SECRETARIAT_USER);
  }

  /** A request as {@code user} (see {@link TestMembers}), logged in once per test JVM. */
  public static RequestSpecification as(String user) {
    String session = SESSIONS.computeIfAbsent(user, TestAlerts::login);
    return given().cookie(Sessions.COOKIE, session);
  }

  public static String login(String user) {
    return given()
        .contentType("application/json")
        .body(Map.of("user", user, "password", TestMembers.password(user)))
        .post("/api/v1/login")
        .then()
        .statusCode(200)
        .extract()
        .cookie(Sessions.COOKIE);
  }

  /** Waits (20 s at most) until the recipient's history holds the alert. */
  public static void awaitAlert(String recipient, String id) throws InterruptedException {
    awaitDetail(recipient, id, "alert.id", id);
  }

  /**
   * Waits (20 s at most) until the alert's detail, as the secretariat opens it, says {@code
   * expected} at {@code path} (e.g. {@code action.contact}).
   */
  public static void awaitDetail(String recipient, String id, String path, String expected)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    String last = null;
    while (System.currentTimeMillis() < deadline) {
      var answer =
          asSecretariat()
              .queryParam("country", recipient)
              .queryParam("alertId", id)
              .get("/api/v1/alert-detail");
      if (answer.statusCode() == 200) {
        last = answer.jsonPath().getString(path);
        if (expected.equals(last)) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        id
            + " of "
            + recipient
            + " did not show "
            + path
            + "="
            + expected
            + " (last: "
            + last
            + ")");
  }

  /** Retries {@code check} until it passes or 20 s have gone; then its last failure is thrown. */
  public static void eventually(Runnable check) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}
