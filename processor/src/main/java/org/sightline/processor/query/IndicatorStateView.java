package org.sightline.processor.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sightline.processor.correlation.Disclosure;
import org.sightline.processor.correlation.Facts;
import org.sightline.processor.correlation.Viewer;
import org.sightline.schema.AgencyView;
import org.sightline.schema.Identification;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.SightingFacts;

/**
 * The JSON form of an indicator's correlation state, as one viewer may see it: cut by {@link
 * Disclosure#project}, the same function the alerts are written with. Only the secretariat sees
 * what was alerted to whom and who supports a listing.
 */
public record IndicatorStateView(
    String indicator,
    String type,
    String viewer,
    Instant firstSeen,
    Instant lastSeen,
    long sightingCount,
    Map<String, Agency> agencies,
    List<String> hostingCountries,
    Identified identification,
    Map<String, String> alerted,
    boolean overCorrelated,
    List<String> linked,
    List<String> iwolSupport,
    Instant iwolListedAt) {

  /** One agency's view, as far as the viewer may see it. */
  public record Agency(
      String country,
      Instant firstSeen,
      Instant lastSeen,
      long count,
      String tlp,
      List<String> shareWith,
      String category,
      int confidence,
      String caseRef,
      List<String> sightingIds) {}

  /** Whether the material is identified, and by which agencies (as the viewer may see them). */
  public record Identified(
      Boolean victimIdentified, Boolean offenderIdentified, String series, List<String> by) {}

  /**
   * The state as {@code viewer} may see it; null when it may see nothing of it (which answers as
   * "not found": whether anyone reported an indicator is itself not the viewer's to learn).
   */
  public static IndicatorStateView from(IndicatorState full, Viewer viewer) {
    IndicatorState s = Disclosure.project(full, viewer);
    if (!viewer.isSecretariat() && s.getAgencies().isEmpty()) {
      return null;
    }
    Map<String, Agency> agencies = new TreeMap<>();
    for (AgencyView v : s.getAgencies().values()) {
      TreeSet<String> shareWith = new TreeSet<>();
      for (SightingFacts f : Facts.of(v)) {
        shareWith.addAll(f.getShareWith());
      }
      agencies.put(
          v.getAgencyId(),
          new Agency(
              v.getCountry(),
              v.getFirstSeen(),
              v.getLastSeen(),
              v.getCount(),
              v.getTlp() == org.sightline.schema.Tlp.AMBER_STRICT
                  ? "AMBER+STRICT"
                  : v.getTlp().name(),
              new ArrayList<>(shareWith),
              v.getCategory().name(),
              v.getConfidence(),
              v.getCaseRef(),
              List.copyOf(v.getSightingIds())));
    }
    Identification id = s.getIdentification();
    return new IndicatorStateView(
        s.getIndicator(),
        s.getType().name(),
        viewer.recipient(),
        s.getFirstSeen(),
        s.getLastSeen(),
        s.getSightingCount(),
        agencies,
        List.copyOf(s.getHostingCountries()),
        id == null
            ? null
            : new Identified(
                id.getVictimIdentified(),
                id.getOffenderIdentified(),
                id.getSeries(),
                List.copyOf(s.getIdentifiedBy())),
        alerted(s),
        s.getOverCorrelated(),
        List.copyOf(s.getLinked()),
        List.copyOf(new TreeSet<>(s.getIwolSupport().keySet())),
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
