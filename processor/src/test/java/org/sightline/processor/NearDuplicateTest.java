package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.sightline.members.AgencyId;
import org.sightline.pdq.PdqHash;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Disclosure;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.LinkView;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;
import org.sightline.topics.StoreNames;

/** PDQ near-duplicates: re-encoded copies of one image, reported by different agencies. */
class NearDuplicateTest {

  /** aaa-orig.jpg of the PDQ reference images. */
  static final String ORIGINAL = "d8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22";

  /** The hash with its first {@code bits} bits flipped: exactly that far from it. */
  static String flipped(String hex, int bits) {
    PdqHash hash = PdqHash.fromHex(hex);
    long[] w = {hash.word(0), hash.word(1), hash.word(2), hash.word(3)};
    for (int i = 0; i < bits; i++) {
      w[i / 64] ^= 1L << (i % 64);
    }
    PdqHash out = PdqHash.fromWords(w[0], w[1], w[2], w[3]);
    assertThat(out.distance(hash)).isEqualTo(bits);
    return out.toHex();
  }

  private static void pdq(
      TopologyFixture f, AgencyId agency, String id, String hex, int quality, Tlp tlp, Instant at) {
    f.sighting(
        agency, id, IndicatorType.PDQ, hex, tlp, at, b -> b.getIndicator().setQuality(quality));
  }

  private static List<Alert> of(List<Alert> alerts, AlertReason reason) {
    return alerts.stream().filter(a -> a.getReason() == reason).toList();
  }

  @Test
  void aReEncodedCopyReportedAbroadAlertsBothCountriesAndLinksTheHashes() {
    try (TopologyFixture f = new TopologyFixture()) {
      String copy = flipped(ORIGINAL, 12);
      pdq(f, TestMembers.NL_POLICE, "nl-orig", ORIGINAL, 100, Tlp.GREEN, T0);
      pdq(f, TestMembers.DE_POLICE, "de-copy", copy, 90, Tlp.GREEN, T0.plusSeconds(5));

      for (String country : List.of("NL", "DE", "secretariat")) {
        List<Alert> near =
            of(f.alerts(country).readValuesToList(), AlertReason.NEAR_DUPLICATE_HASH);
        assertThat(near).as(country).hasSize(1);
        Alert alert = near.get(0);
        assertThat(alert.getIndicator()).isEqualTo("pdq:" + ORIGINAL);
        assertThat(alert.getCountries()).containsExactly("DE", "NL");
        assertThat(alert.getSightingIds()).containsExactlyInAnyOrder("nl-orig", "de-copy");
        assertThat(alert.getMessage()).contains("PDQ distance 12");
        assertThat(alert.getMessageKey()).isEqualTo("nearDuplicate");
        assertThat(alert.getMessageParams())
            .containsEntry("distance", "12")
            .containsKey("countries");
        assertThat(alert.getAttributes()).containsEntry("linked", "pdq:" + copy);
      }
      IndicatorState original = f.states().get("pdq:" + ORIGINAL);
      LinkView link = original.getNearDuplicates().get("de-police>pdq:" + copy);
      assertThat(link.getDistance()).isEqualTo(12);
      assertThat(link.getSightingIds()).containsExactly("de-copy");
      assertThat(original.getLinked()).contains("pdq:" + copy);
      KeyValueStore<Long, String> hashes = f.store(StoreNames.PDQ_HASHES);
      assertThat(hashes.approximateNumEntries()).isEqualTo(2);
    }
  }

  @Test
  void onlyHashesWithinDistance31OfUsableQualityMatch() {
    try (TopologyFixture f = new TopologyFixture()) {
      pdq(f, TestMembers.NL_POLICE, "nl-orig", ORIGINAL, 100, Tlp.GREEN, T0);
      pdq(f, TestMembers.DE_POLICE, "de-far", flipped(ORIGINAL, 32), 100, Tlp.GREEN, T0);
      pdq(f, TestMembers.JO_POLICE, "jo-blurry", flipped(ORIGINAL, 3), 40, Tlp.GREEN, T0);
      assertThat(of(f.alerts("secretariat").readValuesToList(), AlertReason.NEAR_DUPLICATE_HASH))
          .isEmpty();
      assertThat(f.<Long, String>store(StoreNames.PDQ_HASHES).approximateNumEntries())
          .as("a hash of quality below 50 is neither matched nor kept")
          .isEqualTo(2);

      pdq(f, TestMembers.JO_POLICE, "jo-edge", flipped(ORIGINAL, 31), 60, Tlp.GREEN, T0);
      // 31 from the original, and 1 from the far one (32 from the original, so an image of its
      // own): both match, and it joins the cluster of the nearest, the far one's.
      assertThat(of(f.alerts("JO").readValuesToList(), AlertReason.NEAR_DUPLICATE_HASH))
          .extracting(Alert::getIndicator)
          .containsExactly("pdq:" + flipped(ORIGINAL, 32));
    }
  }

  @Test
  void aRedCopyIsAHitNoHitForTheOtherCountryAndARetractionSupersedesTheMatch() {
    try (TopologyFixture f = new TopologyFixture()) {
      String copy = flipped(ORIGINAL, 7);
      pdq(f, TestMembers.NL_POLICE, "nl-orig", ORIGINAL, 100, Tlp.GREEN, T0);
      pdq(f, TestMembers.JO_POLICE, "jo-red", copy, 100, Tlp.RED, T0.plusSeconds(1));

      Alert toNl = of(f.alerts("NL").readValuesToList(), AlertReason.HIT_NO_HIT).get(0);
      assertThat(toNl.getDisclosure()).isEqualTo(Disclosure.HIT_NO_HIT);
      assertThat(toNl.getIndicator()).isEqualTo("pdq:" + ORIGINAL);
      assertThat(toNl.toString()).doesNotContain("jo-police", "jo-red", copy);
      assertThat(f.alerts("JO").isEmpty()).as("every JO agency reads alerts.JO").isTrue();
      Alert toJo =
          of(f.alerts("agency:jo-police").readValuesToList(), AlertReason.NEAR_DUPLICATE_HASH)
              .get(0);
      assertThat(toJo.getSightingIds()).contains("jo-red", "nl-orig");

      f.retract(TestMembers.JO_POLICE, "jo-red", T0.plusSeconds(10));
      assertThat(f.alerts("NL").readValuesToList())
          .anySatisfy(a -> assertThat(a.getReason()).isEqualTo(AlertReason.SUPERSEDED));
      assertThat(f.alerts("agency:jo-police").readValuesToList())
          .anySatisfy(a -> assertThat(a.getReason()).isEqualTo(AlertReason.SUPERSEDED));
      assertThat(f.states().get("pdq:" + ORIGINAL).getNearDuplicates()).isEmpty();
    }
  }

  @Test
  void theSameHashAgainIsAnExactMatchNotANearDuplicate() {
    try (TopologyFixture f = new TopologyFixture()) {
      pdq(f, TestMembers.NL_POLICE, "nl-1", ORIGINAL, 100, Tlp.GREEN, T0);
      pdq(f, TestMembers.DE_POLICE, "de-1", ORIGINAL, 100, Tlp.GREEN, T0.plusSeconds(1));
      List<Alert> toDe = f.alerts("DE").readValuesToList();
      assertThat(of(toDe, AlertReason.CROSS_BORDER_MATCH)).hasSize(1);
      assertThat(of(toDe, AlertReason.NEAR_DUPLICATE_HASH)).isEmpty();
      assertThat(f.<Long, String>store(StoreNames.PDQ_HASHES).approximateNumEntries()).isEqualTo(1);
    }
  }
}
