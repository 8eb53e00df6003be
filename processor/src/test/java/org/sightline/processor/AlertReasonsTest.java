package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sightline.processor.correlation.WarningLists;
import org.sightline.processor.topology.ProcessorSettings;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Disclosure;
import org.sightline.schema.Identification;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;

/** Each alert reason decided within one indicator's state, and the over-correlation control. */
class AlertReasonsTest {

  private static final String SHA = "a".repeat(64);

  private static List<AlertReason> reasons(List<Alert> alerts) {
    return alerts.stream().map(Alert::getReason).toList();
  }

  @Test
  void aSiteHostedInAMemberCountryAlertsThatCountryForTakedown() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-1",
          IndicatorType.URL,
          "http://hosted.example/x",
          Tlp.GREEN,
          T0,
          b -> b.setHostingCountry("KE"));
      Alert toKe = f.alerts("KE").readValue();
      assertThat(toKe.getReason()).isEqualTo(AlertReason.HOSTED_IN_YOUR_COUNTRY);
      assertThat(toKe.getAgencies()).containsExactly("nl-police");
      assertThat(toKe.getDisclosure()).isEqualTo(Disclosure.FULL);
      assertThat(f.alerts("secretariat").readValue().getReason())
          .isEqualTo(AlertReason.HOSTED_IN_YOUR_COUNTRY);
      assertThat(f.alerts("NL").isEmpty()).as("the reporter is not the host").isTrue();

      f.sighting(
          TestMembers.NL_HOTLINE,
          "nlh-1",
          IndicatorType.URL,
          "http://hosted.example/x",
          Tlp.GREEN,
          T0.plusSeconds(1),
          b -> b.setHostingCountry("KE"));
      assertThat(reasons(f.alerts("KE").readValuesToList()))
          .as("the same host again is no new takedown")
          .isEmpty();
    }
  }

  @Test
  void aHostingCountryOutsideTheFederationIsNotAlerted() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-1",
          IndicatorType.URL,
          "http://elsewhere.example/",
          Tlp.GREEN,
          T0,
          b -> b.setHostingCountry("FR"));
      assertThat(f.alerts("secretariat").isEmpty()).isTrue();
    }
  }

  /**
   * A hosting country named by a RED sighting is a RED fact: the host, which holds nothing of the
   * indicator itself, is not told; the secretariat is, and coordinates a takedown.
   */
  @Test
  void aHostingCountryNamedOnlyByARedSightingIsNotTold() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.DE_POLICE,
          "de-red",
          IndicatorType.URL,
          "http://red.example/",
          Tlp.RED,
          T0,
          b -> b.setHostingCountry("JO"));
      assertThat(f.alerts("JO").isEmpty()).isTrue();
      assertThat(f.alerts("DE").isEmpty()).as("DE's other agencies may not see it either").isTrue();
      Alert toSecretariat = f.alerts("secretariat").readValue();
      assertThat(toSecretariat.getReason()).isEqualTo(AlertReason.HOSTED_IN_YOUR_COUNTRY);
      assertThat(toSecretariat.getSightingIds()).containsExactly("de-red");
      // Once a GREEN sighting says so too, the host is told, of that one only.
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-green",
          IndicatorType.URL,
          "http://red.example/",
          Tlp.GREEN,
          T0.plusSeconds(1),
          b -> b.setHostingCountry("JO"));
      Alert toJo =
          f.alerts("JO").readValuesToList().stream()
              .filter(a -> a.getReason() == AlertReason.HOSTED_IN_YOUR_COUNTRY)
              .findFirst()
              .orElseThrow();
      assertThat(toJo.getSightingIds()).containsExactly("nl-green");
      assertThat(toJo.toString()).doesNotContain("de-red", "de-police");
    }
  }

  @Test
  void knownIdentifiedMaterialTellsTheOtherAgencyNotToReinvestigate() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.DE_POLICE,
          "de-1",
          IndicatorType.SHA256,
          SHA,
          Tlp.GREEN,
          T0,
          b -> b.setIdentification(new Identification(true, null, "Series-A")));
      f.sighting(
          TestMembers.JO_POLICE,
          "jo-1",
          IndicatorType.SHA256,
          SHA,
          Tlp.GREEN,
          T0.plusSeconds(1),
          b -> {});
      List<Alert> toJo = f.alerts("JO").readValuesToList();
      assertThat(reasons(toJo))
          .containsExactlyInAnyOrder(
              AlertReason.CROSS_BORDER_MATCH, AlertReason.KNOWN_IDENTIFIED_SERIES);
      Alert known =
          toJo.stream()
              .filter(a -> a.getReason() == AlertReason.KNOWN_IDENTIFIED_SERIES)
              .findFirst()
              .orElseThrow();
      assertThat(known.getMessage()).contains("Series-A").contains("already identified");
      assertThat(f.states().get("sha256:" + SHA).getIdentifiedBy()).containsExactly("de-police");
    }
  }

  @Test
  void aHigherSeverityIsMaterialAndAlertsAgain() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "nl-1", "http://sev.example/", Tlp.GREEN, T0);
      f.sighting(
          TestMembers.DE_POLICE, "de-1", "http://sev.example/", Tlp.GREEN, T0.plusSeconds(1));
      assertThat(f.alerts("NL").readValue().getSeverity().name()).isEqualTo("MEDIUM");
      f.sighting(
          TestMembers.DE_POLICE,
          "de-2",
          IndicatorType.URL,
          "http://sev.example/",
          Tlp.GREEN,
          T0.plusSeconds(2),
          b -> b.setCategory(org.sightline.schema.Category.BASELINE_CSAM));
      Alert again = f.alerts("NL").readValue();
      assertThat(again.getReason()).isEqualTo(AlertReason.CROSS_BORDER_MATCH);
      assertThat(again.getSeverity().name()).isEqualTo("HIGH");
    }
  }

  @Test
  void aWarningListedValueIsHeldBackWithOneNoteToTheSecretariat() {
    String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    ProcessorSettings settings =
        ProcessorSettings.defaults().withWarningLists(WarningLists.of(Set.of("sha256:" + empty)));
    try (TopologyFixture f = new TopologyFixture(settings)) {
      f.sighting(
          TestMembers.NL_POLICE, "nl-1", IndicatorType.SHA256, empty, Tlp.GREEN, T0, b -> {});
      f.sighting(
          TestMembers.DE_POLICE,
          "de-1",
          IndicatorType.SHA256,
          empty,
          Tlp.GREEN,
          T0.plusSeconds(1),
          b -> {});
      f.sighting(
          TestMembers.JO_POLICE,
          "jo-1",
          IndicatorType.SHA256,
          empty,
          Tlp.GREEN,
          T0.plusSeconds(2),
          b -> {});
      List<Alert> toSecretariat = f.alerts("secretariat").readValuesToList();
      assertThat(reasons(toSecretariat)).containsExactly(AlertReason.OVER_CORRELATED);
      assertThat(toSecretariat.get(0).getMessage()).contains("warning list");
      assertThat(f.alerts("NL").isEmpty()).isTrue();
      assertThat(f.alerts("DE").isEmpty()).isTrue();
      assertThat(f.states().get("sha256:" + empty).getOverCorrelated()).isTrue();
      assertThat(f.states().get("sha256:" + empty).getSightingCount())
          .as("held back, not dropped")
          .isEqualTo(3);
    }
  }

  @Test
  void anIndicatorReportedByTooManyAgenciesStopsAlerting() {
    ProcessorSettings settings = ProcessorSettings.defaults().withMaxAgenciesPerIndicator(2);
    try (TopologyFixture f = new TopologyFixture(settings)) {
      f.sighting(TestMembers.NL_POLICE, "nl-1", "http://cdn.example/", Tlp.GREEN, T0);
      f.sighting(
          TestMembers.DE_POLICE, "de-1", "http://cdn.example/", Tlp.GREEN, T0.plusSeconds(1));
      assertThat(reasons(f.alerts("secretariat").readValuesToList()))
          .containsExactly(AlertReason.CROSS_BORDER_MATCH);
      f.sighting(
          TestMembers.JO_POLICE, "jo-1", "http://cdn.example/", Tlp.GREEN, T0.plusSeconds(2));
      assertThat(reasons(f.alerts("secretariat").readValuesToList()))
          .containsExactly(AlertReason.OVER_CORRELATED);
      assertThat(f.alerts("JO").isEmpty()).isTrue();
      f.sighting(
          TestMembers.NL_HOTLINE, "nlh-1", "http://cdn.example/", Tlp.GREEN, T0.plusSeconds(3));
      assertThat(f.alerts("secretariat").isEmpty()).isTrue();
    }
  }

  @Test
  void retractingTheOnlyIdentifyingSightingSupersedesTheSeriesAlert() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "nl-1", "http://r.example/", Tlp.GREEN, T0);
      f.sighting(
          TestMembers.NL_HOTLINE, "nlh-1", "http://r.example/", Tlp.GREEN, T0.plusSeconds(1));
      Alert multi = f.alerts("NL").readValue();
      f.retract(TestMembers.NL_HOTLINE, "nlh-1", T0.plusSeconds(5));
      Alert superseded = f.alerts("NL").readValue();
      assertThat(superseded.getReason()).isEqualTo(AlertReason.SUPERSEDED);
      assertThat(superseded.getSupersedes()).isEqualTo(multi.getId());
      assertThat(superseded.getAttributes())
          .containsEntry("supersededReason", "MULTI_AGENCY_MATCH");
      assertThat(f.states().get("url:http://r.example/").getMarks()).isEmpty();
    }
  }
}
