package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.sightline.members.AgencyId;
import org.sightline.processor.topology.ProcessorSettings;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Category;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IwolEntry;
import org.sightline.schema.IwolProposal;
import org.sightline.schema.IwolVerdict;
import org.sightline.schema.Rejection;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;

/**
 * The secretariat's review of the "worst of" list (the default): a domain that meets the rule is
 * proposed with its evidence, listed only when approved, set aside when rejected, and withdrawn
 * when its support falls before anyone decides.
 */
class IwolReviewTest {

  private static final String DOMAIN = "abuse-site.example";
  private static final String KEY = "domain:" + DOMAIN;

  private static void baseline(TopologyFixture f, AgencyId agency, String id, Instant at) {
    f.sighting(
        agency,
        id,
        IndicatorType.URL,
        "http://" + DOMAIN + "/gallery/" + id,
        Tlp.GREEN,
        at,
        b -> b.setCategory(Category.BASELINE_CSAM).setHostingCountry("NL"));
  }

  /** The secretariat's notes about the list (it also gets copies of other alerts). */
  /** NL and DE support the domain: it is proposed; what that wrote is read and set aside. */
  private static void proposedByNlAndDe(TopologyFixture f) {
    baseline(f, TestMembers.NL_POLICE, "nl-1", T0);
    baseline(f, TestMembers.DE_POLICE, "de-1", T0.plusSeconds(10));
    f.proposals().readRecordsToList();
    f.alerts("secretariat").readValuesToList();
  }

  private static List<AlertReason> reasons(List<Alert> alerts) {
    return iwolNotes(alerts).stream().map(Alert::getReason).toList();
  }

  private static List<Alert> iwolNotes(List<Alert> alerts) {
    return alerts.stream().filter(a -> a.getReason().name().startsWith("IWOL_")).toList();
  }

  @Test
  void aDomainThatMeetsTheRuleIsProposedWithItsEvidenceAndNotListed() {
    try (TopologyFixture f = new TopologyFixture()) {
      var iwol = f.iwol();
      var proposals = f.proposals();
      var secretariat = f.alerts("secretariat");
      baseline(f, TestMembers.NL_POLICE, "nl-1", T0);
      assertThat(proposals.isEmpty()).as("one country is not the rule").isTrue();
      baseline(f, TestMembers.DE_POLICE, "de-1", T0.plusSeconds(10));

      assertThat(iwol.isEmpty()).as("nothing reaches access providers before review").isTrue();
      TestRecord<String, IwolProposal> proposed = proposals.readRecord();
      assertThat(proposed.key()).isEqualTo(DOMAIN);
      IwolProposal evidence = proposed.value();
      assertThat(evidence.getProposedAt()).isEqualTo(T0.plusSeconds(10));
      assertThat(evidence.getAgencies()).containsExactly("de-police", "nl-police");
      assertThat(evidence.getCountries()).containsExactly("DE", "NL");
      assertThat(evidence.getSightings()).isEqualTo(2);
      assertThat(evidence.getSightingIds()).containsExactlyInAnyOrder("nl-1", "de-1");
      assertThat(evidence.getSamples())
          .as("the URLs the sightings named, newest first")
          .containsExactly(
              "url:http://abuse-site.example/gallery/de-1",
              "url:http://abuse-site.example/gallery/nl-1");
      assertThat(evidence.getHostingCountries()).containsExactly("NL");
      assertThat(evidence.getFirstSeen()).isEqualTo(T0);
      assertThat(evidence.getLastSeen()).isEqualTo(T0.plusSeconds(10));

      Alert note = iwolNotes(secretariat.readValuesToList()).get(0);
      assertThat(note.getReason()).isEqualTo(AlertReason.IWOL_PROPOSED);
      assertThat(note.getMessage()).contains("listed when the secretariat approves it");
      assertThat(f.states().get(KEY).getIwolProposedAt()).isEqualTo(T0.plusSeconds(10));
      assertThat(f.listed().get(KEY))
          .as("a proposal's support is checked for expiry as a listing's is")
          .isNotNull();

      // A third agency: the evidence follows, still one proposal, no second note.
      baseline(f, TestMembers.JO_POLICE, "jo-1", T0.plusSeconds(20));
      assertThat(proposals.readRecord().value().getAgencies())
          .containsExactly("de-police", "jo-police", "nl-police");
      assertThat(reasons(secretariat.readValuesToList())).isEmpty();
      assertThat(iwol.isEmpty()).isTrue();
    }
  }

