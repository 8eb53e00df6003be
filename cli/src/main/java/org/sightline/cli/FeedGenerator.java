package org.sightline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.MemberDirectory;

/**
 * A realistic multi-agency feed: every enabled agency reports; a share of the sightings ({@code
 * overlap}) concern indicators that circulate between agencies and countries (the ones that should
 * correlate), the rest are seen once. TLPs, categories and indicator types are mixed, and a share
 * of the input is invalid, as real input is. Deterministic for a given seed.
 */
public final class FeedGenerator {

  /** One sighting to post, as the agency would send it. */
  public record Item(AgencyId agency, String json, boolean valid) {}

  /** The mix of the feed. */
  public record Mix(double overlap, double invalid, double red, int sharedIndicators) {
    public static Mix demo() {
      return new Mix(0.35, 0.02, 0.08, 40);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] CATEGORIES = {
    "CSAM",
    "CSAM",
    "CSAM",
    "BASELINE_CSAM",
    "CSEM_OTHER",
    "GROOMING",
    "SEXTORTION",
    "LIVE_STREAMED_ABUSE",
    "TRAFFICKING"
  };

  private final List<Agency> agencies;
  private final Mix mix;
  private final Random random;
  private final Clock clock;
  private final List<ObjectNode> shared = new ArrayList<>();
  private final String runId;
  private long sequence;

  public FeedGenerator(MemberDirectory members, Mix mix, long seed, Clock clock) {
    this.agencies = members.agencies().stream().filter(Agency::enabled).toList();
    if (agencies.isEmpty()) {
      throw new IllegalArgumentException("the member directory has no enabled agency to simulate");
    }
    this.mix = mix;
    this.random = new Random(seed);
    this.clock = clock;
    this.runId = Long.toString(seed, 36) + "-" + Long.toString(clock.millis(), 36);
    for (int i = 0; i < mix.sharedIndicators(); i++) {
      shared.add(indicator("shared-" + seed + "-" + i));
    }
  }

  /**
   * The opening of the feed: the same site reported by agencies of two different countries, so the
   * first cross-border alert shows within seconds.
   */
  public List<Item> opening() {
    List<Item> items = new ArrayList<>();
    Agency first = agencies.get(0);
    Agency other =
        agencies.stream()
            .filter(a -> !a.country().equals(first.country()))
            .findFirst()
            .orElse(null);
    if (other == null) {
      return items;
    }
    ObjectNode site = JSON.createObjectNode();
    site.put("type", "url");
    site.put("value", "http://opening-" + runId + ".example/gallery/index.html");
    items.add(item(first, site.deepCopy(), "GREEN", "CSAM"));
    items.add(item(other, site.deepCopy(), "GREEN", "CSAM"));
    return items;
  }

  public Item next() {
    Agency agency = agencies.get(random.nextInt(agencies.size()));
    ObjectNode indicator =
        random.nextDouble() < mix.overlap()
            ? shared.get(random.nextInt(shared.size())).deepCopy()
            : indicator(runId + "-" + sequence);
    double t = random.nextDouble();
    String tlp =
        t < mix.red()
            ? "RED"
            : t < 0.15 ? "CLEAR" : t < 0.30 ? "AMBER" : t < 0.33 ? "AMBER_STRICT" : "GREEN";
    Item item = item(agency, indicator, tlp, CATEGORIES[random.nextInt(CATEGORIES.length)]);
    if (random.nextDouble() < mix.invalid()) {
      return spoil(item);
    }
    return item;
  }

  private Item item(Agency agency, ObjectNode indicator, String tlp, String category) {
    Instant now = clock.instant();
    ObjectNode s = JSON.createObjectNode();
    s.put("id", agency.id() + "-" + runId + "-" + (sequence++));
    s.put("observedAt", now.minusSeconds(random.nextInt(3600)).toString());
    s.set("indicator", indicator);
    s.put("category", category);
    s.put("confidence", 50 + random.nextInt(51));
    s.put("tlp", tlp);
    if (random.nextBoolean()) {
      s.put("caseRef", agency.country().value() + "-" + (1000 + random.nextInt(9000)));
    }
    if ("url".equals(indicator.path("type").asText()) && random.nextInt(3) == 0) {
      s.put("hostingCountry", agencies.get(random.nextInt(agencies.size())).country().value());
    }
    return new Item(agency.id(), s.toString(), true);
  }

  /** The mistakes real feeds contain: a confidence out of range, a missing TLP, an unknown type. */
  private Item spoil(Item item) {
    try {
      ObjectNode s = (ObjectNode) JSON.readTree(item.json());
      switch (random.nextInt(3)) {
        case 0 -> s.put("confidence", 101 + random.nextInt(100));
        case 1 -> s.remove("tlp");
        default -> ((ObjectNode) s.get("indicator")).put("type", "fax");
      }
      return new Item(item.agency(), s.toString(), false);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode indicator(String seed) {
    ObjectNode i = JSON.createObjectNode();
    String tag = UUID.nameUUIDFromBytes(seed.getBytes()).toString().replace("-", "");
    switch (random.nextInt(5)) {
      case 0, 1 -> {
        i.put("type", "url");
        i.put(
            "value",
            "http://" + tag.substring(0, 10) + ".example/" + tag.substring(10, 16) + "/index.html");
      }
      case 2 -> {
        i.put("type", "domain");
        i.put("value", tag.substring(0, 12).toLowerCase(Locale.ROOT) + ".example");
      }
      case 3 -> {
        i.put("type", "sha256");
        i.put("value", tag + tag);
      }
      default -> {
        i.put("type", "md5");
        i.put("value", HexFormat.of().formatHex(tag.substring(0, 16).getBytes()).substring(0, 32));
      }
    }
    return i;
  }
}
