package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sightline.members.AgencyId;
import org.sightline.pdq.PdqHash;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;

/**
 * No alert storm, by construction. N variants of one image from k agencies raise O(k) alerts per
 * recipient, not one per pair of variants (40 variants of one image once raised 731 alerts to one
 * country); and over random feeds, every alert a recipient gets again for an indicator and reason
 * tells it something new: another agency or country, a higher severity, or (for linked indicators,
 * where each new site is a lead) another linked indicator.
 */
class AlertStormTest {

  private static final List<AgencyId> AGENCIES =
      List.of(TestMembers.NL_POLICE, TestMembers.DE_POLICE, TestMembers.JO_POLICE);

  /** The original with 1 to 12 random bits flipped: a variant within PDQ's match distance. */
  static String variant(String hex, Random random) {
    PdqHash hash = PdqHash.fromHex(hex);
    long[] w = {hash.word(0), hash.word(1), hash.word(2), hash.word(3)};
    int flips = 1 + random.nextInt(12);
    for (int i = 0; i < flips; i++) {
      int bit = random.nextInt(256);
      w[bit / 64] ^= 1L << (bit % 64);
    }
    return PdqHash.fromWords(w[0], w[1], w[2], w[3]).toHex();
  }

  @Test
  void fortyVariantsOfOneImageFromThreeAgenciesAlertEachRecipientPerAgencyNotPerPair() {
    Random random = new Random(40);
    try (TopologyFixture f = new TopologyFixture()) {
      Map<String, List<Alert>> received = new HashMap<>();
      Map<String, org.apache.kafka.streams.TestOutputTopic<String, Alert>> topics = new HashMap<>();
      for (String recipient : List.of("NL", "DE", "JO", "secretariat")) {
        topics.put(recipient, f.alerts(recipient));
      }
      Set<String> variants = new TreeSet<>();
      f.sighting(
          AGENCIES.get(0),
          "v-0",
          IndicatorType.PDQ,
          NearDuplicateTest.ORIGINAL,
          Tlp.GREEN,
          T0,
          b -> {});
      for (int i = 1; i < 40; i++) {
        String hex = variant(NearDuplicateTest.ORIGINAL, random);
        variants.add(hex);
        f.sighting(
            AGENCIES.get(i % AGENCIES.size()),
            "v-" + i,
            IndicatorType.PDQ,
            hex,
            Tlp.GREEN,
            T0.plusSeconds(i),
            b -> {});
      }
      topics.forEach((r, t) -> received.put(r, t.readValuesToList()));

      for (String recipient : received.keySet()) {
        List<Alert> nearDuplicates =
            received.get(recipient).stream()
                .filter(a -> a.getReason() == AlertReason.NEAR_DUPLICATE_HASH)
                .toList();
        assertThat(nearDuplicates)
            .as("near-duplicate alerts to %s for 40 variants from 3 agencies", recipient)
            .isNotEmpty()
            .hasSizeLessThanOrEqualTo(2 * AGENCIES.size());
        assertThat(nearDuplicates)
            .as("all about the image's first hash, the cluster's root")
            .allSatisfy(
                a -> assertThat(a.getIndicator()).isEqualTo("pdq:" + NearDuplicateTest.ORIGINAL));
      }
      IndicatorState root = f.states().get("pdq:" + NearDuplicateTest.ORIGINAL);
      assertThat(root.getLinked())
          .as("every variant linked at the root")
          .containsExactlyInAnyOrderElementsOf(variants.stream().map(h -> "pdq:" + h).toList());
    }
  }

  static IntStream seeds() {
    return IntStream.range(0, 60);
  }

  /** What a recipient was last told for an indicator and reason. */
  private record Told(
      Set<String> agencies, Set<String> countries, int severity, Set<String> linked) {
    static Told of(Alert a) {
      String linked = a.getAttributes().getOrDefault("linked", "");
      return new Told(
          new HashSet<>(a.getAgencies()),
          new HashSet<>(a.getCountries()),
          a.getSeverity().ordinal(),
          linked.isEmpty() ? Set.of() : new HashSet<>(List.of(linked.split(" "))));
    }

    boolean newsAfter(Told before, AlertReason reason) {
      return !before.agencies.containsAll(agencies)
          || !before.countries.containsAll(countries)
          || severity > before.severity
          || (reason == AlertReason.LINKED_INDICATORS && !before.linked.containsAll(linked));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyRepeatedAlertCarriesAMaterialChange(int seed) {
    Random random = new Random(seed);
    List<String> images = new ArrayList<>();
    images.add(NearDuplicateTest.ORIGINAL);
    for (int i = 0; i < 3; i++) {
      images.add(variant(NearDuplicateTest.ORIGINAL, random));
    }
    List<String> urls =
        List.of("http://storm-a.example/1", "http://storm-a.example/2", "http://storm-b.example/");
    try (TopologyFixture f = new TopologyFixture()) {
      List<String> recipients = List.of("NL", "DE", "JO", "secretariat");
      Map<String, org.apache.kafka.streams.TestOutputTopic<String, Alert>> topics = new HashMap<>();
      recipients.forEach(r -> topics.put(r, f.alerts(r)));
      int n = 30 + random.nextInt(60);
      for (int i = 0; i < n; i++) {
        AgencyId agency = AGENCIES.get(random.nextInt(AGENCIES.size()));
        Tlp tlp = random.nextInt(4) == 0 ? Tlp.AMBER : Tlp.GREEN;
        if (random.nextBoolean()) {
          String hex = variant(images.get(random.nextInt(images.size())), random);
          f.sighting(agency, "s-" + i, IndicatorType.PDQ, hex, tlp, T0.plusSeconds(i), b -> {});
        } else {
          String url = urls.get(random.nextInt(urls.size()));
          boolean wallet = random.nextBoolean();
          f.sighting(
              agency,
              "s-" + i,
              IndicatorType.URL,
              url,
              tlp,
              T0.plusSeconds(i),
              b -> {
                if (wallet) {
                  b.setRelated(
                      List.of(
                          new Indicator(
                              IndicatorType.WALLET,
                              "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
                              "btc",
                              null)));
                }
              });
        }
      }
      int alerts = 0;
      for (String recipient : recipients) {
        Map<String, Told> last = new HashMap<>();
        for (Alert a : topics.get(recipient).readValuesToList()) {
          alerts++;
          if (a.getReason() == AlertReason.SUPERSEDED) {
            last.remove(a.getIndicator() + "|" + a.getAttributes().get("supersededReason"));
            continue;
          }
          String key = a.getIndicator() + "|" + a.getReason();
          Told now = Told.of(a);
          Told before = last.put(key, now);
          if (before != null) {
            assertThat(now.newsAfter(before, a.getReason()))
                .as(
                    "seed %d: %s got %s on %s again with nothing new (%s after %s)",
                    seed, recipient, a.getReason(), a.getIndicator(), now, before)
                .isTrue();
          }
        }
      }
      assertThat(alerts).as("seed %d: the feed raised alerts", seed).isPositive();
    }
  }
}
