package org.sightline.bench.pipeline;

import java.time.Instant;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serializer;
import org.sightline.indicator.Canonicalizer;
import org.sightline.members.Agency;
import org.sightline.schema.Category;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.topics.Topics;

/**
 * Avro sightings as agencies publish them: a share on indicators circulating between agencies of
 * several countries (these correlate and alert), the rest unique. Serialised once, in the
 * registry's wire format, so the producer sends ready bytes as Kafka's own tool does.
 */
final class SightingFeed {

  /**
   * What the summary calls this feed: URLs only (10% RED, a share shared across agencies). The
   * mixed feed of issue 21 (hashes, PDQ, wallets with related indicators, retractions, resends) is
   * not built yet.
   */
  static final String NAME = "urls";

  /** Circulating indicators at any moment: few enough that each is reported several times. */
  private static final int SHARED = 2_000;

  /**
   * The circulating set drifts by one indicator every this many sightings, as sites come and go:
   * each is in circulation for {@code SHARED * DRIFT} sightings and collects about {@code overlap *
   * DRIFT} reports (9 at the default 0.3), so alerts keep coming however long the run. A fixed set
   * would saturate (every agency on every indicator, no more alerts) after a few hundred thousand
   * sightings, and the measured run would no longer be the one described.
   */
  private static final int DRIFT = 30;

  private final BenchFederation federation;
  private final Serializer<IntakeEvent> serializer;
  private final double overlap;
  private final SplittableRandom random;

  SightingFeed(
      BenchFederation federation, Serializer<IntakeEvent> serializer, double overlap, long seed) {
    this.federation = federation;
    this.serializer = serializer;
    this.overlap = overlap;
    this.random = new SplittableRandom(seed);
  }

  record Next(String topic, String key, byte[] value) {}

  Next next(long sequence, Instant now) {
    Agency agency = federation.agencies().get((int) (sequence % federation.agencies().size()));
    boolean shared = random.nextDouble() < overlap;
    String url =
        shared
            ? "http://shared-"
                + (sequence / DRIFT + random.nextInt(SHARED))
                + ".example/gallery/index.html"
            : "http://site-" + federation.runId() + "-" + sequence + ".example/p/" + sequence;
    String id = "s-" + sequence;
    Sighting sighting =
        Sighting.newBuilder()
            .setId(id)
            .setObservedAt(now)
            .setReportedAt(now)
            .setIndicator(new Indicator(IndicatorType.URL, url, null, null))
            .setCategory(shared ? Category.BASELINE_CSAM : Category.CSAM)
            .setConfidence(80)
            .setTlp(random.nextInt(10) == 0 ? Tlp.RED : Tlp.GREEN)
            .setCaseRef("CASE-" + (sequence % 997))
            .build();
    String topic = Topics.intake(agency.id()).name();
    // Keyed as the intake keys it, by locality: the processor correlates it where it reads it.
    String key = Canonicalizer.canonicalize(sighting.getIndicator(), null).localityKey();
    return new Next(topic, key, serializer.serialize(topic, new IntakeEvent(sighting)));
  }
}
