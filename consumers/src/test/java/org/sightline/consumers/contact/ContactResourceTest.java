package org.sightline.consumers.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import org.sightline.schema.Disclosure;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * The consumers' half of consent behind hit/no-hit, on the real broker: who may take each step, on
 * which alert, once; and the record each step leaves on {@code alerts.actions} for the processor.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class ContactResourceTest {

  @Test
  void theRecipientOfAHitNoHitNoticeAsksOnceAndTheRequestIsOnTheActionsTopic() throws Exception {
    String id = "hnh-" + UUID.randomUUID();
    String indicator = "url:http://contact.example/" + id;
    TestAlerts.publish(
        Topics.alerts(CountryCode.of("DE")),
        TestAlerts.alert(id, "DE", AlertReason.HIT_NO_HIT)
            .setDisclosure(Disclosure.HIT_NO_HIT)
            .setIndicator(indicator)
            .setAgencies(List.of())
            .setCountries(List.of())
            .setSightingIds(List.of())
            .build());
    String plain = "plain-" + UUID.randomUUID();
    TestAlerts.publish(
        Topics.alerts(CountryCode.of("DE")),
        TestAlerts.alert(plain, "DE", AlertReason.CROSS_BORDER_MATCH).build());
    awaitAlert("DE", id);
    awaitAlert("DE", plain);

    // Not the secretariat's step, not another country's, not on an alert that disclosed anyway.
    ask(TestMembers.SECRETARIAT_USER, id, "DE").statusCode(403);
    ask(TestMembers.NL_ANALYST, id, "DE").statusCode(403);
    ask(TestMembers.DE_ANALYST, plain, "DE")
        .statusCode(400)
        .body("error", containsString("hit/no-hit"));
    ask(TestMembers.DE_ANALYST, "no-such-alert", "DE").statusCode(404);

    ask(TestMembers.DE_ANALYST, id, "DE")
        .statusCode(202)
        .body("action", is("CONTACT_REQUESTED"))
        .body("by", is(TestMembers.DE_ANALYST));

    List<ConsumerRecord<String, AlertAction>> steps =
        SightlineTestStack.get()
            .await(Topics.ALERTS_ACTIONS, r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
    assertThat(steps).hasSize(1);
    AlertAction step = steps.get(0).value();
    assertThat(step.getAction()).isEqualTo(AlertActionType.CONTACT_REQUESTED);
    assertThat(step.getCountry()).isEqualTo("DE");
    assertThat(step.getIndicator()).isEqualTo(indicator);
    assertThat(step.getNote()).isEqualTo("our case 17 overlaps");
    assertThat(step.getCounterpart()).isNull();

    // Where it stands travels with the alert; a second request is refused, naming the first.
    awaitContact("DE", id, "CONTACT_REQUESTED");
    ask(TestMembers.DE_ANALYST, id, "DE")
        .statusCode(409)
        .body("error", containsString("de-analyst"));
    // Nor can the general actions endpoint be used to take a contact step.
    TestAlerts.as(TestMembers.DE_ANALYST)
        .contentType("application/json")
        .body(Map.of("alertId", id, "country", "DE", "action", "CONTACT_ACCEPTED"))
        .post("/api/v1/actions")
        .then()
        .statusCode(400)
        .body("error", containsString("ACKNOWLEDGED or ASSIGNED"));
  }

  @Test
  void onlyAnAnalystOfTheHoldingAgencyDecidesAndTheDecisionNamesTheAskingCountry()
      throws Exception {
    String id = "req-" + UUID.randomUUID();
    TestAlerts.publish(
        Topics.alerts(TestMembers.NL_POLICE),
        TestAlerts.alert(id, "agency:nl-police", AlertReason.CONTACT_REQUEST)
            .setCountries(List.of("DE"))
            .setAgencies(List.of())
            .setAttributes(Map.of("askedFrom", "DE", "contactRequest", "hnh-x"))
            .build());
    awaitAlert("agency:nl-police", id);

    decide(TestMembers.SECRETARIAT_USER, id, "ACCEPT").statusCode(403);
    decide(TestMembers.NL_ANALYST, id, "ACCEPT").statusCode(403);
    decide(TestMembers.NL_POLICE_ANALYST, id, "maybe")
        .statusCode(400)
        .body("error", containsString("decision"));
    decide(TestMembers.NL_POLICE_ANALYST, id, "accept")
        .statusCode(202)
        .body("action", is("CONTACT_ACCEPTED"));

    List<ConsumerRecord<String, AlertAction>> steps =
        SightlineTestStack.get()
            .await(Topics.ALERTS_ACTIONS, r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
    assertThat(steps).hasSize(1);
    AlertAction step = steps.get(0).value();
    assertThat(step.getCountry()).isEqualTo("agency:nl-police");
    assertThat(step.getCounterpart()).isEqualTo("DE");
    assertThat(step.getBy()).isEqualTo(TestMembers.NL_POLICE_ANALYST);
    awaitContact("agency:nl-police", id, "CONTACT_ACCEPTED");
    decide(TestMembers.NL_POLICE_ANALYST, id, "DECLINE").statusCode(409);
  }

  private static io.restassured.response.ValidatableResponse ask(
      String user, String id, String country) {
    return TestAlerts.as(user)
        .contentType("application/json")
        .body(Map.of("country", country, "note", "our case 17 overlaps"))
        .post("/api/v1/alerts/" + id + "/contact-request")
        .then();
  }

  private static io.restassured.response.ValidatableResponse decide(
      String user, String id, String decision) {
    return TestAlerts.as(user)
        .contentType("application/json")
        .body(Map.of("country", "agency:nl-police", "decision", decision))
        .post("/api/v1/alerts/" + id + "/contact-decision")
        .then();
  }

  private static void awaitAlert(String recipient, String id) throws InterruptedException {
    TestAlerts.awaitAlert(recipient, id);
  }

  private static void awaitContact(String recipient, String id, String step)
      throws InterruptedException {
    TestAlerts.awaitDetail(recipient, id, "action.contact", step);
  }
}
