package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Identification;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Rejection;
import org.sightline.schema.Retraction;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;
import org.sightline.topics.StoreNames;

/**
 * Retraction and erasure reach every derived fact: identification and hosting countries (not only
 * agencies, links and IWOL support), at any age of the sighting; erasure also forgets the sighting
 * in every store, and the alerts it caused are superseded.
 */
class RetractionAndErasureTest {

  private static final String SHA = "a".repeat(64);
  private static final String WALLET = "1BoatSLRHtKNngkdXEeobR76b53LETtpyT";

  private static List<AlertReason> reasons(List<Alert> alerts) {
    return alerts.stream().map(Alert::getReason).toList();
  }

  @Test
  void aWithdrawnIdentificationWithdrawsTheKnownSeriesAlertWhileOthersStillReportTheHash() {
    try (TopologyFixture f = new TopologyFixture()) {
      var jo = f.alerts("JO");
      f.sighting(
          TestMembers.DE_POLICE,
          "de-1",
          IndicatorType.SHA256,
          SHA,
          Tlp.GREEN,
          T0,
          b -> b.setIdentification(new Identification(true, null, "Series-A")));
      f.sighting(TestMembers.JO_POLICE, "jo-1", IndicatorType.SHA256, SHA, Tlp.GREEN, T0, b -> {});
      f.sighting(TestMembers.NL_POLICE, "nl-1", IndicatorType.SHA256, SHA, Tlp.GREEN, T0, b -> {});
      assertThat(reasons(jo.readValuesToList())).contains(AlertReason.KNOWN_IDENTIFIED_SERIES);

      f.retract(TestMembers.DE_POLICE, "de-1", T0.plusSeconds(10));
      List<Alert> after = jo.readValuesToList();
      assertThat(after)
          .anySatisfy(
              a -> {
                assertThat(a.getReason()).isEqualTo(AlertReason.SUPERSEDED);
                assertThat(a.getAttributes())
                    .containsEntry("supersededReason", "KNOWN_IDENTIFIED_SERIES");
              });
      IndicatorState state = f.states().get("sha256:" + SHA);
      assertThat(state.getIdentification()).isNull();
      assertThat(state.getIdentifiedBy()).isEmpty();
      assertThat(state.getMarks())
          .as("the cross-border match of JO and NL still holds")
          .containsKey("CROSS_BORDER_MATCH")
          .doesNotContainKey("KNOWN_IDENTIFIED_SERIES");
    }
  }

