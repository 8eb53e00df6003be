package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sightline.processor.correlation.ContactNotices;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertAction;
import org.sightline.schema.AlertActionType;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Disclosure;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * Consent behind hit/no-hit, through the topology: DE holds a hash that nl-police holds under TLP
 * RED, so DE is told only that another member holds it. DE asks for contact; nl-police, and only
 * the holders hidden from DE, get the request, naming DE and nobody in it; nl-police accepts and
 * DE, and only DE, gets a FULL alert with what nl-police holds; a holder that declines tells DE so
 * and nothing else.
 */
class ContactRequestTest {

  private static final String HASH = "c".repeat(64);
  private static final String KEY = "sha256:" + HASH;
  private static final List<String> EVERYONE_ELSE =
      List.of("NL", "JO", "secretariat", "agency:de-police", "agency:nl-hotline");

  @Test
  void aRequestReachesTheHolderAndAnAcceptanceDisclosesToTheAskingCountryOnly() {
    try (TopologyFixture f = new TopologyFixture()) {
      Alert notice = hitNoHitForDe(f);

      step(f, AlertActionType.CONTACT_REQUESTED, notice.getId(), "DE", null, T0.plusSeconds(60));
      Alert request = f.alerts("agency:nl-police").readValue();
      assertThat(request.getReason()).isEqualTo(AlertReason.CONTACT_REQUEST);
      assertThat(request.getIndicator()).isEqualTo(KEY);
      assertThat(request.getCountries()).containsExactly("DE");
      assertThat(request.getAgencies()).isEmpty();
      assertThat(request.getAttributes())
          .containsEntry(ContactNotices.ASKED_FROM, "DE")
          .containsEntry(ContactNotices.CONTACT_REQUEST, notice.getId());
      assertThat(request.toString()).doesNotContain("de-police").doesNotContain("de-analyst");
      assertThat(f.alerts("DE").readValuesToList())
          .as("nothing to DE until the holder decides")
          .isEmpty();
      noAlertsElsewhere(f);

      step(
          f,
          AlertActionType.CONTACT_ACCEPTED,
          request.getId(),
          "agency:nl-police",
          "DE",
          T0.plusSeconds(120));
      Alert disclosed = f.alerts("DE").readValue();
      assertThat(disclosed.getReason()).isEqualTo(AlertReason.CONTACT_ACCEPTED);
      assertThat(disclosed.getDisclosure()).isEqualTo(Disclosure.FULL);
      assertThat(disclosed.getRecipient()).isEqualTo("DE");
      assertThat(disclosed.getAgencies()).containsExactly("nl-police");
      assertThat(disclosed.getCountries()).containsExactly("NL");
      assertThat(disclosed.getSightingIds()).containsExactly("s-nl");
      assertThat(disclosed.getAttributes()).containsEntry("tlp", "RED");
      assertThat(disclosed.getCreatedAt()).isEqualTo(T0.plusSeconds(120));
      noAlertsElsewhere(f);
      assertThat(f.alerts("agency:nl-police").readValuesToList()).isEmpty();

      // The same step read again (a replay): the same alert id, nothing new to act on.
      step(
          f,
          AlertActionType.CONTACT_ACCEPTED,
          request.getId(),
          "agency:nl-police",
          "DE",
          T0.plusSeconds(120));
      assertThat(f.alerts("DE").readValue().getId()).isEqualTo(disclosed.getId());
      // The state was read, never written.
      assertThat(f.states().get(KEY).getAgencies()).containsOnlyKeys("nl-police", "de-police");
    }
  }

