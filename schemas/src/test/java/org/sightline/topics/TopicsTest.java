package org.sightline.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;

class TopicsTest {

  @Test
  void derivesPerAgencyAndPerCountryNames() {
    assertThat(Topics.intake(AgencyId.of("nl-police")).name()).isEqualTo("intake.nl-police");
    assertThat(Topics.alerts(CountryCode.of("nl")).name()).isEqualTo("alerts.NL");
    assertThat(Topics.alertsForRecipient("secretariat")).isEqualTo(Topics.ALERTS_SECRETARIAT);
    assertThat(Topics.alertsForRecipient("agency:nl-police").name())
        .isEqualTo("alerts.agency.nl-police");
    assertThat(Topics.recipientOfAlertTopic("alerts.agency.nl-police"))
        .isEqualTo("agency:nl-police");
    assertThat(Topics.recipientOfAlertTopic("alerts.NL")).isEqualTo("NL");
    assertThat(Topics.recipientOfAlertTopic("alerts.actions")).isNull();
  }

  @Test
  void intakePatternMatchesAgencyTopicsOnly() {
    assertThat(Topics.INTAKE_PATTERN.matcher("intake.nl-police").matches()).isTrue();
    assertThat(Topics.INTAKE_PATTERN.matcher(Topics.INTAKE_REJECTED.name()).matches()).isFalse();
    assertThat(Topics.INTAKE_PATTERN.matcher("intake.NL").matches()).isFalse();
    assertThat(Topics.INTAKE_PATTERN.matcher("alerts.NL").matches()).isFalse();
    assertThat(Topics.agencyOfIntakeTopic("intake.de-police")).isEqualTo(AgencyId.of("de-police"));
    assertThat(Topics.agencyOfIntakeTopic("intake.rejected")).isNull();
  }

  @Test
  void alertsPatternMatchesCountriesAndSecretariat() {
    assertThat(Topics.ALERTS_PATTERN.matcher("alerts.JO").matches()).isTrue();
    assertThat(Topics.ALERTS_PATTERN.matcher("alerts.secretariat").matches()).isTrue();
    assertThat(Topics.ALERTS_PATTERN.matcher("alerts.jo").matches()).isFalse();
    assertThat(Topics.ALERTS_PATTERN.matcher("alerts.agency.jo-police").matches()).isTrue();
    // Analysts' actions are not alerts: the alert feed must not read them.
    assertThat(Topics.ALERTS_PATTERN.matcher(Topics.ALERTS_ACTIONS.name()).matches()).isFalse();
  }

  @Test
  void listsEveryTopicOfTheFederation() {
    MemberDirectory members =
        new MemberDirectory(
            List.of(
                new Agency(AgencyId.of("nl-police"), null, CountryCode.of("NL"), "x", true),
                new Agency(AgencyId.of("de-police"), null, CountryCode.of("DE"), "y", true)),
            List.of(CountryCode.of("JO")));
    assertThat(Topics.all(members))
        .extracting(TopicSpec::name)
        .containsExactly(
            "intake.de-police",
            "intake.nl-police",
            "intake.rejected",
            "alerts.DE",
            "alerts.JO",
            "alerts.NL",
            "alerts.agency.de-police",
            "alerts.agency.nl-police",
            "alerts.secretariat",
            "alerts.actions",
            "iwol.domains",
            "iwol.delistings",
            "iwol.reviews",
            "iwol.proposals",
            "warninglists.changes",
            "disputes",
            "erasure.requests",
            "iwol.downloads",
            "audit.console-views",
            "audit.lookups",
            "hashes.known",
            "hashes.delistings",
            "hashes.downloads",
            "metrics.per-minute",
            "processor.dead-letter");
    // Every recipient's alerts for a year, the secretariat's too (its spec is a constant, built
    // when the class loads: it once read the retention before that was set, and got none).
    assertThat(Topics.all(members))
        .filteredOn(t -> Topics.ALERTS_PATTERN.matcher(t.name()).matches())
        .hasSize(6)
        .allSatisfy(
            t ->
                assertThat(t.brokerConfig())
                    .containsEntry("retention.ms", Long.toString(Duration.ofDays(365).toMillis())));
    assertThat(Topics.IWOL_DOMAINS.brokerConfig()).containsEntry("cleanup.policy", "compact");
    assertThat(Topics.IWOL_DOWNLOADS.brokerConfig())
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(Duration.ofDays(3650).toMillis()));
    assertThat(Topics.METRICS_PER_MINUTE.brokerConfig())
        .containsEntry("cleanup.policy", "compact,delete")
        .containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
    assertThat(Topics.metricKey("sightings|country=NL", 60_000L))
        .isEqualTo("sightings|country=NL@60000");
  }

  @Test
  void refusesNamesThatWouldEscapeTheirTopic() {
    assertThatThrownBy(() -> AgencyId.of("rejected")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> AgencyId.of("a.b")).hasMessageContaining("not valid");
    assertThatThrownBy(() -> CountryCode.of("XX")).hasMessageContaining("ISO 3166-1");
  }
}