  @Test
  void aWithdrawnHostingCountryWithdrawsTheTakedownAlert() {
    try (TopologyFixture f = new TopologyFixture()) {
      var jo = f.alerts("JO");
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-1",
          IndicatorType.URL,
          "http://hosted.example/",
          Tlp.GREEN,
          T0,
          b -> b.setHostingCountry("JO"));
      f.sighting(
          TestMembers.DE_POLICE,
          "de-1",
          IndicatorType.URL,
          "http://hosted.example/",
          Tlp.GREEN,
          T0,
          b -> {});
      assertThat(reasons(jo.readValuesToList())).contains(AlertReason.HOSTED_IN_YOUR_COUNTRY);
      f.retract(TestMembers.NL_POLICE, "nl-1", T0.plusSeconds(5));
      assertThat(reasons(jo.readValuesToList())).containsExactly(AlertReason.SUPERSEDED);
      assertThat(f.states().get("url:http://hosted.example/").getHostingCountries()).isEmpty();
    }
  }

  @Test
  void aSightingCanBeRetractedAtAnyAgeAndAnUnknownOneIsRefusedWithTheField() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "nl-old", "http://old.example/", Tlp.GREEN, T0);
      f.sighting(TestMembers.DE_POLICE, "de-old", "http://old.example/", Tlp.GREEN, T0);
      // A year later (the 30-day window this replaces would have forgotten it).
      f.retract(TestMembers.NL_POLICE, "nl-old", T0.plus(Duration.ofDays(365)));
      assertThat(f.states().get("url:http://old.example/").getAgencies())
          .containsOnlyKeys("de-police");
      assertThat(reasons(f.alerts("DE").readValuesToList())).contains(AlertReason.SUPERSEDED);

      // Named where the sighting would be (the intake does so from its receipt): refused there.
      f.publish(
          TestMembers.NL_POLICE,
          new IntakeEvent(
              new Retraction(
                  "never-sent", T0.plus(Duration.ofDays(365)), null, "domain:old.example", false)),
          "domain:old.example",
          T0.plus(Duration.ofDays(365)));
      List<Rejection> rejected = f.rejected().readValuesToList();
      assertThat(rejected)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getField()).isEqualTo("sightingId");
                assertThat(r.getReason()).contains("holds no sighting never-sent");
              });
    }
  }

  @Test
  void anErasedSightingIsInNoStoreAndTheAlertsItCausedAreSuperseded() {
    try (TopologyFixture f = new TopologyFixture()) {
      var de = f.alerts("DE");
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-erase-me",
          IndicatorType.URL,
          "http://shop.example/x",
          Tlp.GREEN,
          T0,
          b -> {
            b.setCaseRef("CASE-ERASE");
            b.setRelated(List.of(new Indicator(IndicatorType.WALLET, WALLET, "btc", null)));
          });
      f.sighting(
          TestMembers.DE_POLICE,
          "de-1",
          IndicatorType.URL,
          "http://shop.example/x",
          Tlp.GREEN,
          T0,
          b -> b.setRelated(List.of(new Indicator(IndicatorType.WALLET, WALLET, "btc", null))));
      assertThat(reasons(de.readValuesToList())).contains(AlertReason.CROSS_BORDER_MATCH);

      f.erase(TestMembers.NL_POLICE, "nl-erase-me", T0.plusSeconds(30));
      assertThat(reasons(de.readValuesToList())).contains(AlertReason.SUPERSEDED);
      assertThat(everyStore(f)).doesNotContain("nl-erase-me", "CASE-ERASE");
      assertThat(f.states().get("url:http://shop.example/x").getAgencies())
          .containsOnlyKeys("de-police");
    }
  }

  @Test
  void erasingAnAgencyForgetsEveryOneOfItsSightingsAndWhatOnlyItReported() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "nl-a", "http://only-nl.example/", Tlp.RED, T0);
      f.sighting(TestMembers.NL_POLICE, "nl-b", "http://shared.example/", Tlp.GREEN, T0);
      f.sighting(TestMembers.DE_POLICE, "de-b", "http://shared.example/", Tlp.GREEN, T0);
      f.retract(TestMembers.NL_POLICE, "nl-a", T0.plusSeconds(1));
      f.sighting(TestMembers.NL_POLICE, "nl-c", "http://also-nl.example/", Tlp.AMBER, T0);

      f.erase(TestMembers.NL_POLICE, null, T0.plusSeconds(60));
      String stores = everyStore(f);
      assertThat(stores).doesNotContain("nl-police", "nl-a", "nl-b", "nl-c");
      assertThat(f.states().get("url:http://only-nl.example/")).as("forgotten whole").isNull();
      assertThat(f.states().get("url:http://also-nl.example/")).isNull();
      assertThat(f.states().get("url:http://shared.example/").getAgencies())
          .containsOnlyKeys("de-police");
      assertThat(f.alerts("secretariat").readValuesToList())
          .filteredOn(a -> a.getReason() == AlertReason.SUPERSEDED)
          .isNotEmpty();
      // Nothing of it comes back: a resend is a new sighting, written again by its agency.
      assertThat(f.rejected().isEmpty()).isTrue();
    }
  }

  /**
   * An erasure does not say where its sighting is: it goes to every task, whatever its key, and the
   * task holding the id erases it. One naming nothing held changes nothing and refuses nothing (no
   * single task can tell that no other holds it).
   */
  @Test
  void anErasureReachesItsSightingWhateverItsKey() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "nl-kept", "http://kept.example/", Tlp.GREEN, T0);
      f.sighting(TestMembers.NL_POLICE, "nl-gone", "http://gone.example/", Tlp.GREEN, T0);
      f.erase(TestMembers.NL_POLICE, "nl-never", T0.plusSeconds(1));
      assertThat(f.states().get("url:http://kept.example/").getAgencies())
          .containsOnlyKeys("nl-police");
      f.eraseKeyed("not-the-id", TestMembers.NL_POLICE, "nl-gone", T0.plusSeconds(2));
      assertThat(f.states().get("url:http://gone.example/")).isNull();
      assertThat(f.<String, String>store(StoreNames.SIGHTING_KEYS).get("nl-police/nl-gone"))
          .isNull();
      assertThat(f.states().get("url:http://kept.example/").getAgencies())
          .as("still held")
          .containsOnlyKeys("nl-police");
      assertThat(f.rejected().isEmpty()).isTrue();
    }
  }

  @Test
  void anErasedImageLeavesTheNearDuplicateIndexWhenNoOtherSightingHoldsItsHash() {
    String original = NearDuplicateTest.ORIGINAL;
    String variant = NearDuplicateTest.flipped(original, 12);
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.NL_POLICE, "nl-img", IndicatorType.PDQ, original, Tlp.GREEN, T0, b -> {});
      f.sighting(
          TestMembers.DE_POLICE, "de-img", IndicatorType.PDQ, original, Tlp.GREEN, T0, b -> {});
      f.erase(TestMembers.NL_POLICE, "nl-img", T0.plusSeconds(10));
      assertThat(storeText(f, StoreNames.PDQ_HASHES))
          .as("DE still holds the hash")
          .contains(original);
      assertThat(storeText(f, StoreNames.PDQ_HOLDERS)).doesNotContain("nl-img");

      f.erase(TestMembers.DE_POLICE, "de-img", T0.plusSeconds(20));
      assertThat(everyStore(f)).doesNotContain(original, "nl-img", "de-img");
      assertThat(f.states().get("pdq:" + original)).isNull();

      // A variant sent later finds nothing to link to: the erased hash is never matched again.
      var secretariat = f.alerts("secretariat");
      secretariat.readValuesToList();
      f.sighting(
          TestMembers.JO_POLICE, "jo-img", IndicatorType.PDQ, variant, Tlp.GREEN, T0, b -> {});
      assertThat(f.states().get("pdq:" + original)).isNull();
      assertThat(f.states().get("pdq:" + variant).getLinked()).isEmpty();
      assertThat(reasons(secretariat.readValuesToList()))
          .doesNotContain(AlertReason.NEAR_DUPLICATE_HASH);
    }
  }

  private static String storeText(TopologyFixture f, String name) {
    StringBuilder all = new StringBuilder();
    KeyValueStore<Object, Object> store = f.store(name);
    try (KeyValueIterator<Object, Object> it = store.all()) {
      it.forEachRemaining(e -> all.append(e.key).append(" = ").append(e.value).append('\n'));
    }
    return all.toString();
  }

  /** Every entry of every key-value store of the correlation, as text. */
  private static String everyStore(TopologyFixture f) {
    StringBuilder all = new StringBuilder();
    for (String name :
        List.of(
            StoreNames.SIGHTING_KEYS,
            StoreNames.INDICATOR_STATE,
            StoreNames.IWOL_LISTED,
            StoreNames.PDQ_HASHES,
            StoreNames.PDQ_HOLDERS)) {
      KeyValueStore<Object, Object> store = f.store(name);
      List<KeyValue<Object, Object>> entries = new ArrayList<>();
      try (KeyValueIterator<Object, Object> it = store.all()) {
        it.forEachRemaining(entries::add);
      }
      entries.forEach(e -> all.append(e.key).append(" = ").append(e.value).append('\n'));
    }
    return all.toString();
  }
}
