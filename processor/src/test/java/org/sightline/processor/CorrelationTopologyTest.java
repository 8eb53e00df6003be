package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sightline.members.AgencyId;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Disclosure;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Rejection;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;
import org.sightline.testing.TestSightings;
import org.sightline.topics.StoreNames;

class CorrelationTopologyTest {

  private static final Instant T0 = TopologyFixture.T0;
  private static final String URL = "http://example.com/a";

  private TopologyFixture fixture;
  private TestOutputTopic<String, Alert> nl;
  private TestOutputTopic<String, Alert> de;
  private TestOutputTopic<String, Alert> jo;
  private TestOutputTopic<String, Alert> secretariat;
  private TestOutputTopic<String, Rejection> rejected;

  @BeforeEach
  void start() {
    fixture = new TopologyFixture();
    nl = fixture.alerts("NL");
    de = fixture.alerts("DE");
    jo = fixture.alerts("JO");
    secretariat = fixture.alerts("secretariat");
    rejected = fixture.rejected();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private void sighting(AgencyId agency, String id, String url, Tlp tlp, Instant at) {
    fixture.sighting(agency, id, url, tlp, at);
  }

  private void publish(AgencyId agency, IntakeEvent event, String key, Instant at) {
    fixture.publish(agency, event, key, at);
  }

  /**
   * A retraction as written to an intake topic: naming its sighting's locality and keyed by it, as
   * the intake writes it, or (locality null) keyed by the id and naming none, as an older producer.
   */
  private void retract(AgencyId agency, String id, String locality, Instant at) {
    publish(
        agency,
        new IntakeEvent(new Retraction(id, at, "entered in error", locality, false)),
        locality == null ? id : locality,
        at);
  }

  private KeyValueStore<String, IndicatorState> states() {
    return fixture.states();
  }

  @Test
  void twoCountriesReportingTheSameUrlAlertBothAndTheSecretariat() {
    sighting(TestMembers.NL_POLICE, "nl-1", URL, Tlp.GREEN, T0);
    assertThat(nl.isEmpty()).isTrue();
    sighting(TestMembers.DE_POLICE, "de-1", URL, Tlp.GREEN, T0.plusSeconds(5));

    Alert toNl = nl.readValue();
    assertThat(toNl.getReason()).isEqualTo(AlertReason.CROSS_BORDER_MATCH);
    assertThat(toNl.getIndicator()).isEqualTo("url:" + URL);
    assertThat(toNl.getCountries()).containsExactly("DE", "NL");
    assertThat(toNl.getAgencies()).containsExactly("de-police", "nl-police");
    assertThat(toNl.getSightingIds()).containsExactlyInAnyOrder("nl-1", "de-1");
    assertThat(toNl.getDisclosure()).isEqualTo(Disclosure.FULL);
    assertThat(de.readValue().getRecipient()).isEqualTo("DE");
    assertThat(secretariat.readValue().getRecipient()).isEqualTo("secretariat");
    assertThat(jo.isEmpty()).as("an uninvolved country learns nothing").isTrue();

    IndicatorState state = states().get("url:" + URL);
    assertThat(state.getAgencies()).containsOnlyKeys("nl-police", "de-police");
    assertThat(state.getSightingCount()).isEqualTo(2);
    assertThat(state.getMarks()).containsOnlyKeys("CROSS_BORDER_MATCH");
    assertThat(state.getMarks().get("CROSS_BORDER_MATCH").getRecipients())
        .containsExactly("DE", "NL", "secretariat");
  }

  @Test
  void aReplayedSightingIdHasNoEffect() {
    sighting(TestMembers.NL_POLICE, "nl-1", URL, Tlp.GREEN, T0);
    sighting(TestMembers.NL_POLICE, "nl-1", URL, Tlp.GREEN, T0.plusSeconds(1));
    assertThat(states().get("url:" + URL).getSightingCount()).isEqualTo(1);
  }

  @Test
  void aRepeatSightingDoesNotAlertAgainButANewCountryDoes() {
    sighting(TestMembers.NL_POLICE, "nl-1", URL, Tlp.GREEN, T0);
    sighting(TestMembers.DE_POLICE, "de-1", URL, Tlp.GREEN, T0.plusSeconds(1));
    nl.readValuesToList();
    sighting(TestMembers.DE_POLICE, "de-2", URL, Tlp.GREEN, T0.plusSeconds(2));
    assertThat(nl.isEmpty()).as("same agencies, same countries: no alert storm").isTrue();
    assertThat(states().get("url:" + URL).getAgencies().get("de-police").getCount()).isEqualTo(2);

    sighting(TestMembers.JO_POLICE, "jo-1", URL, Tlp.GREEN, T0.plusSeconds(3));
    assertThat(nl.readValue().getCountries()).containsExactly("DE", "JO", "NL");
    assertThat(jo.readValue().getRecipient()).isEqualTo("JO");
  }

  @Test
  void twoAgenciesOfOneCountryAreAMultiAgencyMatchNotACrossBorderOne() {
    sighting(TestMembers.NL_POLICE, "nl-1", URL, Tlp.GREEN, T0);
    sighting(TestMembers.NL_HOTLINE, "nlh-1", URL, Tlp.GREEN, T0.plusSeconds(1));
    Alert toNl = nl.readValue();
    assertThat(toNl.getReason()).isEqualTo(AlertReason.MULTI_AGENCY_MATCH);
    assertThat(toNl.getAgencies()).containsExactly("nl-hotline", "nl-police");
    assertThat(nl.isEmpty()).as("no cross-border match within one country").isTrue();
    assertThat(secretariat.readValue().getReason()).isEqualTo(AlertReason.MULTI_AGENCY_MATCH);
    assertThat(de.isEmpty()).isTrue();
  }

  @Test
  void aRedSightingIsOnlyAHitForOtherCountries() {
    sighting(TestMembers.NL_POLICE, "nl-1", URL, Tlp.GREEN, T0);
    sighting(TestMembers.DE_POLICE, "de-secret", URL, Tlp.RED, T0.plusSeconds(1));

    Alert toNl = nl.readValue();
    assertThat(toNl.getReason())
        .as("not even the reason: cross-border would tell the holder is foreign")
        .isEqualTo(AlertReason.HIT_NO_HIT);
    assertThat(toNl.getDisclosure()).isEqualTo(Disclosure.HIT_NO_HIT);
    assertThat(toNl.getAgencies()).isEmpty();
    assertThat(toNl.getCountries()).isEmpty();
    assertThat(toNl.getSightingIds()).isEmpty();
    assertThat(toNl.getMessage()).contains("contact the secretariat".substring(1));
    // Nowhere in the record either: not the agency, its case reference, its country or its ids.
    assertThat(toNl.toString()).doesNotContain("de-police", "de-secret", "\"DE\"");

    // DE's alert topic is read by every DE agency: DE's RED sighting is not theirs to see.
    assertThat(de.isEmpty()).isTrue();
    // The agency itself gets the match, on a topic of its own.
    Alert toDePolice = fixture.alerts("agency:de-police").readValue();
    assertThat(toDePolice.getReason()).isEqualTo(AlertReason.CROSS_BORDER_MATCH);
    assertThat(toDePolice.getAgencies()).containsExactly("de-police", "nl-police");
    assertThat(toDePolice.getRecipient()).isEqualTo("agency:de-police");
    Alert toSecretariat = secretariat.readValue();
    assertThat(toSecretariat.getSightingIds()).contains("de-secret");
    assertThat(toSecretariat.getDisclosure()).isEqualTo(Disclosure.FULL);
    assertThat(toSecretariat.getAttributes()).containsEntry("tlp", "RED");
  }

  @Test
  void anAmberSightingIsDisclosedToTheOtherCountryAsLimited() {
    sighting(TestMembers.NL_POLICE, "nl-1", URL, Tlp.GREEN, T0);
    sighting(TestMembers.DE_POLICE, "de-1", URL, Tlp.AMBER, T0.plusSeconds(1));
    Alert toNl = nl.readValue();
    assertThat(toNl.getDisclosure()).isEqualTo(Disclosure.LIMITED);
    assertThat(toNl.getAgencies()).contains("de-police");
  }

  @Test
  void undecodableRecordsAndUnknownAgenciesGoToRejectedWithTheirReason() {
    fixture.publishRaw("intake.nl-police", "k", "not avro".getBytes(), T0);
    fixture.publishRaw("intake.xx-unknown", "k2", new byte[] {0, 0, 0, 0, 1}, T0);
    List<Rejection> rejections = rejected.readValuesToList();
    assertThat(rejections).hasSize(2);
    assertThat(rejections.get(0).getSourceTopic()).isEqualTo("intake.nl-police");
    assertThat(rejections.get(0).getReason()).contains("not an IntakeEvent");
    assertThat(rejections.get(0).getPayload()).isNotNull();
    assertThat(rejections.get(1).getReason()).contains("belongs to no member agency");
  }

  @Test
  void anInvalidSightingThatSlipsPastTheIntakeIsRejected() {
    publish(
        TestMembers.NL_POLICE,
        new IntakeEvent(
            Sighting.newBuilder()
                .setId("bad-1")
                .setObservedAt(T0)
                .setReportedAt(T0)
                .setIndicator(new Indicator(IndicatorType.WALLET, "1abc", null, null))
                .setConfidence(150)
                .setTlp(Tlp.GREEN)
                .build()),
        "bad-1",
        T0);
    Rejection r = rejected.readValue();
    assertThat(r.getReason()).contains("confidence").contains("indicator.chain");
    assertThat(states().get("wallet::1abc")).isNull();
  }

  /**
   * The slow path: a record keyed by its id (an older producer) is moved to its locality's
   * partition and correlated there, once, and its resend keyed by locality, which goes straight to
   * that task, is recognised as the same sighting.
   */
  @Test
  void aRecordKeyedOtherwiseIsMovedToItsLocalityAndCorrelatedOnce() {
    var moved =
        fixture.internalTopic(
            StoreNames.repartitionTopic(
                StoreNames.PROCESSOR_APPLICATION_ID, StoreNames.BY_LOCALITY));
    publish(TestMembers.NL_POLICE, TestSightings.url("nl-9", URL, T0), "nl-9", T0);
    assertThat(moved.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .containsExactly("domain:example.com");
    assertThat(states().get("url:" + URL).getSightingCount()).isEqualTo(1);

    publish(
        TestMembers.NL_POLICE,
        TestSightings.url("nl-9", URL, T0),
        "domain:example.com",
        T0.plusSeconds(1));
    publish(TestMembers.NL_POLICE, TestSightings.url("nl-9", URL, T0), null, T0.plusSeconds(2));
    assertThat(moved.readKeyValuesToList()).as("only the null-keyed copy moves").hasSize(1);
    assertThat(states().get("url:" + URL).getSightingCount())
        .as("both copies recognised as the sighting already held, whichever path they took")
        .isEqualTo(1);
    assertThat(rejected.isEmpty()).isTrue();
    assertThat(fixture.<String, String>store(StoreNames.SIGHTING_KEYS).get("nl-police/nl-9"))
        .startsWith("url:" + URL);
  }

  /** A retraction without its locality goes to every task; the one holding the id acts. */
  @Test
  void aRetractionThatDoesNotSayWhereItsSightingIsStillReachesIt() {
    sighting(TestMembers.NL_POLICE, "nl-1", URL, Tlp.GREEN, T0);
    sighting(TestMembers.DE_POLICE, "de-1", URL, Tlp.GREEN, T0.plusSeconds(1));
    Alert original = nl.readValue();
    retract(TestMembers.DE_POLICE, "de-1", null, T0.plusSeconds(10));
    assertThat(nl.readValue().getSupersedes()).isEqualTo(original.getId());
    assertThat(states().get("url:" + URL).getAgencies()).containsOnlyKeys("nl-police");
    assertThat(fixture.<String, String>store(StoreNames.SIGHTING_KEYS).get("de-police/de-1"))
        .startsWith("-");

    retract(TestMembers.NL_POLICE, "never-sent", null, T0.plusSeconds(11));
    assertThat(rejected.isEmpty())
        .as("no one task can tell that no other holds it: the intake answers 404 before")
        .isTrue();
  }

  @Test
  void aRetractionNamingAnOverlongLocalityIsRefusedWithTheField() {
    retract(TestMembers.NL_POLICE, "nl-1", "domain:" + "a".repeat(5000), T0);
    var rejection = rejected.readValue();
    assertThat(rejection.getField()).isEqualTo("locality");
    assertThat(rejection.getReason()).contains("longer than");
  }

  @Test
  void aRetractionSupersedesTheMatch() {
    sighting(TestMembers.NL_POLICE, "nl-1", URL, Tlp.GREEN, T0);
    sighting(TestMembers.DE_POLICE, "de-1", URL, Tlp.GREEN, T0.plusSeconds(1));
    Alert original = nl.readValue();
    retract(TestMembers.DE_POLICE, "de-1", "domain:example.com", T0.plusSeconds(10));
    Alert superseded = nl.readValue();
    assertThat(superseded.getReason()).isEqualTo(AlertReason.SUPERSEDED);
    assertThat(superseded.getSupersedes()).isEqualTo(original.getId());
    assertThat(states().get("url:" + URL).getAgencies()).containsOnlyKeys("nl-police");

    retract(TestMembers.NL_POLICE, "never-sent", "domain:example.com", T0.plusSeconds(11));
    assertThat(rejected.readValue().getReason()).contains("no sighting never-sent");
  }
}
