package org.sightline.consumers;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Disclosure;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Severity;
import org.sightline.testing.SightlineTestStack;
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

  /** A request as the secretariat's user. */
  public static RequestSpecification asSecretariat() {
    return given();
  }

  /** A request as an analyst of {@code country}. */
  public static RequestSpecification asAnalyst(String country) {
    return given();
  }
}
