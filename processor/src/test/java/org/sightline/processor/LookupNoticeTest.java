package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sightline.processor.correlation.LookupNotices;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Disclosure;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Lookup;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * Deconfliction both ways: an agency that looks up an indicator held under a TLP it may not see
 * learns only that it is known (the lookup's answer), and the holder learns that an agency of the
 * asker's country asked — on its own alert topic, never the asker's name.
 */
class LookupNoticeTest {

  private static final String HASH = "a".repeat(64);
  private static final String KEY = "sha256:" + HASH;

  private static void lookup(
      TopologyFixture f, String agency, String country, Instant at, String... keys) {
    Lookup lookup =
        Lookup.newBuilder()
            .setRequestId("req-" + at.toEpochMilli())
            .setAgencyId(agency)
            .setCountry(country)
            .setUser(agency == null ? "an-analyst" : null)
            .setRequestedAt(at)
            .setKeys(List.of(keys))
            .build();
    f.pipe(
        Topics.AUDIT_LOOKUPS.name(), KEY, lookup, Topics.AUDIT_LOOKUPS.valueSerde(f.serdes()), at);
  }

  @Test
  void theHolderOfARedSightingLearnsThatACountryAskedAndTheAskerIsNotNamed() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "s1", IndicatorType.SHA256, HASH, Tlp.RED, T0, b -> {});
      f.alerts("agency:nl-police").readValuesToList(); // what the sighting itself raised
      Instant asked = T0.plus(Duration.ofMinutes(5));
      lookup(f, "de-police", "DE", asked, KEY, "sha256:" + "b".repeat(64));

      List<Alert> notices = f.alerts("agency:nl-police").readValuesToList();
      assertThat(notices).hasSize(1);
      Alert notice = notices.get(0);
      assertThat(notice.getReason()).isEqualTo(AlertReason.HIT_NO_HIT);
      assertThat(notice.getRecipient()).isEqualTo("agency:nl-police");
      assertThat(notice.getIndicator()).isEqualTo(KEY);
      assertThat(notice.getDisclosure()).isEqualTo(Disclosure.FULL);
      assertThat(notice.getCountries()).containsExactly("DE");
      assertThat(notice.getAgencies()).isEmpty();
      assertThat(notice.getAttributes())
          .containsEntry(LookupNotices.TRIGGER, LookupNotices.LOOKUP)
          .containsEntry("askedFrom", "DE");
      assertThat(notice.toString()).doesNotContain("de-police");
      assertThat(notice.getCreatedAt()).isEqualTo(asked);
      // The asker is told nothing on its country's topic: its answer is the lookup's.
      assertThat(f.alerts("DE").readValuesToList()).isEmpty();
      assertThat(f.alerts("NL").readValuesToList()).isEmpty();

      // Asked again the same day: the same notice (same id), not a new one to act on.
      lookup(f, "de-police", "DE", asked.plus(Duration.ofHours(1)), KEY);
      Alert again = f.alerts("agency:nl-police").readValue();
      assertThat(again.getId()).isEqualTo(notice.getId());
      // The state was read, never written.
      assertThat(f.states().get(KEY).getAgencies()).containsOnlyKeys("nl-police");
    }
  }

  @Test
  void sharedFactsRaiseNoNoticeAndTheAskerIsNeverToldOfItself() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "s1", IndicatorType.SHA256, HASH, Tlp.GREEN, T0, b -> {});
      f.sighting(TestMembers.DE_POLICE, "s2", IndicatorType.SHA256, HASH, Tlp.RED, T0, b -> {});
      drain(f);
      // de-police sees nl-police's GREEN sighting and its own RED one: nobody to tell.
      lookup(f, "de-police", "DE", T0.plusSeconds(60), KEY);
      assertThat(f.alerts("agency:nl-police").readValuesToList()).isEmpty();
      assertThat(f.alerts("agency:de-police").readValuesToList()).isEmpty();
      // nl-hotline may not see de-police's RED sighting: de-police is told, nl-police is not.
      lookup(f, "nl-hotline", "NL", T0.plusSeconds(120), KEY);
      assertThat(f.alerts("agency:nl-police").readValuesToList()).isEmpty();
      assertThat(f.alerts("agency:de-police").readValuesToList())
          .singleElement()
          .satisfies(a -> assertThat(a.getCountries()).containsExactly("NL"));
    }
  }

  @Test
  void aCountrysAnalystAskingIsNamedByCountryAndTheSecretariatAskingTellsNobody() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "s1", IndicatorType.SHA256, HASH, Tlp.RED, T0, b -> {});
      drain(f);
      lookup(f, null, "DE", T0.plusSeconds(60), KEY);
      assertThat(f.alerts("agency:nl-police").readValuesToList())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getCountries()).containsExactly("DE");
                assertThat(a.getMessage()).startsWith("An analyst of DE");
                assertThat(a.toString()).doesNotContain("an-analyst");
              });
      lookup(f, null, null, T0.plusSeconds(120), KEY);
      assertThat(f.alerts("agency:nl-police").readValuesToList()).isEmpty();
    }
  }

  @Test
  void whenTheAskerNamesTheKeysWithHiddenFactsOnlyThoseAreReadAgain() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "s1", IndicatorType.SHA256, HASH, Tlp.RED, T0, b -> {});
      drain(f);
      Lookup named =
          Lookup.newBuilder()
              .setRequestId("req-named")
              .setAgencyId("de-police")
              .setCountry("DE")
              .setRequestedAt(T0.plusSeconds(60))
              .setKeys(List.of(KEY))
              .setUndisclosed(List.of())
              .build();
      f.pipe(
          Topics.AUDIT_LOOKUPS.name(),
          KEY,
          named,
          Topics.AUDIT_LOOKUPS.valueSerde(f.serdes()),
          T0.plusSeconds(60));
      assertThat(f.alerts("agency:nl-police").readValuesToList())
          .as("the asker's answer hid nothing, by its own account: nobody to tell")
          .isEmpty();
      named.setUndisclosed(List.of(KEY));
      named.setRequestId("req-named-2");
      f.pipe(
          Topics.AUDIT_LOOKUPS.name(),
          KEY,
          named,
          Topics.AUDIT_LOOKUPS.valueSerde(f.serdes()),
          T0.plusSeconds(90));
      assertThat(f.alerts("agency:nl-police").readValuesToList()).hasSize(1);
    }
  }

  @Test
  void anUnreadableLookupRecordIsPassedOverAndTheNextIsRead() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "s1", IndicatorType.SHA256, HASH, Tlp.RED, T0, b -> {});
      drain(f);
      f.publishRaw(Topics.AUDIT_LOOKUPS.name(), KEY, new byte[] {0, 1, 2}, T0.plusSeconds(30));
      lookup(f, "jo-police", "JO", T0.plusSeconds(60), KEY);
      assertThat(f.alerts("agency:nl-police").readValuesToList())
          .singleElement()
          .satisfies(a -> assertThat(a.getCountries()).containsExactly("JO"));
    }
  }

  private static void drain(TopologyFixture f) {
    for (String r :
        List.of("NL", "DE", "JO", "secretariat", "agency:nl-police", "agency:de-police")) {
      f.alerts(r).readValuesToList();
    }
  }
}
