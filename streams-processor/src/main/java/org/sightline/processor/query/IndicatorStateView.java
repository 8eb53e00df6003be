package org.sightline.processor.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sightline.schema.AgencyView;
import org.sightline.schema.IndicatorState;

/** The JSON form of an indicator's correlation state. */
public record IndicatorStateView(
    String indicator,
    String type,
    Instant firstSeen,
    Instant lastSeen,
    long sightingCount,
    Map<String, Agency> agencies,
    List<String> hostingCountries,
    Map<String, String> alerted,
    boolean overCorrelated,
    List<String> linked,
    List<String> iwolSupport,
    Instant iwolListedAt) {

  /** One agency's view. */
  public record Agency(
      String country,
      Instant firstSeen,
      Instant lastSeen,
      long count,
      String tlp,
      String category,
      int confidence,
      String caseRef,
      List<String> sightingIds) {}

  static IndicatorStateView from(IndicatorState s) {
    Map<String, Agency> agencies = new TreeMap<>();
    for (AgencyView v : s.getAgencies().values()) {
      agencies.put(
          v.getAgencyId(),
          new Agency(
              v.getCountry(),
              v.getFirstSeen(),
              v.getLastSeen(),
              v.getCount(),
              v.getTlp().name(),
              v.getCategory().name(),
              v.getConfidence(),
              v.getCaseRef(),
              List.copyOf(v.getSightingIds())));
    }
    return new IndicatorStateView(
        s.getIndicator(),
        s.getType().name(),
        s.getFirstSeen(),
        s.getLastSeen(),
        s.getSightingCount(),
        agencies,
        List.copyOf(s.getHostingCountries()),
        alerted(s),
        s.getOverCorrelated(),
        List.copyOf(s.getLinked()),
        List.copyOf(new java.util.TreeSet<>(s.getIwolSupport().keySet())),
        s.getIwolListedAt());
  }

  private static Map<String, String> alerted(IndicatorState s) {
    Map<String, String> alerted = new TreeMap<>();
    s.getMarks()
        .forEach(
            (reason, mark) ->
                alerted.put(reason, mark.getSeverity() + " to " + mark.getRecipients()));
    return alerted;
  }
}