  @Test
  void anApprovedDomainIsListedAndLeavesTheQueue() {
    try (TopologyFixture f = new TopologyFixture()) {
      var iwol = f.iwol();
      var proposals = f.proposals();
      var secretariat = f.alerts("secretariat");
      proposedByNlAndDe(f);

      Instant decided = T0.plusSeconds(3600);
      f.review(DOMAIN, IwolVerdict.APPROVED, "console:secretariat", "verified by hand", decided);

      TestRecord<String, IwolEntry> listed = iwol.readRecord();
      assertThat(listed.key()).isEqualTo(DOMAIN);
      assertThat(listed.value().getListedAt()).isEqualTo(decided);
      assertThat(listed.value().toString()).doesNotContain("police", "nl-1", "secretariat");
      TestRecord<String, IwolProposal> settled = proposals.readRecord();
      assertThat(settled.key()).isEqualTo(DOMAIN);
      assertThat(settled.value()).as("tombstone: no longer awaiting review").isNull();
      Alert note = iwolNotes(secretariat.readValuesToList()).get(0);
      assertThat(note.getReason()).isEqualTo(AlertReason.IWOL_LISTED);
      assertThat(note.getMessage())
          .contains(
              "approved by the secretariat (console:secretariat)", "Ground: verified by hand.");
      assertThat(note.getAgencies()).containsExactly("de-police", "nl-police");
      IndicatorState state = f.states().get(KEY);
      assertThat(state.getIwolProposedAt()).isNull();
      assertThat(state.getIwolListedAt()).isEqualTo(decided);

      // The same verdict again (a retry) changes nothing.
      f.review(DOMAIN, IwolVerdict.APPROVED, "console:secretariat", null, decided.plusSeconds(5));
      assertThat(iwol.isEmpty()).isTrue();
      assertThat(proposals.isEmpty()).isTrue();
      assertThat(reasons(secretariat.readValuesToList())).isEmpty();
    }
  }

  @Test
  void aRejectedDomainIsNotListedAndOnlyNewerSightingsCanProposeItAgain() {
    try (TopologyFixture f = new TopologyFixture()) {
      var iwol = f.iwol();
      var proposals = f.proposals();
      var secretariat = f.alerts("secretariat");
      proposedByNlAndDe(f);

      Instant decided = T0.plusSeconds(600);
      f.review(
          DOMAIN,
          IwolVerdict.REJECTED,
          "cli:duty-officer",
          "a file host, content removed",
          decided);

      assertThat(proposals.readRecord().value()).isNull();
      Alert note = iwolNotes(secretariat.readValuesToList()).get(0);
      assertThat(note.getReason()).isEqualTo(AlertReason.IWOL_REJECTED);
      assertThat(note.getMessage())
          .contains(
              "rejected by the secretariat (cli:duty-officer)",
              "Ground: a file host, content removed.");
      IndicatorState state = f.states().get(KEY);
      assertThat(state.getIwolSupport()).isEmpty();
      assertThat(state.getIwolDelistedAt()).isEqualTo(decided);
      assertThat(f.listed().get(KEY)).isNull();

      // Reported late but observed before the verdict: it cannot undo it.
      baseline(f, TestMembers.JO_POLICE, "jo-old", T0.plusSeconds(300));
      baseline(f, TestMembers.NL_HOTLINE, "nlh-old", T0.plusSeconds(400));
      assertThat(proposals.isEmpty()).isTrue();

      f.advanceWallClock(Duration.ofMinutes(15)); // a future observation is refused
      baseline(f, TestMembers.NL_POLICE, "nl-new", decided.plusSeconds(60));
      baseline(f, TestMembers.JO_POLICE, "jo-new", decided.plusSeconds(120));
      IwolProposal again = proposals.readRecord().value();
      assertThat(again.getSightingIds()).containsExactlyInAnyOrder("nl-new", "jo-new");
      assertThat(reasons(secretariat.readValuesToList())).contains(AlertReason.IWOL_PROPOSED);
      assertThat(iwol.isEmpty()).isTrue();
    }
  }

