package org.sightline.testing;

import java.time.Instant;
import org.sightline.schema.Category;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;

/**
 * Sightings for tests: a valid one by default, to adjust with the builder where a test needs to.
 */
public final class TestSightings {

  private TestSightings() {}

  /**
   * A valid sighting of an indicator: category CSAM, confidence 70, observed and reported at {@code
   * at}.
   */
  public static Sighting.Builder of(
      String id, IndicatorType type, String value, Tlp tlp, Instant at) {
    return Sighting.newBuilder()
        .setId(id)
        .setObservedAt(at)
        .setReportedAt(at)
        .setIndicator(new Indicator(type, value, null, null))
        .setCategory(Category.CSAM)
        .setConfidence(70)
        .setTlp(tlp);
  }

  /** A valid TLP:GREEN sighting of a URL, as an intake event. */
  public static IntakeEvent url(String id, String url, Instant at) {
    return new IntakeEvent(of(id, IndicatorType.URL, url, Tlp.GREEN, at).build());
  }
}