  @Test
  void everyHiddenHolderIsAskedAndOneThatDeclinesIsNotNamed() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.JO_POLICE, "s-jo", IndicatorType.SHA256, HASH, Tlp.RED, T0, b -> {});
      Alert notice = hitNoHitForDe(f);
      step(f, AlertActionType.CONTACT_REQUESTED, notice.getId(), "DE", null, T0.plusSeconds(60));
      Alert toNl = f.alerts("agency:nl-police").readValue();
      Alert toJo = f.alerts("agency:jo-police").readValue();
      assertThat(List.of(toNl, toJo)).allMatch(a -> a.getReason() == AlertReason.CONTACT_REQUEST);

      step(
          f,
          AlertActionType.CONTACT_DECLINED,
          toJo.getId(),
          "agency:jo-police",
          "DE",
          T0.plusSeconds(90));
      Alert declined = f.alerts("DE").readValue();
      assertThat(declined.getReason()).isEqualTo(AlertReason.CONTACT_DECLINED);
      assertThat(declined.getDisclosure()).isEqualTo(Disclosure.HIT_NO_HIT);
      assertThat(declined.getAgencies()).isEmpty();
      assertThat(declined.getCountries()).isEmpty();
      assertThat(declined.toString()).doesNotContain("jo-police").doesNotContain("JO");

      step(
          f,
          AlertActionType.CONTACT_ACCEPTED,
          toNl.getId(),
          "agency:nl-police",
          "DE",
          T0.plusSeconds(120));
      Alert disclosed = f.alerts("DE").readValue();
      assertThat(disclosed.getAgencies()).containsExactly("nl-police");
      assertThat(disclosed.toString()).doesNotContain("jo-police");
    }
  }

  @Test
  void acknowledgementsAndUnreadableRecordsRaiseNothing() {
    try (TopologyFixture f = new TopologyFixture()) {
      Alert notice = hitNoHitForDe(f);
      step(f, AlertActionType.ACKNOWLEDGED, notice.getId(), "DE", null, T0.plusSeconds(60));
      f.publishRaw(Topics.ALERTS_ACTIONS.name(), notice.getId(), new byte[] {1, 2, 3}, T0);
      // A request on an indicator nobody holds any more raises nothing either.
      AlertAction unknown =
          AlertAction.newBuilder()
              .setAlertId("x")
              .setCountry("DE")
              .setAction(AlertActionType.CONTACT_REQUESTED)
              .setBy("de-analyst")
              .setAt(T0)
              .setIndicator("sha256:" + "d".repeat(64))
              .build();
      f.pipe(
          Topics.ALERTS_ACTIONS.name(),
          "x",
          unknown,
          Topics.ALERTS_ACTIONS.valueSerde(f.serdes()),
          T0);
      assertThat(f.alerts("agency:nl-police").readValuesToList()).isEmpty();
      assertThat(f.alerts("DE").readValuesToList()).isEmpty();
    }
  }

  /** nl-police RED, de-police GREEN: DE's notice, every other output drained. */
  private static Alert hitNoHitForDe(TopologyFixture f) {
    f.sighting(TestMembers.NL_POLICE, "s-nl", IndicatorType.SHA256, HASH, Tlp.RED, T0, b -> {});
    f.sighting(
        TestMembers.DE_POLICE,
        "s-de",
        IndicatorType.SHA256,
        HASH,
        Tlp.GREEN,
        T0.plusSeconds(1),
        b -> {});
    Alert notice =
        f.alerts("DE").readValuesToList().stream()
            .filter(a -> a.getReason() == AlertReason.HIT_NO_HIT)
            .findFirst()
            .orElseThrow();
    for (String other :
        List.of(
            "NL",
            "JO",
            "secretariat",
            "agency:nl-police",
            "agency:jo-police",
            "agency:de-police",
            "agency:nl-hotline")) {
      f.alerts(other).readValuesToList();
    }
    return notice;
  }

  private static void step(
      TopologyFixture f,
      AlertActionType type,
      String alertId,
      String country,
      String counterpart,
      Instant at) {
    AlertAction action =
        AlertAction.newBuilder()
            .setAlertId(alertId)
            .setCountry(country)
            .setAction(type)
            .setBy("someone")
            .setAt(at)
            .setIndicator(KEY)
            .setCounterpart(counterpart)
            .setNote("a note that stays on the actions topic")
            .build();
    f.pipe(
        Topics.ALERTS_ACTIONS.name(),
        alertId,
        action,
        Topics.ALERTS_ACTIONS.valueSerde(f.serdes()),
        at);
  }

  private static void noAlertsElsewhere(TopologyFixture f) {
    for (String other : EVERYONE_ELSE) {
      assertThat(f.alerts(other).readValuesToList()).as("alerts to %s", other).isEmpty();
    }
  }
}