  @Test
  void aProposalWhoseSupportIsRetractedIsWithdrawnAndALateApprovalListsNothing() {
    try (TopologyFixture f = new TopologyFixture()) {
      var iwol = f.iwol();
      var proposals = f.proposals();
      var secretariat = f.alerts("secretariat");
      proposedByNlAndDe(f);

      f.retract(TestMembers.DE_POLICE, "de-1", T0.plusSeconds(20));
      assertThat(proposals.readRecord().value()).isNull();
      assertThat(reasons(secretariat.readValuesToList())).contains(AlertReason.IWOL_WITHDRAWN);
      assertThat(f.states().get(KEY).getIwolProposedAt()).isNull();
      assertThat(f.listed().get(KEY)).isNull();

      f.review(DOMAIN, IwolVerdict.APPROVED, "console:secretariat", null, T0.plusSeconds(30));
      assertThat(iwol.isEmpty()).as("nothing awaited review any more").isTrue();
      assertThat(proposals.isEmpty()).isTrue();
    }
  }

  @Test
  void aProposalGoesStaleWithoutReviewAndIsWithdrawn() {
    try (TopologyFixture f =
        new TopologyFixture(ProcessorSettings.defaults().withIwolExpiry(Duration.ofDays(90)))) {
      var proposals = f.proposals();
      var secretariat = f.alerts("secretariat");
      proposedByNlAndDe(f);

      f.advanceWallClock(Duration.ofDays(91));
      assertThat(proposals.readRecord().value()).isNull();
      assertThat(reasons(secretariat.readValuesToList()))
          .containsExactly(AlertReason.IWOL_WITHDRAWN);
    }
  }

  @Test
  void theSecretariatSetsAProposedDomainAsideByDelistingIt() {
    try (TopologyFixture f = new TopologyFixture()) {
      var proposals = f.proposals();
      var secretariat = f.alerts("secretariat");
      proposedByNlAndDe(f);

      f.delist(DOMAIN, "cli:duty-officer", "legitimate host", T0.plusSeconds(60));
      assertThat(proposals.readRecord().value()).isNull();
      Alert note = iwolNotes(secretariat.readValuesToList()).get(0);
      assertThat(note.getReason()).isEqualTo(AlertReason.IWOL_REJECTED);
      assertThat(note.getMessage()).contains("while awaiting review", "Ground: legitimate host.");
    }
  }

  @Test
  void aRejectionWithoutAGroundOrAVerdictForNoDomainIsRefusedWithTheField() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.review(DOMAIN, IwolVerdict.REJECTED, "console:secretariat", " ", T0);
      f.review("not a domain", IwolVerdict.APPROVED, "console:secretariat", null, T0);
      f.review(DOMAIN, IwolVerdict.APPROVED, "", null, T0);
      List<Rejection> rejections = f.rejected().readValuesToList();
      assertThat(rejections)
          .extracting(Rejection::getField)
          .containsExactly("reason", "domain", "requestedBy");
      assertThat(rejections)
          .allSatisfy(r -> assertThat(r.getSourceTopic()).isEqualTo("iwol.reviews"));
    }
  }

  @Test
  void withAutoApprovalADomainIsListedAtOnceAndNeverQueued() {
    try (TopologyFixture f =
        new TopologyFixture(ProcessorSettings.defaults().withIwolAutoApprove(true))) {
      var iwol = f.iwol();
      var proposals = f.proposals();
      baseline(f, TestMembers.NL_POLICE, "nl-1", T0);
      baseline(f, TestMembers.DE_POLICE, "de-1", T0.plusSeconds(10));
      assertThat(iwol.readRecord().value().getDomain()).isEqualTo(DOMAIN);
      assertThat(proposals.isEmpty()).isTrue();
      assertThat(reasons(f.alerts("secretariat").readValuesToList()))
          .containsExactly(AlertReason.IWOL_LISTED);
    }
  }
}
