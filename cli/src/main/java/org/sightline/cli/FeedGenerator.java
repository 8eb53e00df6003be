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

  /**
   * One thing to post, as the agency would send it: a sighting, or the retraction of one of the
   * agency's earlier sightings ({@code retracts} is its id).
   */
  public record Item(AgencyId agency, String json, boolean valid, String retracts) {
    Item(AgencyId agency, String json, boolean valid) {
      this(agency, json, valid, null);
    }
  }

  /** The mix of the feed. */
  public record Mix(
      double overlap, double invalid, double red, double retract, int sharedIndicators) {
    public static Mix demo() {
      return new Mix(0.35, 0.02, 0.08, 0.01, 40);
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
  private final List<Circulating> shared = new ArrayList<>();
  private final List<Item> retractable = new ArrayList<>();

  /**
   * Circulating sightings sent and not yet answered, by their JSON: one becomes retractable only
   * once the intake has taken it. The posts are asynchronous, so a retraction drawn at once could
   * reach the intake before its sighting and be answered 404 (seen once in 4,500 in the demo).
   */
  private final java.util.Map<String, Item> sent = new java.util.HashMap<>();

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
      shared.add(circulating(i));
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

  /** The intake answered a posted item: a circulating sighting it took can now be withdrawn. */
  public synchronized void settled(Item posted, boolean accepted) {
    Item withdrawable = posted.json() == null ? null : sent.remove(posted.json());
    if (withdrawable != null && accepted && retractable.size() < 500) {
      retractable.add(withdrawable);
    }
  }

  public synchronized Item next() {
    if (!retractable.isEmpty() && random.nextDouble() < mix.retract()) {
      Item earlier = retractable.remove(random.nextInt(retractable.size()));
      return new Item(
          earlier.agency(), "{\"reason\":\"entered in error\"}", true, earlier.retracts());
    }
    Agency agency = agencies.get(random.nextInt(agencies.size()));
    double t = random.nextDouble();
    String tlp =
        t < mix.red()
            ? "RED"
            : t < 0.15 ? "CLEAR" : t < 0.30 ? "AMBER" : t < 0.33 ? "AMBER_STRICT" : "GREEN";
    Item item;
    if (random.nextDouble() < mix.overlap()) {
      Circulating c = shared.get(random.nextInt(shared.size()));
      ObjectNode indicator = c.indicator().deepCopy();
      if (indicator.path("type").asText().equals("pdq")) {
        // Each agency holds a few re-encodings of its own of the image (hashes a few bits off),
        // and reports them again and again, as agencies do: not a new variant every time.
        indicator.put(
            "value",
            nearDuplicate(
                indicator.path("value").asText(),
                agency.id().value() + "/" + random.nextInt(VARIANTS_PER_AGENCY)));
      }
      ObjectNode s = sighting(agency, indicator, tlp, c.category());
      c.decorate(s);
      item = new Item(agency.id(), s.toString(), true);
      // Circulating sightings are the ones worth withdrawing: that is what supersedes alerts.
      if (sent.size() < 1000) {
        sent.put(item.json(), new Item(agency.id(), null, true, s.get("id").asText()));
      }
    } else {
      item =
          new Item(
              agency.id(),
              sighting(agency, indicator(runId + "-" + sequence), tlp, randomCategory()).toString(),
              true);
    }
    if (random.nextDouble() < mix.invalid()) {
      return spoil(item);
    }
    return item;
  }

  /**
   * An indicator that circulates between agencies, with what stays true of it whoever reports it:
   * where a site is hosted, which wallet it takes payment in, whether the victim of a series is
   * identified. This is what makes every kind of alert show up in a demo.
   */
  private record Circulating(
      ObjectNode indicator, String category, String hostingCountry, String wallet, String series) {
    void decorate(ObjectNode sighting) {
      if (hostingCountry != null) {
        sighting.put("hostingCountry", hostingCountry);
      }
      if (wallet != null) {
        ObjectNode related = sighting.putArray("related").addObject();
        related.put("type", "wallet");
        related.put("chain", wallet.startsWith("0x") ? "eth" : "btc");
        related.put("value", wallet);
      }
      if (series != null) {
        ObjectNode id = sighting.putObject("identification");
        id.put("victimIdentified", true);
        id.put("series", series);
      }
    }
  }

  /** Real, checksum-valid addresses from public documentation (BIP-13/173, EIP-55 examples). */
  private static final String[] WALLETS = {
    "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
  };

  private Circulating circulating(int i) {
    if (i == 0) {
      // Agencies do report the empty file's hash by mistake; the warning list holds it back.
      ObjectNode empty = JSON.createObjectNode();
      empty.put("type", "sha256");
      empty.put("value", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      return new Circulating(empty, "CSAM", null, null, null);
    }
    ObjectNode indicator = indicator("shared-" + i);
    if (i % 7 == 1) {
      // An image circulating in several re-encodings: what NEAR_DUPLICATE_HASH finds.
      String tag = UUID.nameUUIDFromBytes(("image-" + i).getBytes()).toString().replace("-", "");
      indicator = JSON.createObjectNode();
      indicator.put("type", "pdq");
      indicator.put("value", tag + tag);
      indicator.put("quality", 90);
    }
    String type = indicator.path("type").asText();
    boolean site = type.equals("url") || type.equals("domain");
    String category = site && i % 3 == 0 ? "BASELINE_CSAM" : randomCategory();
    String hosting =
        type.equals("url") && i % 2 == 0
            ? agencies.get(i % agencies.size()).country().value()
            : null;
    // Two or three sites share each wallet: the links between them are what LINKED_INDICATORS
    // finds.
    String wallet = type.equals("url") && i % 2 == 1 ? WALLETS[(i / 2) % WALLETS.length] : null;
    String series = !site && i % 3 == 0 ? "Series-" + (char) ('A' + i % 26) : null;
    if (type.equals("url") && i % 3 == 0) {
      // Several pages of one site: different URLs, one registrable domain for the "worst of" list.
      indicator.put("value", "http://site-" + (i % 5) + ".example/gallery/" + i + ".html");
    }
    return new Circulating(indicator, category, hosting, wallet, series);
  }

  /** How many re-encodings of one image an agency holds in the feed. */
  static final int VARIANTS_PER_AGENCY = 3;

  /**
   * The hash with up to 12 bits flipped, the same ones for the same {@code variant}: well within
   * PDQ's match distance of 31.
   */
  private static String nearDuplicate(String hex, String variant) {
    Random flipper = new Random((hex + "/" + variant).hashCode());
    byte[] bits = HexFormat.of().parseHex(hex);
    int flips = flipper.nextInt(13);
    for (int f = 0; f < flips; f++) {
      int bit = flipper.nextInt(bits.length * 8);
      bits[bit / 8] ^= (byte) (1 << (bit % 8));
    }
    return HexFormat.of().formatHex(bits);
  }

  private String randomCategory() {
    return CATEGORIES[random.nextInt(CATEGORIES.length)];
  }

  private Item item(Agency agency, ObjectNode indicator, String tlp, String category) {
    return new Item(agency.id(), sighting(agency, indicator, tlp, category).toString(), true);
  }

  private ObjectNode sighting(Agency agency, ObjectNode indicator, String tlp, String category) {
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
    if (random.nextDouble() < 0.04) {
      // Named recipients, as a bilateral operation would: its own country and one other.
      Agency partner = agencies.get(random.nextInt(agencies.size()));
      var named = s.putArray("shareWith");
      named.add(agency.country().value());
      if (!partner.country().equals(agency.country())) {
        named.add(partner.country().value());
      }
    }
    return s;
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
