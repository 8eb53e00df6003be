package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Category;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;

/**
 * An agency withdraws its own sighting as a false positive (MISP's false-positive sighting): its
 * contribution goes, as with any retraction, and the mark counts against the indicator — a domain
 * is not proposed for the "worst of" list, a hash leaves the known-hash list, while it stands.
 */
class FalsePositiveTest {

  private static final String DOMAIN = "fp-site.example";

  private static void baseline(
      TopologyFixture f, org.sightline.members.AgencyId agency, String id) {
    f.sighting(
        agency,
        id,
        IndicatorType.URL,
        "http://" + DOMAIN + "/" + id,
        Tlp.GREEN,
        T0,
        b -> b.setCategory(Category.BASELINE_CSAM));
  }

  @Test
  void aFalsePositiveWithdrawsTheProposalAndKeepsTheDomainFromBeingProposedAgain() {
    try (TopologyFixture f = new TopologyFixture()) {
      baseline(f, TestMembers.NL_POLICE, "nl-1");
      baseline(f, TestMembers.DE_POLICE, "de-1");
      assertThat(f.proposals().readRecord().value()).isNotNull();
      f.alerts("secretariat").readValuesToList();

      f.markFalsePositive(TestMembers.DE_POLICE, "de-1", T0.plusSeconds(60));
      assertThat(f.proposals().readRecord().value()).as("withdrawn").isNull();
      Alert note =
          f.alerts("secretariat").readValuesToList().stream()
              .filter(a -> a.getReason() == AlertReason.IWOL_WITHDRAWN)
              .findFirst()
              .orElseThrow();
      assertThat(note.getMessageKey()).isEqualTo("iwolWithdrawnFalsePositive");
      assertThat(f.states().get("domain:" + DOMAIN).getFalsePositives())
          .containsEntry("de-police", 1L);
      assertThat(f.states().get("url:http://" + DOMAIN + "/de-1").getFalsePositives())
          .containsEntry("de-police", 1L);

      // Two more agencies of two countries: the mark still counts against the domain.
      baseline(f, TestMembers.JO_POLICE, "jo-1");
      baseline(f, TestMembers.NL_HOTLINE, "nlh-1");
      assertThat(f.proposals().isEmpty()).isTrue();
    }
  }

  @Test
  void aFalsePositiveTakesAHashOffTheKnownHashList() {
    String hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    try (TopologyFixture f = new TopologyFixture()) {
      for (var agency : List.of(TestMembers.NL_POLICE, TestMembers.DE_POLICE)) {
        f.sighting(
            agency,
            agency.value() + "-h",
            IndicatorType.SHA256,
            hash,
            Tlp.GREEN,
            T0,
            b -> b.setCategory(Category.CSAM));
      }
      assertThat(f.hashes().readRecord().value()).isNotNull();
      f.markFalsePositive(TestMembers.NL_POLICE, "nl-police-h", T0.plusSeconds(30));
      assertThat(f.hashes().readRecord().value()).as("tombstone").isNull();
      assertThat(f.states().get("sha256:" + hash).getFalsePositives())
          .containsOnlyKeys("nl-police");
    }
  }

  @Test
  void aPlainRetractionLeavesNoMark() {
    try (TopologyFixture f = new TopologyFixture()) {
      baseline(f, TestMembers.NL_POLICE, "nl-1");
      f.retract(TestMembers.NL_POLICE, "nl-1", T0.plusSeconds(10));
      var state = f.states().get("domain:" + DOMAIN);
      assertThat(state == null || state.getFalsePositives().isEmpty()).isTrue();
    }
  }
}
