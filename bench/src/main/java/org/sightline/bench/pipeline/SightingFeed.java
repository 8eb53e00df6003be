package org.sightline.bench.pipeline;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serializer;
import org.sightline.indicator.Canonicalizer;
import org.sightline.members.Agency;
import org.sightline.schema.Category;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.topics.Topics;

/**
 * What agencies publish, as a mix (issue 21's "mixed feed"): URLs (a third of those on shared sites
 * naming the wallet the site takes payment in), domains, SHA-256 hashes, PDQ hashes (each agency
 * with re-encodings of its own of a circulating image), wallets; 10% TLP:RED; 1% retractions of an
 * earlier sighting and 2% resends of one, as agencies retry. A share ({@code overlap}) of the
 * sightings concern indicators circulating between agencies of several countries (these correlate
 * and alert), the rest are seen once. Serialised once, in the registry's wire format, so the
 * producer sends ready bytes as Kafka's own tool does. Deterministic for a seed.
 */
final class SightingFeed {

  /** What the summary calls this feed. */
  static final String NAME = "mixed";

  /** Circulating indicators of each type at any moment: few enough that each is reported often. */
  private static final int SHARED = 2_000;

  /**
   * The circulating set drifts by one indicator every this many sightings, as sites come and go:
   * each is in circulation for {@code SHARED * DRIFT} sightings and collects about {@code overlap *
   * DRIFT} reports, so alerts keep coming however long the run. A fixed set would saturate (every
   * agency on every indicator, no more alerts) after a few hundred thousand sightings, and the
   * measured run would no longer be the one described.
   */
  private static final int DRIFT = 30;

  /** Shares of the intake events that withdraw, or send again, an earlier sighting. */
  static final double RETRACTIONS = 0.01;

  static final double RESENDS = 0.02;

  /** PDQ re-encodings of one image an agency holds (a few bits off each other). */
  private static final int VARIANTS_PER_AGENCY = 3;

  /** Sites sharing one wallet: the links between them are what LINKED_INDICATORS finds. */
  private static final int SITES_PER_WALLET = 3;

  /** The kinds of event, for the counts a run prints. */
  enum Kind {
    SIGHTING,
    RESEND,
    RETRACTION
  }

  record Next(String topic, String key, byte[] value, Kind kind) {}

  /** A sighting sent in this feed, that a later event may send again or withdraw. */
  private record Sent(String topic, String key, byte[] value, String id) {}

  private final BenchFederation federation;
  private final Serializer<IntakeEvent> serializer;
  private final double overlap;
  private final SplittableRandom random;

  /** Recent sightings, the oldest overwritten; a slot is emptied when its sighting is withdrawn. */
  private final Sent[] recent = new Sent[4096];

  private int filled;

  SightingFeed(
      BenchFederation federation, Serializer<IntakeEvent> serializer, double overlap, long seed) {
    this.federation = federation;
    this.serializer = serializer;
    this.overlap = overlap;
    this.random = new SplittableRandom(seed);
  }

  Next next(long sequence, Instant now) {
    double r = random.nextDouble();
    if (filled > 0 && r < RETRACTIONS + RESENDS) {
      int slot = random.nextInt(Math.min(filled, recent.length));
      Sent earlier = recent[slot];
      if (earlier != null) {
        if (r < RETRACTIONS) {
          recent[slot] = null; // withdrawn: never sent again, never withdrawn twice
          return retraction(earlier, now);
        }
        return new Next(earlier.topic(), earlier.key(), earlier.value(), Kind.RESEND);
      }
    }
    return sighting(sequence, now);
  }

