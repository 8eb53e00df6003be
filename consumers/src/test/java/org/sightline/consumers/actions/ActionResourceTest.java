package org.sightline.consumers.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.members.CountryCode;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Disclosure;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/** Actions go through alerts.actions on the real broker and come back to every analyst. */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class ActionResourceTest {

  @Test
  void anAcknowledgementByOneAnalystReachesTheOtherAnalystsOfTheCountryOnly() throws Exception {
    String id = "act-" + UUID.randomUUID();
    TestAlerts.publish(
        Topics.alerts(CountryCode.of("NL")),
        TestAlerts.alert(id, "NL", AlertReason.CROSS_BORDER_MATCH).build());
    awaitAlert("NL", id);

    TestAlerts.as(TestMembers.NL_ANALYST)
        .contentType("application/json")
        .body(Map.of("alertId", id, "country", "NL", "action", "acknowledged"))
        .post("/api/v1/actions")
        .then()
        .statusCode(202);
    TestAlerts.as(TestMembers.NL_ANALYST)
        .contentType("application/json")
        .body(Map.of("alertId", id, "country", "NL", "action", "ASSIGNED", "assignee", "Maria"))
        .post("/api/v1/actions")
        .then()
        .statusCode(202);

    long deadline = System.currentTimeMillis() + 20_000;
    List<Map<String, Object>> states = List.of();
    while (System.currentTimeMillis() < deadline) {
      states =
          TestAlerts.as(TestMembers.NL_ANALYST_2)
              .get("/api/v1/actions?country=NL")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("findAll { it.alertId == '" + id + "' }");
      if (!states.isEmpty() && states.get(0).get("assignee") != null) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(states).hasSize(1);
    assertThat(states.get(0))
        .containsEntry("acknowledgedBy", TestMembers.NL_ANALYST)
        .containsEntry("assignee", "Maria")
        .containsEntry("assignedBy", TestMembers.NL_ANALYST);

    TestAlerts.as(TestMembers.DE_ANALYST).get("/api/v1/actions?country=NL").then().statusCode(403);
    TestAlerts.as(TestMembers.DE_ANALYST)
        .contentType("application/json")
        .body(Map.of("alertId", id, "country", "NL", "action", "ACKNOWLEDGED"))
        .post("/api/v1/actions")
        .then()
        .statusCode(403);
    TestAlerts.as(TestMembers.NL_ANALYST)
        .contentType("application/json")
        .body(Map.of("alertId", "no-such-alert", "country", "NL", "action", "ACKNOWLEDGED"))
        .post("/api/v1/actions")
        .then()
        .statusCode(400);
  }

  @Test
  void theIndicatorStateSaysPlainlyWhenTheProcessorIsDownAndHitNoHitDisclosesNothing()
      throws Exception {
    String id = "state-" + UUID.randomUUID();
    String notice = "hnh-" + UUID.randomUUID();
    TestAlerts.publish(
        Topics.alerts(CountryCode.of("DE")),
        TestAlerts.alert(id, "DE", AlertReason.CROSS_BORDER_MATCH).build());
    TestAlerts.publish(
        Topics.alerts(CountryCode.of("DE")),
        TestAlerts.alert(notice, "DE", AlertReason.CROSS_BORDER_MATCH)
            .setDisclosure(Disclosure.HIT_NO_HIT)
            .build());
    awaitAlert("DE", notice);
    awaitAlert("DE", id);

    TestAlerts.as(TestMembers.DE_ANALYST)
        .get("/api/v1/indicator-state?country=DE&alertId=" + id)
        .then()
        .statusCode(503)
        .body("processorUnavailable", is(true));
    TestAlerts.as(TestMembers.DE_ANALYST)
        .get("/api/v1/indicator-state?country=DE&alertId=" + notice)
        .then()
        .statusCode(403);
    assertThat(
            TestAlerts.as(TestMembers.DE_ANALYST)
                .get("/api/v1/alerts/history?country=DE&indicator=url:http://example.com/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id", String.class))
        .containsExactly(id);
  }

  @Test
  void oneRequestAnswersEverythingAnOpenedAlertShowsAndTellsAgedOutFromProcessorDown()
      throws Exception {
    String first = "detail-" + UUID.randomUUID();
    String second = "detail-" + UUID.randomUUID();
    String notice = "detail-hnh-" + UUID.randomUUID();
    String indicator = "url:http://example.com/" + first;
    TestAlerts.publish(
        Topics.alerts(CountryCode.of("NL")),
        TestAlerts.alert(first, "NL", AlertReason.CROSS_BORDER_MATCH).build());
    TestAlerts.publish(
        Topics.alerts(CountryCode.of("NL")),
        TestAlerts.alert(second, "NL", AlertReason.MULTI_AGENCY_MATCH)
            .setIndicator(indicator)
            .build());
    TestAlerts.publish(
        Topics.alerts(CountryCode.of("NL")),
        TestAlerts.alert(notice, "NL", AlertReason.CROSS_BORDER_MATCH)
            .setIndicator(indicator)
            .setDisclosure(Disclosure.HIT_NO_HIT)
            .build());
    awaitAlert("NL", first);
    awaitAlert("NL", second);
    awaitAlert("NL", notice);

    var detail =
        TestAlerts.as(TestMembers.NL_ANALYST)
            .get("/api/v1/alert-detail?country=NL&alertId=" + first)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(detail.getString("alert.id")).isEqualTo(first);
    assertThat(detail.getString("action.alertId")).isEqualTo(first);
    assertThat(detail.getString("action.acknowledgedBy")).isNull();
    // The other alert on the indicator, not the notice (it names nothing) and not itself.
    assertThat(detail.getList("history.id", String.class)).containsExactly(second);
    // No processor runs in this test: the alert is still answered, with the reason why no state.
    assertThat(detail.getString("stateStatus")).isEqualTo("PROCESSOR_UNAVAILABLE");
    assertThat(detail.getString("state")).isNull();

    var hnh =
        TestAlerts.as(TestMembers.NL_ANALYST)
            .get("/api/v1/alert-detail?country=NL&alertId=" + notice)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(hnh.getString("stateStatus")).isEqualTo("NOT_DISCLOSED");
    assertThat(hnh.getList("history")).isEmpty();

    TestAlerts.as(TestMembers.NL_ANALYST)
        .get("/api/v1/alert-detail?country=NL&alertId=aged-out-" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("notInHistory", is(true));
    TestAlerts.as(TestMembers.NL_ANALYST)
        .get("/api/v1/alert-detail?country=NL")
        .then()
        .statusCode(400)
        .body("error", containsString("alertId"));
    TestAlerts.as(TestMembers.DE_ANALYST)
        .get("/api/v1/alert-detail?country=NL&alertId=" + first)
        .then()
        .statusCode(403);
  }

  private static void awaitAlert(String country, String id) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      List<String> ids =
          TestAlerts.asSecretariat()
              .get("/api/v1/alerts?limit=1000&country=" + country)
              .jsonPath()
              .getList("id", String.class);
      if (ids.contains(id)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(id + " did not reach " + country + " within 20 s");
  }
}
