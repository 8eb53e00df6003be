package org.sightline.consumers.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.members.CountryCode;
import org.sightline.members.Principal;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.ConsoleView;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Every look at federation data through the console leaves exactly one record on the audit topic,
 * and the secretariat reads the trail with its own broker principal.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class ConsoleAuditTest {

  @Test
  void eachViewOfAnIndicatorsHistoryIsRecordedOnce() {
    String indicator = "url:http://audit.example/" + UUID.randomUUID();
    for (int i = 0; i < 2; i++) {
      TestAlerts.as(TestMembers.KE_ANALYST)
          .queryParam("country", "KE")
          .queryParam("indicator", indicator)
          .get("/api/v1/alerts/history")
          .then()
          .statusCode(200);
    }
    List<ConsoleView> views =
        trailUntil(v -> indicator.equals(v.getTarget()), found -> found.size() >= 2);
    assertThat(views).hasSize(2);
    assertThat(views)
        .allSatisfy(
            v -> {
              assertThat(v.getUser()).isEqualTo(TestMembers.KE_ANALYST);
              assertThat(v.getRecipient()).isEqualTo("KE");
              assertThat(v.getView()).isEqualTo("alert-history");
              assertThat(v.getItems()).isZero();
              assertThat(v.getRemoteAddress()).isNotBlank();
            });
  }

  @Test
  void anOpenedAlertIsOneRequestAndOneRecord() throws Exception {
    String id = "audit-detail-" + UUID.randomUUID();
    Alert alert = TestAlerts.alert(id, "KE", AlertReason.CROSS_BORDER_MATCH).build();
    TestAlerts.publish(Topics.alerts(CountryCode.of("KE")), alert);
    long deadline = System.currentTimeMillis() + 20_000;
    int status = 0;
    while (System.currentTimeMillis() < deadline && status != 200) {
      status =
          TestAlerts.as(TestMembers.KE_ANALYST)
              .queryParam("country", "KE")
              .queryParam("alertId", id)
              .get("/api/v1/alert-detail")
              .statusCode();
      if (status != 200) {
        assertThat(status).as("before the alert is read: not in the history yet").isEqualTo(404);
        Thread.sleep(200);
      }
    }
    assertThat(status).isEqualTo(200);
    List<ConsoleView> views =
        trailUntil(
            v -> "alert-detail".equals(v.getView()) && alert.getIndicator().equals(v.getTarget()),
            found -> found.size() >= 1);
    // The history, the action state and the processor's state (unreachable here) in one record.
    assertThat(views).hasSize(1);
    assertThat(views.get(0).getUser()).isEqualTo(TestMembers.KE_ANALYST);
    assertThat(views.get(0).getRecipient()).isEqualTo("KE");
    assertThat(views.get(0).getItems()).isEqualTo(1);
  }

  @Test
  void aListOfAlertsAndOfActionsIsRecordedAndARefusedRequestIsNot() {
    Predicate<ConsoleView> byDe =
        v -> v.getUser().equals(TestMembers.DE_ANALYST) && v.getTarget() == null;
    int before = trailUntil(byDe, found -> false, Duration.ofSeconds(3)).size();
    TestAlerts.as(TestMembers.DE_ANALYST)
        .queryParam("country", "DE")
        .get("/api/v1/alerts")
        .then()
        .statusCode(200);
    TestAlerts.as(TestMembers.DE_ANALYST)
        .queryParam("country", "DE")
        .get("/api/v1/actions")
        .then()
        .statusCode(200);
    // Another country's alerts: refused, so nothing was seen and nothing is recorded.
    TestAlerts.as(TestMembers.DE_ANALYST)
        .queryParam("country", "NL")
        .get("/api/v1/alerts")
        .then()
        .statusCode(403);
    List<ConsoleView> after = trailUntil(byDe, found -> found.size() >= before + 2);
    List<ConsoleView> added = after.subList(before, after.size());
    assertThat(added).extracting(ConsoleView::getView).containsExactly("alerts", "actions");
    assertThat(added).extracting(ConsoleView::getRecipient).containsOnly("DE");
  }

  private static List<ConsoleView> trailUntil(
      Predicate<ConsoleView> matching, Predicate<List<ConsoleView>> done) {
    return trailUntil(matching, done, Duration.ofSeconds(30));
  }

  /** The trail as the secretariat reads it: its own principal, its own consumer group. */
  private static List<ConsoleView> trailUntil(
      Predicate<ConsoleView> matching, Predicate<List<ConsoleView>> done, Duration patience) {
    SightlineTestStack stack = SightlineTestStack.get();
    TopicSpec<ConsoleView> topic = Topics.AUDIT_CONSOLE_VIEWS;
    List<ConsoleView> found = new ArrayList<>();
    try (KafkaConsumer<String, ConsoleView> consumer =
        new KafkaConsumer<>(
            stack
                .access(Principal.SECRETARIAT)
                .clientProperties(
                    Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG,
                        Principal.SECRETARIAT.groupPrefix() + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest")),
            topic.keySerde().deserializer(),
            topic.valueSerde(stack.serdes()).deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.currentTimeMillis() + patience.toMillis();
      long quietUntil = 0;
      while (System.currentTimeMillis() < deadline) {
        var records = consumer.poll(Duration.ofMillis(300));
        records.forEach(
            r -> {
              if (matching.test(r.value())) {
                found.add(r.value());
              }
            });
        if (done.test(found)) {
          // A moment more, so that a second record of one view would show.
          if (quietUntil == 0) {
            quietUntil = System.currentTimeMillis() + 1500;
          } else if (System.currentTimeMillis() > quietUntil) {
            break;
          }
        }
      }
    }
    return found;
  }
}
