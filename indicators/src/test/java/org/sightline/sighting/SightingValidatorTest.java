package org.sightline.sighting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Category;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;

class SightingValidatorTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private static Sighting.Builder valid() {
    return Sighting.newBuilder()
        .setId("s-1")
        .setObservedAt(NOW.minusSeconds(60))
        .setReportedAt(NOW)
        .setIndicator(new Indicator(IndicatorType.URL, "http://example.com/a", null, null))
        .setCategory(Category.CSAM)
        .setConfidence(80)
        .setTlp(Tlp.GREEN);
  }

  @Test
  void acceptsAValidSighting() {
    assertThat(SightingValidator.validate(valid().build(), NOW)).isEmpty();
  }

  @Test
  void namesEveryFieldAtFault() {
    Sighting s =
        valid()
            .setId("has space")
            .setConfidence(101)
            .setObservedAt(NOW.plusSeconds(3600))
            .setHostingCountry("XX")
            .setIndicator(new Indicator(IndicatorType.WALLET, "1abc", null, null))
            .setRelated(List.of(new Indicator(IndicatorType.DOMAIN, "  ", null, null)))
            .build();
    assertThat(SightingValidator.validate(s, NOW))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "id",
            "confidence",
            "observedAt",
            "hostingCountry",
            "indicator.chain",
            "related[0].value");
  }
}
