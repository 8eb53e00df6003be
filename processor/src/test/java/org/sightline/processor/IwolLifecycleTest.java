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
import org.sightline.schema.Rejection;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;

/**
 * How a domain leaves the "worst of" list other than by retraction: expiry and the secretariat. In
 * a federation that lists by the rule alone ({@code iwol.auto-approve}); the review is {@link
 * IwolReviewTest}'s.
 */
class IwolLifecycleTest {

  private static final ProcessorSettings AUTO =
      ProcessorSettings.defaults().withIwolAutoApprove(true);

  private static final String DOMAIN = "abuse-site.example";
  private static final String KEY = "domain:" + DOMAIN;
  private static final Duration EXPIRY = Duration.ofDays(90);

  private static void baseline(TopologyFixture f, AgencyId agency, String id, Instant at) {
    f.sighting(
        agency,
        id,
        IndicatorType.URL,
        "http://" + DOMAIN + "/gallery/" + id,
        Tlp.GREEN,
        at,
        b -> b.setCategory(Category.BASELINE_CSAM));
  }

  private static List<AlertReason> reasons(List<Alert> alerts) {
    return alerts.stream().map(Alert::getReason).toList();
  }

  @Test
  void aListingExpiresWhenItsSupportGoesStaleEvenIfNothingMoreIsReported() {
    try (TopologyFixture f = new TopologyFixture(AUTO.withIwolExpiry(EXPIRY))) {
      var iwol = f.iwol();
      var secretariat = f.alerts("secretariat");
      baseline(f, TestMembers.NL_POLICE, "nl-1", T0);
      // The wall clock starts at T0 and moves with the sightings (a future one is refused).
      f.advanceWallClock(Duration.ofDays(30));
      baseline(f, TestMembers.DE_POLICE, "de-1", T0.plus(Duration.ofDays(30)));
      assertThat(iwol.readRecord().value()).isNotNull();
      assertThat(reasons(secretariat.readValuesToList())).contains(AlertReason.IWOL_LISTED);
      assertThat(f.listed().get(KEY))
          .as("checked again when the oldest support (NL's, at T0) goes stale")
          .isEqualTo(T0.plus(EXPIRY).toEpochMilli());

      f.advanceWallClock(Duration.ofDays(59));
      assertThat(iwol.isEmpty()).as("89 days: still supported by both").isTrue();

      // Past T0 + 90 days, NL's support is stale.
      f.advanceWallClock(Duration.ofDays(2));
      TestRecord<String, IwolEntry> tombstone = iwol.readRecord();
      assertThat(tombstone.key()).isEqualTo(DOMAIN);
      assertThat(tombstone.value()).isNull();
      List<Alert> notes = secretariat.readValuesToList();
      assertThat(reasons(notes)).containsExactly(AlertReason.IWOL_DELISTED);
      assertThat(notes.get(0).getMessage()).contains("none observed within 90 days");

      IndicatorState state = f.states().get(KEY);
      assertThat(state.getIwolListedAt()).isNull();
      assertThat(state.getIwolSupport()).containsOnlyKeys("de-police");
      assertThat(f.listed().get(KEY)).as("no longer watched for expiry").isNull();

      f.advanceWallClock(Duration.ofDays(60));
      assertThat(iwol.isEmpty()).as("delisted once, not again").isTrue();
      assertThat(secretariat.isEmpty()).isTrue();
    }
  }

  @Test
  void freshSupportKeepsADomainListedAndMovesItsExpiry() {
    try (TopologyFixture f = new TopologyFixture(AUTO.withIwolExpiry(EXPIRY))) {
      var iwol = f.iwol();
      baseline(f, TestMembers.NL_POLICE, "nl-1", T0);
      baseline(f, TestMembers.DE_POLICE, "de-1", T0);
      IwolEntry first = iwol.readRecord().value();
      // Access providers learn the day it lapses unless supported again, never more precisely.
      assertThat(first.getExpiresAt())
          .isEqualTo(T0.plus(EXPIRY).truncatedTo(java.time.temporal.ChronoUnit.DAYS));
      f.advanceWallClock(Duration.ofDays(80));
      baseline(f, TestMembers.NL_POLICE, "nl-2", T0.plus(Duration.ofDays(80)));
      assertThat(iwol.isEmpty()).as("DE's support still lapses first: no change").isTrue();
      f.advanceWallClock(Duration.ofDays(5));
      baseline(f, TestMembers.DE_POLICE, "de-2", T0.plus(Duration.ofDays(85)));
      assertThat(f.listed().get(KEY))
          .isEqualTo(T0.plus(Duration.ofDays(80)).plus(EXPIRY).toEpochMilli());
      IwolEntry renewed = iwol.readRecord().value();
      assertThat(renewed.getListedAt()).isEqualTo(first.getListedAt());
      assertThat(renewed.getExpiresAt())
          .isEqualTo(
              T0.plus(Duration.ofDays(80))
                  .plus(EXPIRY)
                  .truncatedTo(java.time.temporal.ChronoUnit.DAYS));

      f.advanceWallClock(Duration.ofDays(15));
      assertThat(iwol.isEmpty()).as("renewed by both agencies within 90 days").isTrue();
      assertThat(f.states().get(KEY).getIwolListedAt()).isNotNull();

      f.advanceWallClock(Duration.ofDays(80));
      assertThat(iwol.readRecord().value()).as("stale at last").isNull();
    }
  }

