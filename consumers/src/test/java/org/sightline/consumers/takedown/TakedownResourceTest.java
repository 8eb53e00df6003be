package org.sightline.consumers.takedown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.members.CountryCode;
import org.sightline.schema.AlertAction;
import org.sightline.schema.AlertActionType;
import org.sightline.schema.AlertReason;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * Takedown follow-up on the real broker: the hosting country's analyst records each step on its
 * HOSTED_IN_YOUR_COUNTRY alert, in order; each is on {@code alerts.actions} with the alert's
 * indicator for the processor, and shows with the alert.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class TakedownResourceTest {

  @Test
  void theHostingCountryRecordsNoticeRemovalAndReappearanceInOrder() throws Exception {
    String id = "hosted-" + UUID.randomUUID();
    String indicator = "url:http://takedown.example/" + id;
    TestAlerts.publish(
        Topics.alerts(CountryCode.of("DE")),
        TestAlerts.alert(id, "DE", AlertReason.HOSTED_IN_YOUR_COUNTRY)
            .setIndicator(indicator)
            .build());
    String other = "cross-" + UUID.randomUUID();
    TestAlerts.publish(
        Topics.alerts(CountryCode.of("DE")),
        TestAlerts.alert(other, "DE", AlertReason.CROSS_BORDER_MATCH).build());
    TestAlerts.awaitAlert("DE", id);
    TestAlerts.awaitAlert("DE", other);

    step(TestMembers.SECRETARIAT_USER, id, "DE", "NOTICE_SENT").statusCode(403);
    step(TestMembers.NL_ANALYST, id, "DE", "NOTICE_SENT").statusCode(403);
    step(TestMembers.DE_ANALYST, other, "DE", "NOTICE_SENT")
        .statusCode(400)
        .body("error", containsString("HOSTED_IN_YOUR_COUNTRY"));
    step(TestMembers.DE_ANALYST, id, "DE", "GONE")
        .statusCode(400)
        .body("error", containsString("'step'"));
    step(TestMembers.DE_ANALYST, id, "DE", "REAPPEARED")
        .statusCode(409)
        .body("error", containsString("follows a recorded removal"));

    step(TestMembers.DE_ANALYST, id, "DE", "NOTICE_SENT")
        .statusCode(202)
        .body("action", is("NOTICE_SENT"));
    TestAlerts.awaitDetail("DE", id, "action.takedown.status", "NOTICE_SENT");
    step(TestMembers.DE_ANALYST, id, "DE", "REMOVED").statusCode(202);
    TestAlerts.awaitDetail("DE", id, "action.takedown.status", "REMOVED");
    step(TestMembers.DE_ANALYST, id, "DE", "REMOVED")
        .statusCode(409)
        .body("takedown", is("REMOVED"));
    step(TestMembers.DE_ANALYST, id, "DE", "REAPPEARED").statusCode(202);
    TestAlerts.awaitDetail("DE", id, "action.takedown.status", "REAPPEARED");

    List<ConsumerRecord<String, AlertAction>> steps =
        SightlineTestStack.get()
            .await(Topics.ALERTS_ACTIONS, r -> id.equals(r.key()), 3, Duration.ofSeconds(20));
    assertThat(steps)
        .extracting(r -> r.value().getAction())
        .containsExactly(
            AlertActionType.NOTICE_SENT, AlertActionType.REMOVED, AlertActionType.REAPPEARED);
    assertThat(steps).allSatisfy(r -> assertThat(r.value().getIndicator()).isEqualTo(indicator));
    assertThat(steps)
        .allSatisfy(r -> assertThat(r.value().getBy()).isEqualTo(TestMembers.DE_ANALYST));

    // The secretariat's scorecard counts it: removed once, timed from the alert.
    TestAlerts.asSecretariat()
        .get("/api/v1/dashboard/takedowns")
        .then()
        .statusCode(200)
        .body(
            "countries.find { it.country == 'DE' }.removed",
            org.hamcrest.Matchers.greaterThanOrEqualTo(1))
        .body(
            "countries.find { it.country == 'DE' }.toRemoval.n",
            org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    TestAlerts.as(TestMembers.DE_ANALYST).get("/api/v1/dashboard/takedowns").then().statusCode(403);

    // The plain actions endpoint takes acknowledgements and assignments only.
    TestAlerts.as(TestMembers.DE_ANALYST)
        .contentType("application/json")
        .body(Map.of("alertId", id, "country", "DE", "action", "REMOVED"))
        .post("/api/v1/actions")
        .then()
        .statusCode(400);
  }

  private static ValidatableResponse step(String user, String id, String country, String step) {
    return TestAlerts.as(user)
        .contentType("application/json")
        .body(Map.of("country", country, "step", step, "note", "notice ref 2026-17"))
        .post("/api/v1/alerts/" + id + "/takedown")
        .then();
  }
}
