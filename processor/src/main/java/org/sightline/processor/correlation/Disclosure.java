package org.sightline.processor.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.sightline.schema.AgencyView;
import org.sightline.schema.Identification;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.LinkView;
import org.sightline.schema.SightingFacts;
import org.sightline.schema.Tlp;

/**
 * What a viewer may learn of one sighting, and of an indicator's state as a whole — the one place
 * that decides it for every output: alerts (rendered from the state as each recipient may see it),
 * the interactive query behind the console, and whatever is built on them. Pure functions, so every
 * cell of the rule table is tested on its own and a property test can walk random feeds.
 *
 * <table>
 *   <tr><th>the sighting</th><th>secretariat</th><th>the reporting agency</th>
 *       <th>its own country</th><th>another country</th></tr>
 *   <tr><td>CLEAR, GREEN</td><td>full</td><td>full</td><td>full</td><td>full</td></tr>
 *   <tr><td>AMBER</td><td>full</td><td>full</td><td>full</td><td>no case reference</td></tr>
 *   <tr><td>AMBER+STRICT, RED</td><td>full</td><td>full</td><td>hidden</td><td>hidden</td></tr>
 *   <tr><td>named recipients (shareWith)</td><td>full</td><td>full</td>
 *       <td colspan="2">hidden unless named, then as its TLP allows</td></tr>
 * </table>
 *
 * A country is the viewer of its alert topic, which every agency of the country reads: so a country
 * sees only what all its agencies may see, and its own agencies' RED and AMBER+STRICT sightings are
 * hidden from it too. Hidden means hidden whole: the sighting's id, agency, case reference, hosting
 * country, identification and links; the most a viewer learns of it is a hit/no-hit notice when it
 * holds the same indicator.
 */
public final class Disclosure {

  /** How much of one sighting a viewer sees. */
  public enum Level {
    FULL,
    NO_CASE_REFERENCE,
    HIDDEN
  }

  private Disclosure() {}

  /** What {@code viewer} sees of one sighting of {@code agency} (of {@code agencyCountry}). */
  public static Level of(String agency, String agencyCountry, SightingFacts facts, Viewer viewer) {
    return of(agency, agencyCountry, facts.getTlp(), facts.getShareWith(), viewer);
  }

  public static Level of(
      String agency, String agencyCountry, Tlp tlp, List<String> shareWith, Viewer viewer) {
    if (viewer.isSecretariat() || agency.equals(viewer.agency())) {
      return Level.FULL;
    }
    if (tlp == Tlp.RED || tlp == Tlp.AMBER_STRICT) {
      return Level.HIDDEN;
    }
    if (!shareWith.isEmpty() && !shareWith.contains(viewer.country())) {
      return Level.HIDDEN;
    }
    if (agencyCountry.equals(viewer.country())) {
      return Level.FULL;
    }
    return tlp == Tlp.AMBER ? Level.NO_CASE_REFERENCE : Level.FULL;
  }

  /** Whether the viewer sees anything of the agency view (at least one of its sightings). */
  public static boolean visible(AgencyView view, Viewer viewer) {
    return Facts.of(view).stream()
        .anyMatch(f -> of(view.getAgencyId(), view.getCountry(), f, viewer) != Level.HIDDEN);
  }