  @Test
  void theSecretariatDelistsADomainAndOnlyNewerSightingsCanListItAgain() {
    try (TopologyFixture f = new TopologyFixture(AUTO)) {
      var iwol = f.iwol();
      var secretariat = f.alerts("secretariat");
      baseline(f, TestMembers.NL_POLICE, "nl-1", T0);
      baseline(f, TestMembers.DE_POLICE, "de-1", T0.plusSeconds(1));
      assertThat(iwol.readRecord().value()).isNotNull();
      secretariat.readValuesToList();

      Instant decided = T0.plusSeconds(60);
      f.delist("WWW.Abuse-Site.example", "secretariat-duty-officer", "site taken down", decided);

      TestRecord<String, IwolEntry> tombstone = iwol.readRecord();
      assertThat(tombstone.key()).isEqualTo(DOMAIN);
      assertThat(tombstone.value()).isNull();
      Alert note = secretariat.readValue();
      assertThat(note.getReason()).isEqualTo(AlertReason.IWOL_DELISTED);
      assertThat(note.getMessage())
          .contains("by the secretariat (secretariat-duty-officer)", "Ground: site taken down.");
      IndicatorState state = f.states().get(KEY);
      assertThat(state.getIwolListedAt()).isNull();
      assertThat(state.getIwolDelistedAt()).isEqualTo(decided);
      assertThat(state.getIwolSupport()).isEmpty();
      assertThat(f.listed().get(KEY)).isNull();

      // Reported late, but observed before the decision: it cannot undo it.
      baseline(f, TestMembers.JO_POLICE, "jo-old", T0.plusSeconds(30));
      baseline(f, TestMembers.NL_HOTLINE, "nlh-old", T0.plusSeconds(40));
      assertThat(iwol.isEmpty()).isTrue();
      assertThat(f.states().get(KEY).getIwolSupport()).isEmpty();

      baseline(f, TestMembers.NL_POLICE, "nl-new", decided.plusSeconds(60));
      assertThat(iwol.isEmpty()).as("one agency is not enough").isTrue();
      baseline(f, TestMembers.JO_POLICE, "jo-new", decided.plusSeconds(120));
      TestRecord<String, IwolEntry> relisted = iwol.readRecord();
      assertThat(relisted.value().getListedAt()).isEqualTo(decided.plusSeconds(120));
      Alert relisting =
          secretariat.readValuesToList().stream()
              .filter(a -> a.getReason() == AlertReason.IWOL_LISTED)
              .reduce((a, b) -> b)
              .orElseThrow();
      assertThat(relisting.getAgencies()).containsExactly("jo-police", "nl-police");
      assertThat(relisting.getSightingIds()).containsExactlyInAnyOrder("nl-new", "jo-new");
    }
  }

  @Test
  void aDelistingThatNamesNoDomainOrNobodyIsRejectedWithTheField() {
    try (TopologyFixture f = new TopologyFixture(AUTO)) {
      f.delist("not a domain", "secretariat-duty-officer", null, T0);
      f.delist(DOMAIN, " ", null, T0);
      List<Rejection> rejections = f.rejected().readValuesToList();
      assertThat(rejections)
          .extracting(Rejection::getField)
          .containsExactly("domain", "requestedBy");
      assertThat(rejections)
          .allSatisfy(r -> assertThat(r.getSourceTopic()).isEqualTo("iwol.delistings"));
      assertThat(f.states().get(KEY)).isNull();
    }
  }

  @Test
  void delistingADomainThatIsNotListedSetsItsSupportAside() {
    try (TopologyFixture f = new TopologyFixture(AUTO)) {
      var iwol = f.iwol();
      baseline(f, TestMembers.NL_POLICE, "nl-1", T0);
      f.delist(DOMAIN, "secretariat-duty-officer", "known false positive", T0.plusSeconds(5));
      assertThat(iwol.isEmpty()).isTrue();
      assertThat(f.alerts("secretariat").isEmpty()).as("nothing was on the list").isTrue();
      baseline(f, TestMembers.DE_POLICE, "de-1", T0.plusSeconds(10));
      assertThat(iwol.isEmpty()).as("NL's earlier sighting no longer counts").isTrue();
      assertThat(f.states().get(KEY).getIwolSupport()).containsOnlyKeys("de-police");
    }
  }
}
