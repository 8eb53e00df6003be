package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Category;
import org.sightline.schema.HashDelisting;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.KnownHash;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * The known-hash list through the topology: a hash enters when CSAM sightings of two agencies of
 * two countries, each shareable, confirm it; the entry names nobody; it leaves by tombstone when a
 * retraction or an erasure breaks the rule; RED, named recipients and other categories do not
 * count; URLs are never listed.
 */
class KnownHashListTest {

  private static final String HASH = "e".repeat(64);
  private static final String KEY = "sha256:" + HASH;

  @Test
  void twoCountriesConfirmAHashAndARetractionTakesItOff() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "s-nl", IndicatorType.SHA256, HASH, Tlp.GREEN, T0, b -> {});
      assertThat(f.hashes().readRecordsToList()).as("one country is not a confirmation").isEmpty();
      f.sighting(
          TestMembers.DE_POLICE,
          "s-de",
          IndicatorType.SHA256,
          HASH,
          Tlp.CLEAR,
          T0.plusSeconds(60),
          b -> b.setCategory(Category.BASELINE_CSAM));

      List<TestRecord<String, KnownHash>> listed = f.hashes().readRecordsToList();
      assertThat(listed).hasSize(1);
      KnownHash entry = listed.get(0).value();
      assertThat(listed.get(0).key()).isEqualTo(KEY);
      assertThat(entry.getKey()).isEqualTo(KEY);
      assertThat(entry.getType()).isEqualTo(IndicatorType.SHA256);
      assertThat(entry.getValue()).isEqualTo(HASH);
      assertThat(entry.getCategory()).isEqualTo(Category.BASELINE_CSAM);
      assertThat(entry.getListedAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(entry.toString()).doesNotContain("police", "NL", "DE", "s-nl", "case-");
      assertThat(f.states().get(KEY).getHashListedAt()).isEqualTo(T0.plusSeconds(60));

      // A third sighting changes nothing the list shows.
      f.sighting(
          TestMembers.JO_POLICE,
          "s-jo",
          IndicatorType.SHA256,
          HASH,
          Tlp.GREEN,
          T0.plusSeconds(90),
          b -> {});
      assertThat(f.hashes().readRecordsToList()).isEmpty();

      f.retract(TestMembers.JO_POLICE, "s-jo", T0.plusSeconds(100));
      assertThat(f.hashes().readRecordsToList()).as("still two countries").isEmpty();
      f.retract(TestMembers.DE_POLICE, "s-de", T0.plusSeconds(120));
      List<TestRecord<String, KnownHash>> off = f.hashes().readRecordsToList();
      assertThat(off).hasSize(1);
      assertThat(off.get(0).key()).isEqualTo(KEY);
      assertThat(off.get(0).value()).as("a tombstone").isNull();
      assertThat(f.states().get(KEY).getHashListedAt()).isNull();
    }
  }

  @Test
  void theSecretariatTakesAHashOffAndOnlyLaterSightingsListItAgain() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "s-nl", IndicatorType.SHA256, HASH, Tlp.GREEN, T0, b -> {});
      f.sighting(TestMembers.DE_POLICE, "s-de", IndicatorType.SHA256, HASH, Tlp.GREEN, T0, b -> {});
      assertThat(f.hashes().readRecordsToList()).hasSize(1);

      // As the console writes it: the key as the list shows it (any case), who, why.
      HashDelisting delisting =
          HashDelisting.newBuilder()
              .setKey("SHA256:" + HASH.toUpperCase())
              .setRequestedBy("console:secretariat")
              .setRequestedAt(T0.plusSeconds(60))
              .setReason("a false positive: a common icon")
              .build();
      f.pipe(
          Topics.HASHES_DELISTINGS.name(),
          KEY,
          delisting,
          Topics.HASHES_DELISTINGS.valueSerde(f.serdes()),
          T0.plusSeconds(60));
      assertThat(f.hashes().readRecordsToList())
          .singleElement()
          .satisfies(r -> assertThat(r.value()).as("a tombstone").isNull());
      assertThat(f.states().get(KEY).getHashDelistedAt()).isEqualTo(T0.plusSeconds(60));

      // An old sighting sent late does not confirm it again; two new ones of two countries do.
      f.sighting(
          TestMembers.JO_POLICE, "s-jo-old", IndicatorType.SHA256, HASH, Tlp.GREEN, T0, b -> {});
      assertThat(f.hashes().readRecordsToList()).isEmpty();
      f.sighting(
          TestMembers.JO_POLICE,
          "s-jo",
          IndicatorType.SHA256,
          HASH,
          Tlp.GREEN,
          T0.plusSeconds(120),
          b -> {});
      assertThat(f.hashes().readRecordsToList()).isEmpty();
      f.sighting(
          TestMembers.NL_POLICE,
          "s-nl-2",
          IndicatorType.SHA256,
          HASH,
          Tlp.GREEN,
          T0.plusSeconds(180),
          b -> {});
      assertThat(f.hashes().readRecordsToList()).hasSize(1);

      // A key that is not a listed kind of hash is refused with the field named.
      f.pipe(
          Topics.HASHES_DELISTINGS.name(),
          "url:x",
          HashDelisting.newBuilder(delisting).setKey("url:http://x.example/").build(),
          Topics.HASHES_DELISTINGS.valueSerde(f.serdes()),
          T0.plusSeconds(200));
      assertThat(f.rejected().readValuesToList())
          .singleElement()
          .satisfies(r -> assertThat(r.getField()).isEqualTo("key"));
    }
  }

  @Test
  void anErasureTakesItOffAndRestrictedOrOtherSightingsNeverConfirm() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.NL_POLICE, "s-nl", IndicatorType.MD5, "a".repeat(32), Tlp.GREEN, T0, b -> {});
      f.sighting(
          TestMembers.DE_POLICE, "s-de", IndicatorType.MD5, "a".repeat(32), Tlp.GREEN, T0, b -> {});
      assertThat(f.hashes().readRecordsToList()).hasSize(1);
      f.erase(TestMembers.DE_POLICE, "s-de", T0.plusSeconds(10));
      List<TestRecord<String, KnownHash>> off = f.hashes().readRecordsToList();
      assertThat(off).singleElement().satisfies(r -> assertThat(r.value()).isNull());

      String other = "b".repeat(64);
      f.sighting(TestMembers.NL_POLICE, "r-nl", IndicatorType.SHA256, other, Tlp.RED, T0, b -> {});
      f.sighting(
          TestMembers.DE_POLICE,
          "r-de",
          IndicatorType.SHA256,
          other,
          Tlp.GREEN,
          T0,
          b -> b.setShareWith(List.of("NL")));
      f.sighting(
          TestMembers.JO_POLICE,
          "r-jo",
          IndicatorType.SHA256,
          other,
          Tlp.GREEN,
          T0,
          b -> b.setCategory(Category.GROOMING));
      assertThat(f.hashes().readRecordsToList()).as("RED, named recipients, not CSAM").isEmpty();

      f.sighting(
          TestMembers.NL_POLICE, "u-nl", "http://hashes-are-not-urls.example/x", Tlp.GREEN, T0);
      f.sighting(
          TestMembers.DE_POLICE, "u-de", "http://hashes-are-not-urls.example/x", Tlp.GREEN, T0);
      assertThat(f.hashes().readRecordsToList()).isEmpty();
    }
  }
}
