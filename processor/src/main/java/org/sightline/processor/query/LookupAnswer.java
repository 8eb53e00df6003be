package org.sightline.processor.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.sightline.processor.correlation.Disclosure;
import org.sightline.processor.correlation.Facts;
import org.sightline.processor.correlation.Viewer;
import org.sightline.schema.AgencyView;
import org.sightline.schema.Identification;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.SightingFacts;

/**
 * What an agency learns of one indicator by asking whether it is known: a summary (counts, not
 * names) of what it may see under the one disclosure function the alerts use ({@link
 * Disclosure#project}), never an agency, a case or a sighting of another agency. Facts it may not
 * see (TLP RED, AMBER+STRICT, named recipients that leave its country out) answer as a hit and
 * nothing more: {@code disclosure} {@code HIT_NO_HIT} when they are all there is, {@code
 * undisclosedHolders} beside the details otherwise.
 *
 * @param disclosure {@code DETAILS} or {@code HIT_NO_HIT}; null when not known
 * @param yours whether the asking agency holds sightings of it itself
 * @param iwolListedAt for a URL, a host or a domain: when its registrable domain entered the "worst
 *     of" list (null while it is not on it); that list is shared with access providers anyway
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LookupAnswer(
    String key,
    boolean known,
    String disclosure,
    Integer agencies,
    Integer countries,
    Long sightings,
    Instant firstSeen,
    Instant lastSeen,
    List<String> categories,
    Identified identification,
    List<String> linked,
    Boolean undisclosedHolders,
    Boolean yours,
    Instant iwolListedAt) {

  /** Whether the material is identified, merged from the sightings the viewer may see. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Identified(Boolean victimIdentified, Boolean offenderIdentified, String series) {}

  public static final String DETAILS = "DETAILS";
  public static final String HIT_NO_HIT = "HIT_NO_HIT";

  static LookupAnswer unknown(String key) {
    return new LookupAnswer(
        key, false, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * @param state the indicator's state, null when nobody reported it
   * @param domain its registrable domain's state, for the "worst of" list; null when none
   */
  public static LookupAnswer of(
      String key, IndicatorState state, IndicatorState domain, Viewer viewer) {
    Instant listedAt = domain == null ? null : domain.getIwolListedAt();
    boolean reported = state != null && !state.getAgencies().isEmpty();
    if (!reported && listedAt == null) {
      return unknown(key);
    }
    IndicatorState seen = reported ? Disclosure.project(state, viewer) : null;
    boolean undisclosed = reported && hidesAnything(state, viewer);
    if ((seen == null || seen.getAgencies().isEmpty()) && listedAt == null) {
      // Only facts the viewer may not see: that someone holds it, and nothing else.
      return new LookupAnswer(
          key, true, HIT_NO_HIT, null, null, null, null, null, null, null, null, null, null, null);
    }
    if (seen == null || seen.getAgencies().isEmpty()) {
      // Listed, and the sightings behind the listing are not the viewer's to see.
      return new LookupAnswer(
          key,
          true,
          DETAILS,
          0,
          0,
          0L,
          null,
          null,
          List.of(),
          null,
          List.of(),
          undisclosed ? true : null,
          false,
          listedAt);
    }
    TreeSet<String> countries = new TreeSet<>();
    TreeSet<String> categories = new TreeSet<>();
    for (AgencyView v : seen.getAgencies().values()) {
      countries.add(v.getCountry());
      categories.add(v.getCategory().name());
    }
    Identification id = seen.getIdentification();
    return new LookupAnswer(
        key,
        true,
        DETAILS,
        seen.getAgencies().size(),
        countries.size(),
        seen.getSightingCount(),
        seen.getFirstSeen(),
        seen.getLastSeen(),
        new ArrayList<>(categories),
        id == null
            ? null
            : new Identified(id.getVictimIdentified(), id.getOffenderIdentified(), id.getSeries()),
        List.copyOf(seen.getLinked()),
        undisclosed ? true : null,
        viewer.agency() != null && seen.getAgencies().containsKey(viewer.agency()),
        listedAt);
  }

  /** Whether any sighting of the state is hidden from the viewer. */
  static boolean hidesAnything(IndicatorState state, Viewer viewer) {
    for (AgencyView v : state.getAgencies().values()) {
      for (SightingFacts f : Facts.of(v)) {
        if (Disclosure.of(v.getAgencyId(), v.getCountry(), f, viewer) == Disclosure.Level.HIDDEN) {
          return true;
        }
      }
    }
    return false;
  }
}