  /**
   * The indicator's state as {@code viewer} may see it: every agency view, link and near-duplicate
   * cut to the sightings the viewer may see (gone when none is left), case references dropped where
   * the viewer gets none, and everything derived from the sightings (counts, first and last seen,
   * hosting countries, identification, linked indicators) derived again from what is left. The
   * alert rules run on it, so a recipient is alerted only for what it may see; the interactive
   * query answers with it. The secretariat gets the state itself.
   */
  public static IndicatorState project(IndicatorState state, Viewer viewer) {
    if (viewer.isSecretariat()) {
      return state;
    }
    // A shallow copy: every field this method does not set again is shared, read-only, with the
    // state. A deep copy (newBuilder(state)) cost a tenth of the stream thread, once per viewer
    // per event.
    IndicatorState out = new IndicatorState();
    for (org.apache.avro.Schema.Field field : IndicatorState.getClassSchema().getFields()) {
      out.put(field.pos(), state.get(field.pos()));
    }
    Map<String, AgencyView> agencies = new HashMap<>();
    TreeSet<String> hosting = new TreeSet<>();
    Identification identification = null;
    List<String> identifiedBy = new ArrayList<>();
    boolean legacy = false;
    boolean anyHidden = false;
    for (AgencyView view : state.getAgencies().values()) {
      legacy |= view.getSightings().isEmpty();
      List<SightingFacts> seen = new ArrayList<>();
      for (SightingFacts f : Facts.of(view)) {
        Level level = of(view.getAgencyId(), view.getCountry(), f, viewer);
        if (level == Level.HIDDEN) {
          anyHidden = true;
        } else {
          seen.add(level == Level.FULL ? f : withoutCaseRef(f));
        }
      }
      if (seen.isEmpty()) {
        continue;
      }
      agencies.put(view.getAgencyId(), view(view, seen));
      for (SightingFacts f : seen) {
        hosting.addAll(f.getHostingCountries());
        if (Facts.identifies(f.getIdentification())) {
          identification = Facts.merge(identification, f.getIdentification());
          if (!identifiedBy.contains(view.getAgencyId())) {
            identifiedBy.add(view.getAgencyId());
          }
        }
      }
    }
    if (legacy && !anyHidden) {
      // State from before facts were kept: its hosting and identification cannot be traced to a
      // sighting, so they are shown only when the viewer sees every sighting.
      hosting.addAll(state.getHostingCountries());
      if (state.getIdentification() != null) {
        identification = Facts.merge(identification, state.getIdentification());
        identifiedBy = new ArrayList<>(new TreeSet<>(state.getIdentifiedBy()));
      }
    }
    out.setAgencies(agencies);
    out.setHostingCountries(new ArrayList<>(hosting));
    out.setIdentification(identification);
    out.setIdentifiedBy(identifiedBy);
    out.setLinks(links(state.getLinks(), viewer));
    out.setNearDuplicates(links(state.getNearDuplicates(), viewer));
    TreeSet<String> linked = new TreeSet<>();
    out.getLinks().values().forEach(l -> linked.add(l.getSource()));
    out.getNearDuplicates().values().forEach(l -> linked.add(l.getSource()));
    out.setLinked(new ArrayList<>(linked));
    out.setSightingCount(agencies.values().stream().mapToLong(AgencyView::getCount).sum());
    agencies.values().stream()
        .map(AgencyView::getFirstSeen)
        .min(Comparator.naturalOrder())
        .ifPresent(out::setFirstSeen);
    agencies.values().stream()
        .map(AgencyView::getLastSeen)
        .max(Comparator.naturalOrder())
        .ifPresent(out::setLastSeen);
    // The secretariat's business: who supports a listing, and what was alerted to whom.
    out.setIwolSupport(new HashMap<>());
    out.setMarks(new HashMap<>());
    return out;
  }

  /** The view cut to {@code seen}, its summary fields derived from them. */
  private static AgencyView view(AgencyView view, List<SightingFacts> seen) {
    SightingFacts newest = Facts.newest(seen);
    Map<String, SightingFacts> byId = new HashMap<>();
    seen.forEach(f -> byId.put(f.getId(), f));
    return AgencyView.newBuilder()
        .setAgencyId(view.getAgencyId())
        .setCountry(view.getCountry())
        .setFirstSeen(Facts.oldest(seen))
        .setLastSeen(newest.getObservedAt())
        .setCount(Facts.count(seen))
        .setTlp(newest.getTlp())
        .setCategory(newest.getCategory())
        .setConfidence(newest.getConfidence())
        .setCaseRef(
            seen.stream()
                .filter(f -> f.getCaseRef() != null)
                .max(Comparator.comparing(SightingFacts::getObservedAt))
                .map(SightingFacts::getCaseRef)
                .orElse(null))
        .setSightingIds(new ArrayList<>(Facts.ids(seen)))
        .setSightings(byId)
        .build();
  }

  private static Map<String, LinkView> links(Map<String, LinkView> links, Viewer viewer) {
    Map<String, LinkView> out = new HashMap<>();
    links.forEach(
        (key, link) -> {
          List<SightingFacts> seen = new ArrayList<>();
          for (SightingFacts f : Facts.of(link)) {
            if (of(link.getAgencyId(), link.getCountry(), f, viewer) != Level.HIDDEN) {
              seen.add(withoutCaseRef(f));
            }
          }
          if (!seen.isEmpty()) {
            Map<String, SightingFacts> byId = new HashMap<>();
            seen.forEach(f -> byId.put(f.getId(), f));
            Instant first = Facts.oldest(seen);
            out.put(
                key,
                LinkView.newBuilder(link)
                    .setTlp(
                        seen.stream()
                            .map(SightingFacts::getTlp)
                            .max(Comparator.naturalOrder())
                            .orElseThrow())
                    .setFirstSeen(first.isAfter(link.getFirstSeen()) ? first : link.getFirstSeen())
                    .setSightingIds(new ArrayList<>(Facts.ids(seen)))
                    .setSightings(byId)
                    .build());
          }
        });
    return out;
  }

  private static SightingFacts withoutCaseRef(SightingFacts f) {
    if (f.getCaseRef() == null) {
      return f;
    }
    SightingFacts copy = SightingFacts.newBuilder(f).build();
    copy.setCaseRef(null);
    return copy;
  }
}
