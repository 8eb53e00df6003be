package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sightline.processor.correlation.Viewer;
import org.sightline.processor.query.LookupAnswer;
import org.sightline.schema.Category;
import org.sightline.schema.Identification;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;

/**
 * What an agency learns by asking whether an indicator is known, field by field, per TLP and named
 * recipients: counts and times of what it may see, a bare hit for what it may not, nothing of other
 * agencies' names, cases or sightings, on states the topology itself built.
 */
class LookupAnswerTest {

  private static final String HASH = "c".repeat(64);
  private static final String KEY = "sha256:" + HASH;
  private static final Viewer DE_POLICE = Viewer.agency("de-police", "DE");
  private static final Viewer NL_POLICE = Viewer.agency("nl-police", "NL");
  private static final Viewer NL_HOTLINE = Viewer.agency("nl-hotline", "NL");
  private static final Viewer JO_POLICE = Viewer.agency("jo-police", "JO");

  private static LookupAnswer ask(TopologyFixture f, String key, Viewer viewer) {
    return LookupAnswer.of(key, f.states().get(key), null, viewer);
  }

  @Test
  void anUnknownIndicatorIsNotKnownAndSaysNothingMore() {
    try (TopologyFixture f = new TopologyFixture()) {
      LookupAnswer a = ask(f, KEY, DE_POLICE);
      assertThat(a.known()).isFalse();
      assertThat(a.disclosure()).isNull();
      assertThat(a.agencies()).isNull();
    }
  }

  @Test
  void sharedSightingsAnswerWithCountsTimesCategoriesAndIdentificationButNoNames() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.NL_POLICE,
          "n1",
          IndicatorType.SHA256,
          HASH,
          Tlp.GREEN,
          T0,
          b ->
              b.setCategory(Category.BASELINE_CSAM)
                  .setIdentification(new Identification(true, null, "Series-A")));
      f.sighting(
          TestMembers.JO_POLICE,
          "j1",
          IndicatorType.SHA256,
          HASH,
          Tlp.AMBER,
          T0.plusSeconds(60),
          b -> {});
      LookupAnswer a = ask(f, KEY, DE_POLICE);
      assertThat(a.known()).isTrue();
      assertThat(a.disclosure()).isEqualTo(LookupAnswer.DETAILS);
      assertThat(a.agencies()).isEqualTo(2);
      assertThat(a.countries()).isEqualTo(2);
      assertThat(a.sightings()).isEqualTo(2L);
      assertThat(a.firstSeen()).isEqualTo(T0);
      assertThat(a.lastSeen()).isEqualTo(T0.plusSeconds(60));
      assertThat(a.categories()).containsExactly("BASELINE_CSAM", "CSAM");
      assertThat(a.identification().victimIdentified()).isTrue();
      assertThat(a.identification().series()).isEqualTo("Series-A");
      assertThat(a.yours()).isFalse();
      assertThat(a.undisclosedHolders()).isNull();
      assertThat(a.toString()).doesNotContain("nl-police", "jo-police", "case-", "n1", "j1");
    }
  }

  @Test
  void redAndStrictSightingsAnswerAsABareHit() {
    for (Tlp tlp : List.of(Tlp.RED, Tlp.AMBER_STRICT)) {
      try (TopologyFixture f = new TopologyFixture()) {
        f.sighting(
            TestMembers.NL_POLICE,
            "n1",
            IndicatorType.SHA256,
            HASH,
            tlp,
            T0,
            b -> b.setIdentification(new Identification(true, true, "Series-B")));
        for (Viewer other : List.of(DE_POLICE, NL_HOTLINE)) {
          LookupAnswer a = ask(f, KEY, other);
          assertThat(a.known()).as("%s to %s", tlp, other).isTrue();
          assertThat(a.disclosure()).isEqualTo(LookupAnswer.HIT_NO_HIT);
          assertThat(
                  List.of(
                      a.agencies() == null,
                      a.countries() == null,
                      a.sightings() == null,
                      a.firstSeen() == null,
                      a.lastSeen() == null,
                      a.categories() == null,
                      a.identification() == null,
                      a.linked() == null,
                      a.yours() == null))
              .as("nothing but the hit for %s under %s", other, tlp)
              .containsOnly(true);
        }
        LookupAnswer own = ask(f, KEY, NL_POLICE);
        assertThat(own.disclosure()).isEqualTo(LookupAnswer.DETAILS);
        assertThat(own.yours()).isTrue();
        assertThat(own.identification().offenderIdentified()).isTrue();
      }
    }
  }

  @Test
  void namedRecipientsAnswerInFullToThemAndAsAHitToOthers() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.NL_POLICE,
          "n1",
          IndicatorType.SHA256,
          HASH,
          Tlp.GREEN,
          T0,
          b -> b.setShareWith(List.of("NL", "DE")));
      assertThat(ask(f, KEY, DE_POLICE).disclosure()).isEqualTo(LookupAnswer.DETAILS);
      assertThat(ask(f, KEY, JO_POLICE).disclosure()).isEqualTo(LookupAnswer.HIT_NO_HIT);
    }
  }

  @Test
  void visibleAndHiddenTogetherCountOnlyTheVisibleAndSayOthersHoldIt() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.NL_POLICE,
          "n1",
          IndicatorType.SHA256,
          HASH,
          Tlp.GREEN,
          T0,
          b -> b.setCategory(Category.CSAM));
      f.sighting(
          TestMembers.JO_POLICE,
          "j1",
          IndicatorType.SHA256,
          HASH,
          Tlp.RED,
          T0.plusSeconds(600),
          b -> b.setCategory(Category.SEXTORTION));
      LookupAnswer a = ask(f, KEY, DE_POLICE);
      assertThat(a.agencies()).isEqualTo(1);
      assertThat(a.countries()).isEqualTo(1);
      assertThat(a.lastSeen()).as("the RED sighting's time is RED too").isEqualTo(T0);
      assertThat(a.categories()).containsExactly("CSAM");
      assertThat(a.undisclosedHolders()).isTrue();
    }
  }
}
