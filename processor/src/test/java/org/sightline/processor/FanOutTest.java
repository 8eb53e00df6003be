package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.sightline.processor.topology.ProcessorSettings;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Category;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IwolEntry;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;
import org.sightline.topics.StoreNames;

/**
 * A sighting reaches its canonical indicator, its registrable domain and its related indicators.
 */
class FanOutTest {

  private static final String BY_INDICATOR_TOPIC =
      StoreNames.repartitionTopic(StoreNames.PROCESSOR_APPLICATION_ID, StoreNames.BY_INDICATOR);
  private static final String STATE_CHANGELOG =
      StoreNames.changelogTopic(StoreNames.PROCESSOR_APPLICATION_ID, StoreNames.INDICATOR_STATE);

  private static final String WALLET = "1BoatSLRHtKNngkdXEeobR76b53LETtpyT";

  private static Indicator btc() {
    return new Indicator(IndicatorType.WALLET, WALLET, "btc", null);
  }

  @Test
  void differentSpellingsOfOneSiteCorrelate() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.NL_POLICE, "nl-1", "HTTP://Example.COM:80/a/./b/../c#x", Tlp.GREEN, T0);
      f.sighting(
          TestMembers.DE_POLICE, "de-1", "http://example.com/a/c", Tlp.GREEN, T0.plusSeconds(1));
      Alert toNl = f.alerts("NL").readValue();
      assertThat(toNl.getReason()).isEqualTo(AlertReason.CROSS_BORDER_MATCH);
      assertThat(toNl.getIndicator()).isEqualTo("url:http://example.com/a/c");
    }
  }

  @Test
  void aWalletFoundOnTwoAgenciesSitesLinksThem() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-1",
          IndicatorType.URL,
          "http://shop-one.example/",
          Tlp.GREEN,
          T0,
          b -> b.setRelated(List.of(btc())));
      f.sighting(
          TestMembers.JO_POLICE,
          "jo-1",
          IndicatorType.URL,
          "http://shop-two.example/",
          Tlp.GREEN,
          T0.plusSeconds(1),
          b -> b.setRelated(List.of(btc())));
      Alert toJo = f.alerts("JO").readValue();
      assertThat(toJo.getReason()).isEqualTo(AlertReason.LINKED_INDICATORS);
      assertThat(toJo.getIndicator()).isEqualTo("wallet:btc:" + WALLET);
      assertThat(toJo.getAttributes().get("linked"))
          .contains("url:http://shop-one.example/")
          .contains("url:http://shop-two.example/");
      assertThat(toJo.getCountries()).containsExactly("JO", "NL");
      assertThat(f.alerts("NL").readValue().getReason()).isEqualTo(AlertReason.LINKED_INDICATORS);
      assertThat(f.states().get("wallet:btc:" + WALLET).getLinked())
          .containsExactlyInAnyOrder(
              "url:http://shop-one.example/", "url:http://shop-two.example/");
    }
  }

  @Test
  void aRedLinkShowsOnlyAsAHitToTheOtherCountry() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-1",
          IndicatorType.URL,
          "http://shop-one.example/",
          Tlp.GREEN,
          T0,
          b -> b.setRelated(List.of(btc())));
      f.sighting(
          TestMembers.DE_POLICE,
          "de-red",
          IndicatorType.URL,
          "http://secret-shop.example/",
          Tlp.RED,
          T0.plusSeconds(1),
          b -> b.setRelated(List.of(btc())));
      Alert toNl = f.alerts("NL").readValue();
      assertThat(toNl.getReason()).isEqualTo(AlertReason.HIT_NO_HIT);
      assertThat(toNl.getIndicator()).isEqualTo("wallet:btc:" + WALLET);
      assertThat(toNl.getAttributes()).doesNotContainKey("linked");
      assertThat(toNl.toString()).doesNotContain("secret-shop", "de-police", "de-red");
    }
  }

  /**
   * A domain's state is its "worst of" support: only a sighting that can support the list reaches
   * it. The others (CSAM but RED, or not CSAM at all) cost no repartition record and no write to
   * the domain's state or its changelog. Those that can are correlated in the sighting's own task
   * (a URL and its domain share a locality), without a second hop.
   */
  @Test
  void onlyASightingThatCanSupportTheListReachesItsDomain() {
    try (TopologyFixture f = new TopologyFixture()) {
      String domainKey = "domain:list-support.example";
      var byIndicator = f.internalTopic(BY_INDICATOR_TOPIC);
      var stateChangelog = f.internalTopic(STATE_CHANGELOG);
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-red",
          IndicatorType.URL,
          "http://list-support.example/red",
          Tlp.RED,
          T0,
          b -> b.setCategory(Category.BASELINE_CSAM));
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-other",
          "http://list-support.example/other",
          Tlp.GREEN,
          T0.plusSeconds(1));
      assertThat(keys(stateChangelog))
          .as("the two sightings' states, not their domain's")
          .containsExactlyInAnyOrder(
              "url:http://list-support.example/red", "url:http://list-support.example/other");
      assertThat(f.states().get(domainKey)).isNull();

      f.sighting(
          TestMembers.DE_POLICE,
          "de-csam",
          IndicatorType.URL,
          "http://list-support.example/csam",
          Tlp.GREEN,
          T0.plusSeconds(2),
          b -> b.setCategory(Category.BASELINE_CSAM));
      assertThat(keys(stateChangelog))
          .containsExactlyInAnyOrder("url:http://list-support.example/csam", domainKey);
      assertThat(f.states().get(domainKey).getIwolSupport()).containsOnlyKeys("de-police");
      assertThat(keys(byIndicator))
          .as("a URL and its domain share a locality: correlated where the sighting was read")
          .isEmpty();

      // A retraction still reaches the domain (what it withdraws is not known before it), and the
      // domain's state drops only what it holds.
      f.retract(TestMembers.NL_POLICE, "nl-other", T0.plusSeconds(3));
      assertThat(f.states().get(domainKey).getIwolSupport()).containsOnlyKeys("de-police");
      f.retract(TestMembers.DE_POLICE, "de-csam", T0.plusSeconds(4));
      assertThat(f.states().get(domainKey)).as("nothing left to hold").isNull();
    }
  }

  private static List<String> keys(TestOutputTopic<String, byte[]> topic) {
    return topic.readRecordsToList().stream().map(TestRecord::key).toList();
  }

  @Test
  void aDomainConfirmedByTwoCountriesEntersTheWorstOfListAndLeavesOnRetraction() {
    // Listed by the rule alone (a federation without review), so the fan-out is seen end to end.
    try (TopologyFixture f =
        new TopologyFixture(ProcessorSettings.defaults().withIwolAutoApprove(true))) {
      var iwol = f.iwol();
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-1",
          IndicatorType.URL,
          "http://www.abuse-site.example.co.uk/p/1",
          Tlp.GREEN,
          T0,
          b -> b.setCategory(Category.BASELINE_CSAM));
      f.sighting(
          TestMembers.NL_HOTLINE,
          "nlh-1",
          IndicatorType.URL,
          "http://abuse-site.example.co.uk/p/2",
          Tlp.GREEN,
          T0.plusSeconds(1),
          b -> b.setCategory(Category.BASELINE_CSAM));
      assertThat(iwol.isEmpty()).as("two agencies of one country are not enough").isTrue();
      f.sighting(
          TestMembers.DE_POLICE,
          "de-amber",
          IndicatorType.URL,
          "http://abuse-site.example.co.uk/p/3",
          Tlp.AMBER,
          T0.plusSeconds(2),
          b -> b.setCategory(Category.BASELINE_CSAM));
      assertThat(iwol.isEmpty())
          .as("an AMBER sighting may not be shared with access providers")
          .isTrue();
      f.sighting(
          TestMembers.DE_POLICE,
          "de-1",
          IndicatorType.URL,
          "http://abuse-site.example.co.uk/p/4",
          Tlp.GREEN,
          T0.plusSeconds(3),
          b -> b.setCategory(Category.BASELINE_CSAM));

      TestRecord<String, IwolEntry> listed = iwol.readRecord();
      assertThat(listed.key()).isEqualTo("example.co.uk");
      // What access providers get names nobody; the provenance is the secretariat's.
      assertThat(listed.value().toString())
          .doesNotContain("police", "nl-", "de-1", "\"NL\"", "\"DE\"");
      Alert note =
          f.alerts("secretariat").readValuesToList().stream()
              .filter(a -> a.getReason() == AlertReason.IWOL_LISTED)
              .findFirst()
              .orElseThrow();
      assertThat(note.getCountries()).containsExactly("DE", "NL");
      assertThat(note.getSightingIds()).contains("de-1").doesNotContain("de-amber");

      f.retract(TestMembers.DE_POLICE, "de-1", T0.plusSeconds(10));
      TestRecord<String, IwolEntry> tombstone = iwol.readRecord();
      assertThat(tombstone.key()).isEqualTo("example.co.uk");
      assertThat(tombstone.value()).isNull();
      assertThat(f.alerts("secretariat").readValuesToList().stream().map(Alert::getReason).toList())
          .contains(AlertReason.IWOL_DELISTED);
      assertThat(f.states().get("domain:example.co.uk").getIwolListedAt()).isNull();
    }
  }
}