  private Next sighting(long sequence, Instant now) {
    List<Agency> agencies = federation.agencies();
    int agencyIndex = (int) (sequence % agencies.size());
    boolean shared = random.nextDouble() < overlap;
    // Which circulating indicator of its type, or a unique one: shared indicators drift (DRIFT).
    long n = shared ? sequence / DRIFT + random.nextInt(SHARED) : -1;
    // Seeds of the generated values: distinct for every shared indicator and every unique one.
    long seed = shared ? -(n * 8) : (sequence + 1) * 8;
    String unique = federation.runId() + "-" + sequence;
    double t = random.nextDouble();
    Indicator indicator;
    Indicator wallet = null;
    Category category = Category.CSAM;
    if (t < 0.45) {
      String site = shared ? "shared-" + n : "site-" + unique;
      indicator =
          new Indicator(
              IndicatorType.URL,
              "http://" + site + ".example/gallery/" + (shared ? n % 3 : sequence) + ".html",
              null,
              null);
      if (shared) {
        category = Category.BASELINE_CSAM; // what can list the domain in the "worst of" list
        wallet = n % 3 == 0 ? wallet(-(n / SITES_PER_WALLET * 8) - 1) : null;
      }
    } else if (t < 0.55) {
      indicator =
          new Indicator(
              IndicatorType.DOMAIN,
              (shared ? "shared-" + n : "site-" + unique) + ".example",
              null,
              null);
      category = shared ? Category.BASELINE_CSAM : Category.CSAM;
    } else if (t < 0.75) {
      indicator = new Indicator(IndicatorType.SHA256, hex(seed - 2, 32), null, null);
    } else if (t < 0.90) {
      String image = hex(seed - 3, 32);
      if (shared) {
        image = reencoded(image, agencyIndex * VARIANTS_PER_AGENCY + random.nextInt(3));
      }
      indicator = new Indicator(IndicatorType.PDQ, image, null, 90);
    } else {
      indicator = wallet(seed - 4);
    }
    double tlp = random.nextDouble();
    Sighting sighting =
        Sighting.newBuilder()
            .setId("s-" + sequence)
            .setObservedAt(now)
            .setReportedAt(now)
            .setIndicator(indicator)
            .setCategory(category)
            .setConfidence(80)
            .setTlp(
                tlp < 0.10 ? Tlp.RED : tlp < 0.20 ? Tlp.AMBER : tlp < 0.40 ? Tlp.CLEAR : Tlp.GREEN)
            .setCaseRef("CASE-" + (sequence % 997))
            .setRelated(wallet == null ? List.of() : List.of(wallet))
            .build();
    String topic = Topics.intake(agencies.get(agencyIndex).id()).name();
    // Keyed as the intake keys it, by locality: the processor correlates it where it reads it.
    String key = Canonicalizer.canonicalize(indicator, null).localityKey();
    byte[] value = serializer.serialize(topic, new IntakeEvent(sighting));
    Sent sent = new Sent(topic, key, value, sighting.getId());
    recent[filled++ % recent.length] = sent;
    return new Next(topic, key, value, Kind.SIGHTING);
  }

  /** As the intake sends it: the sighting's locality from its receipt, keyed by it. */
  private Next retraction(Sent earlier, Instant now) {
    Retraction retraction =
        Retraction.newBuilder()
            .setSightingId(earlier.id())
            .setRetractedAt(now)
            .setReason("entered in error")
            .setLocality(earlier.key())
            .build();
    byte[] value = serializer.serialize(earlier.topic(), new IntakeEvent(retraction));
    return new Next(earlier.topic(), earlier.key(), value, Kind.RETRACTION);
  }

  /**
   * An ethereum address (lower case: no EIP-55 checksum to compute, as many reports are), the same
   * for the same seed.
   */
  private static Indicator wallet(long seed) {
    return new Indicator(IndicatorType.WALLET, "0x" + hex(seed, 20), "eth", null);
  }

  /** {@code bytes} pseudo-random bytes in hex, the same for the same seed. */
  private static String hex(long seed, int bytes) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return HexFormat.of().formatHex(b);
  }

  /** The PDQ hash with up to 12 bits flipped, the same for the same variant: well within 31. */
  private static String reencoded(String hex, int variant) {
    SplittableRandom flipper = new SplittableRandom(hex.hashCode() * 31L + variant);
    byte[] bits = HexFormat.of().parseHex(hex);
    int flips = flipper.nextInt(13);
    for (int f = 0; f < flips; f++) {
      int bit = flipper.nextInt(bits.length * 8);
      bits[bit / 8] ^= (byte) (1 << (bit % 8));
    }
    return HexFormat.of().formatHex(bits);
  }
}
