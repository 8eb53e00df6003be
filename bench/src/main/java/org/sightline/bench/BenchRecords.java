package org.sightline.bench;

import java.time.Instant;
import java.util.List;
import org.sightline.processor.correlation.IndicatorStates;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.EventRole;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestSightings;

/** Realistic records for the micro-benchmarks, built the way the pipeline builds them. */
final class BenchRecords {

  static final String URL = "http://bench.example/gallery/123?page=2";
  static final String KEY = "url:" + URL;

  /** Member countries the agencies of a benchmark state belong to, in turn. */
  private static final List<String> COUNTRIES =
      List.of("NL", "DE", "JO", "BR", "KE", "FR", "ES", "IT", "PL", "SE", "NO", "DK", "BE");

  private BenchRecords() {}

  static IntakeEvent intakeEvent(String id, Instant at) {
    return new IntakeEvent(sighting(id, at, Tlp.GREEN));
  }

  static Sighting sighting(String id, Instant at, Tlp tlp) {
    return TestSightings.of(id, IndicatorType.URL, URL, tlp, at).setCaseRef("case-" + id).build();
  }

  static AttributedEvent attributedEvent(String agency, String country, String id, Instant at) {
    return attributedEvent(agency, country, id, at, Tlp.GREEN);
  }

  static AttributedEvent attributedEvent(
      String agency, String country, String id, Instant at, Tlp tlp) {
    return AttributedEvent.newBuilder()
        .setAgencyId(agency)
        .setCountry(country)
        .setIndicatorKey(KEY)
        .setPayload(sighting(id, at, tlp))
        .setRole(EventRole.PRIMARY)
        .setDerivedKeys(List.of("domain:bench.example"))
        .build();
  }

  static String country(int agency) {
    return COUNTRIES.get(agency % COUNTRIES.size());
  }

  /** The state of one URL reported by {@code agencies} agencies, {@code idsEach} sightings each. */
  static IndicatorState indicatorState(int agencies, int idsEach, Instant at) {
    IndicatorState state = IndicatorStates.empty(KEY, at);
    for (int a = 0; a < agencies; a++) {
      for (int i = 0; i < idsEach; i++) {
        IndicatorStates.add(
            state,
            attributedEvent("agency-" + a, country(a), "s-" + a + "-" + i, at.plusSeconds(i)),
            idsEach);
      }
    }
    return state;
  }
}
