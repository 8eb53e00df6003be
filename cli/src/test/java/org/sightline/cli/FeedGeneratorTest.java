package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sightline.members.Agency;
import org.sightline.members.MemberDirectory;
import org.sightline.pdq.PdqHash;
import org.sightline.testing.TestMembers;

class FeedGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void theFeedOverlapsAcrossCountriesAndContainsSomeInvalidInput() throws Exception {
    MemberDirectory members = TestMembers.directory();
    FeedGenerator feed = new FeedGenerator(members, FeedGenerator.Mix.demo(), 7, CLOCK);
    List<FeedGenerator.Item> items = new ArrayList<>(feed.opening());
    for (int i = 0; i < 2000; i++) {
      FeedGenerator.Item item = feed.next();
      items.add(item);
      feed.settled(item, true); // as the intake answers: only what it took can be withdrawn
    }
    Map<String, Set<String>> countriesByIndicator = new HashMap<>();
    Set<String> agencies = new HashSet<>();
    Set<String> tlps = new HashSet<>();
    long invalid = 0;
    long retractions = 0;
    for (FeedGenerator.Item item : items) {
      agencies.add(item.agency().value());
      if (item.retracts() != null) {
        retractions++;
        continue;
      }
      if (!item.valid()) {
        invalid++;
        continue;
      }
      JsonNode s = JSON.readTree(item.json());
      tlps.add(s.get("tlp").asText());
      String key =
          s.get("indicator").get("type").asText() + ":" + s.get("indicator").get("value").asText();
      String country = members.agency(item.agency()).map(Agency::country).orElseThrow().value();
      countriesByIndicator.computeIfAbsent(key, k -> new HashSet<>()).add(country);
    }
    assertThat(agencies).as("every enabled agency reports").hasSize(4).doesNotContain("br-police");
    assertThat(countriesByIndicator.values().stream().filter(c -> c.size() >= 2).count())
        .as("indicators reported from two or more countries")
        .isGreaterThan(20);
    assertThat(invalid).isBetween(10L, 100L);
    assertThat(tlps).contains("CLEAR", "GREEN", "AMBER", "RED");
    assertThat(retractions).as("agencies withdraw some sightings").isBetween(5L, 60L);
    List<PdqHash> pdq =
        countriesByIndicator.keySet().stream()
            .filter(k -> k.startsWith("pdq:"))
            .map(k -> PdqHash.fromHex(k.substring(4)))
            .toList();
    assertThat(pdq)
        .as("re-encodings of circulating images: distinct hashes within PDQ's match distance")
        .hasSizeGreaterThan(5)
        .anySatisfy(
            a ->
                assertThat(pdq)
                    .anyMatch(b -> a.distance(b) > 0 && a.distance(b) <= PdqHash.MATCH_DISTANCE));
  }

  /** The posts are asynchronous: a sighting the intake has not taken is never withdrawn. */
  @Test
  void onlyASightingTheIntakeTookIsRetracted() {
    FeedGenerator feed =
        new FeedGenerator(TestMembers.directory(), FeedGenerator.Mix.demo(), 7, CLOCK);
    for (int i = 0; i < 2000; i++) {
      FeedGenerator.Item item = feed.next();
      assertThat(item.retracts()).as("nothing was taken, nothing can be withdrawn").isNull();
      feed.settled(item, false);
    }
  }

  @Test
  void theOpeningIsACrossBorderPair() throws Exception {
    MemberDirectory members = TestMembers.directory();
    List<FeedGenerator.Item> opening =
        new FeedGenerator(members, FeedGenerator.Mix.demo(), 1, CLOCK).opening();
    assertThat(opening).hasSize(2);
    assertThat(JSON.readTree(opening.get(0).json()).get("indicator"))
        .isEqualTo(JSON.readTree(opening.get(1).json()).get("indicator"));
    assertThat(members.agency(opening.get(0).agency()).orElseThrow().country())
        .isNotEqualTo(members.agency(opening.get(1).agency()).orElseThrow().country());
  }
}
