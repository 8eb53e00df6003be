package org.sightline.processor.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.sightline.schema.AgencyView;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Category;
import org.sightline.schema.EventRole;
import org.sightline.schema.Identification;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.LinkView;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;

/** How one sighting or retraction changes an indicator's correlation state. */
public final class IndicatorStates {

  private IndicatorStates() {}

  /** A fresh state; the type comes from the key, since the event may be about another indicator. */
  public static IndicatorState empty(String key, Instant at) {
    String prefix = key.substring(0, Math.max(0, key.indexOf(':')));
    return IndicatorState.newBuilder()
        .setIndicator(key)
        .setType(IndicatorType.valueOf(prefix.toUpperCase(Locale.ROOT)))
        .setFirstSeen(at)
        .setLastSeen(at)
        .setSightingCount(0)
        .setAgencies(new HashMap<>())
        .setHostingCountries(new ArrayList<>())
        .setLinked(new ArrayList<>())
        .setMarks(new HashMap<>())
        .setIdentifiedBy(new ArrayList<>())
        .setIwolSupport(new HashMap<>())
        .setLinks(new HashMap<>())
        .setNearDuplicates(new HashMap<>())
        .build();
  }

  /** How many of the indicators on a domain that named it each agency's IWOL support keeps. */
  static final int MAX_SOURCES = 5;

  /** Adds a sighting, in the role it plays for this indicator. */
  public static void add(IndicatorState state, AttributedEvent event, int maxIds) {
    Sighting s = (Sighting) event.getPayload();
    EventRole role = event.getRole();
    if (role == EventRole.RELATED) {
      addLink(state, state.getLinks(), event, s, maxIds);
      return;
    }
    if (role == EventRole.NEAR_DUPLICATE) {
      addLink(state, state.getNearDuplicates(), event, s, maxIds);
      capVariants(state, state.getNearDuplicates(), event.getAgencyId(), maxIds);
      return;
    }
    if (supportsIwol(s)
        && (role == EventRole.DERIVED || state.getType() == IndicatorType.DOMAIN)
        && observedAfterDelisting(state, s)) {
      AgencyView support = upsert(state.getIwolSupport(), event, s, maxIds);
      // Its facts too: where the sighting says the site is hosted is evidence for the review.
      support.setSightings(Facts.add(support.getSightings(), Facts.of(s), maxIds));
      if (event.getSourceKey() != null) {
        // The URL or host the sighting named: a sample for the secretariat's review.
        List<String> sources = new ArrayList<>(support.getSources());
        sources.remove(event.getSourceKey());
        sources.add(0, event.getSourceKey());
        support.setSources(
            sources.size() > MAX_SOURCES
                ? new ArrayList<>(sources.subList(0, MAX_SOURCES))
                : sources);
      }
    }
    if (role == EventRole.DERIVED) {
      return;
    }
    Instant at = s.getObservedAt();
    state.setSightingCount(state.getSightingCount() + 1);
    if (at.isBefore(state.getFirstSeen())) {
      state.setFirstSeen(at);
    }
    if (at.isAfter(state.getLastSeen())) {
      state.setLastSeen(at);
    }
    AgencyView before = state.getAgencies().get(event.getAgencyId());
    if (before != null && before.getSightings().isEmpty()) {
      materialize(state, before);
    }
    // A same-agency re-sighting updates that agency's view: counts and last seen, not a new match.
    AgencyView view = upsert(state.getAgencies(), event, s, maxIds);
    view.setSightings(Facts.add(view.getSightings(), Facts.of(s), maxIds));
    derive(state);
  }

  /** After the secretariat delisted a domain, only newer sightings may list it again. */
  private static boolean observedAfterDelisting(IndicatorState state, Sighting s) {
    return state.getIwolDelistedAt() == null
        || s.getObservedAt().isAfter(state.getIwolDelistedAt());
  }

  /**
   * The "worst of" criteria a single sighting can meet: BASELINE_CSAM, shareable with entities
   * (CLEAR or GREEN, and not limited to named recipients: the list goes to private companies).
   */
  public static boolean supportsIwol(Sighting s) {
    return s.getCategory() == Category.BASELINE_CSAM
        && (s.getTlp() == Tlp.CLEAR || s.getTlp() == Tlp.GREEN)
        && s.getShareWith().isEmpty();
  }

  private static AgencyView upsert(
      Map<String, AgencyView> views, AttributedEvent event, Sighting s, int maxIds) {
    Instant at = s.getObservedAt();
    AgencyView view = views.get(event.getAgencyId());
    if (view == null) {
      view =
          AgencyView.newBuilder()
              .setAgencyId(event.getAgencyId())
              .setCountry(event.getCountry())
              .setFirstSeen(at)
              .setLastSeen(at)
              .setCount(0)
              .setTlp(s.getTlp())
              .setCategory(s.getCategory())
              .setConfidence(s.getConfidence())
              .setSightingIds(new ArrayList<>())
              .build();
      views.put(event.getAgencyId(), view);
    }
    view.setCount(view.getCount() + 1);
    if (!at.isBefore(view.getLastSeen())) {
      // The newest sighting sets the agency's current TLP, category and confidence.
      view.setLastSeen(at);
      view.setTlp(s.getTlp());
      view.setCategory(s.getCategory());
      view.setConfidence(s.getConfidence());
      view.setCaseRef(s.getCaseRef());
    }
    if (at.isBefore(view.getFirstSeen())) {
      view.setFirstSeen(at);
    }
    view.setSightingIds(appendCapped(view.getSightingIds(), s.getId(), maxIds));
    return view;
  }

  /**
   * Records that one agency's indicator ({@code event.sourceKey}) is tied to this one: names it as
   * related, or is a near-duplicate of it ({@code links} is then the near-duplicate map).
   */
  private static void addLink(
      IndicatorState state,
      Map<String, LinkView> links,
      AttributedEvent event,
      Sighting s,
      int maxIds) {
    String linkKey = event.getAgencyId() + ">" + event.getSourceKey();
    LinkView link = links.get(linkKey);
    if (link == null) {
      link =
          LinkView.newBuilder()
              .setAgencyId(event.getAgencyId())
              .setCountry(event.getCountry())
              .setSource(event.getSourceKey())
              .setTlp(s.getTlp())
              .setFirstSeen(s.getObservedAt())
              .setSightingIds(new ArrayList<>())
              .setDistance(event.getDistance())
              .build();
      links.put(linkKey, link);
    }
    // The most restrictive TLP among the agency's sightings of the link governs its disclosure.
    if (s.getTlp().compareTo(link.getTlp()) > 0) {
      link.setTlp(s.getTlp());
    }
    link.setSightingIds(appendCapped(link.getSightingIds(), s.getId(), maxIds));
    link.setSightings(Facts.add(link.getSightings(), Facts.of(s), maxIds));
    if (!state.getLinked().contains(event.getSourceKey())) {
      List<String> linked = new ArrayList<>(state.getLinked());
      linked.add(event.getSourceKey());
      state.setLinked(linked);
    }
  }

  /** Copied: a deserialised Avro array does not support every List operation. */
  private static List<String> appendCapped(List<String> ids, String id, int max) {
    List<String> copy = new ArrayList<>(ids);
    copy.add(id);
    return copy.size() > max ? new ArrayList<>(copy.subList(copy.size() - max, copy.size())) : copy;
  }

  /**
   * A view written before facts were kept becomes one fold of its own fields. What the state said
   * of identification goes with it when this agency said it ({@code identifiedBy}); hosting
   * countries only when it is the indicator's only agency: otherwise they cannot be traced to a
   * sighting, and might come from one this agency's viewers must not see, so they are dropped (a
   * new report of them brings them back).
   */
  private static void materialize(IndicatorState state, AgencyView view) {
    var fold = org.sightline.schema.SightingFacts.newBuilder(Facts.of(view).get(0)).build();
    if (state.getIdentifiedBy().contains(view.getAgencyId())) {
      fold.setIdentification(state.getIdentification());
    }
    if (state.getAgencies().size() == 1) {
      fold.setHostingCountries(new ArrayList<>(state.getHostingCountries()));
    }
    Map<String, org.sightline.schema.SightingFacts> facts = new HashMap<>();
    facts.put(Facts.FOLDED, fold);
    view.setSightings(facts);
  }

  /**
   * Hosting countries and identification, derived from the facts of every agency's sightings, so a
   * retraction takes back what its sighting alone said. Views written before facts were kept
   * contributed what they said then, and it stays until the view goes.
   */
  static void derive(IndicatorState state) {
    java.util.TreeSet<String> hosting = new java.util.TreeSet<>();
    Identification identification = null;
    List<String> identifiedBy = new ArrayList<>();
    boolean legacy = false;
    for (AgencyView view : state.getAgencies().values()) {
      if (view.getSightings().isEmpty()) {
        legacy = true;
        continue;
      }
      for (var f : view.getSightings().values()) {
        hosting.addAll(f.getHostingCountries());
        if (Facts.identifies(f.getIdentification())) {
          identification = Facts.merge(identification, f.getIdentification());
          if (!identifiedBy.contains(view.getAgencyId())) {
            identifiedBy.add(view.getAgencyId());
          }
        }
      }
    }
    if (legacy) {
      hosting.addAll(state.getHostingCountries());
      identification = Facts.merge(state.getIdentification(), identification);
      for (String agency : state.getIdentifiedBy()) {
        if (state.getAgencies().containsKey(agency) && !identifiedBy.contains(agency)) {
          identifiedBy.add(agency);
        }
      }
    }
    state.setHostingCountries(new ArrayList<>(hosting));
    state.setIdentification(identification);
    state.setIdentifiedBy(identifiedBy);
  }

  /**
   * Withdraws one sighting (retracted by its agency, or erased by the secretariat), in the role it
   * played here; false when the state holds no trace of it.
   */
  public static boolean retract(IndicatorState state, AttributedEvent event) {
    String agencyId = event.getAgencyId();
    String sightingId = SightingIds.of(event);
    boolean changed = false;
    switch (event.getRole()) {
      case RELATED ->
          changed =
              removeLink(
                  state, state.getLinks(), agencyId + ">" + event.getSourceKey(), sightingId);
      case NEAR_DUPLICATE ->
          changed =
              removeLink(
                  state,
                  state.getNearDuplicates(),
                  agencyId + ">" + event.getSourceKey(),
                  sightingId);
      case DERIVED -> changed = removeFrom(state.getIwolSupport(), agencyId, sightingId, false);
      default -> {
        removeFrom(state.getIwolSupport(), agencyId, sightingId, false);
        if (removeFrom(state.getAgencies(), agencyId, sightingId, true)) {
          state.setSightingCount(Math.max(0, state.getSightingCount() - 1));
          derive(state);
          changed = true;
        }
      }
    }
    return changed;
  }

  private static boolean removeLink(
      IndicatorState state, Map<String, LinkView> links, String key, String sightingId) {
    LinkView link = links.get(key);
    if (link == null || !link.getSightingIds().contains(sightingId)) {
      return false;
    }
    List<String> ids = new ArrayList<>(link.getSightingIds());
    ids.remove(sightingId);
    link.setSightingIds(ids);
    Map<String, org.sightline.schema.SightingFacts> facts =
        new java.util.HashMap<>(link.getSightings());
    facts.remove(sightingId);
    link.setSightings(facts);
    if (ids.isEmpty()) {
      dropLink(state, links, key);
    }
    return true;
  }

  /**
   * Removes a link, and its source from {@code linked} unless another link still has it: a
   * withdrawn or erased indicator must not stay named in another's state.
   */
  private static void dropLink(IndicatorState state, Map<String, LinkView> links, String key) {
    LinkView gone = links.remove(key);
    if (gone == null) {
      return;
    }
    String source = gone.getSource();
    boolean stillLinked =
        state.getLinks().values().stream().anyMatch(l -> l.getSource().equals(source))
            || state.getNearDuplicates().values().stream()
                .anyMatch(l -> l.getSource().equals(source));
    if (!stillLinked) {
      List<String> linked = new ArrayList<>(state.getLinked());
      linked.remove(source);
      state.setLinked(linked);
    }
  }

  /**
   * An image's root collects a link per variant: past {@code max} variants of one agency, its
   * oldest goes, so one agency's thousand re-encodings cannot grow the state without bound.
   */
  private static void capVariants(
      IndicatorState state, Map<String, LinkView> links, String agencyId, int max) {
    String prefix = agencyId + ">";
    List<Map.Entry<String, LinkView>> own =
        links.entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix))
            .sorted(
                java.util.Comparator.comparing(
                    (Map.Entry<String, LinkView> e) -> e.getValue().getFirstSeen()))
            .toList();
    for (int i = 0; i < own.size() - max; i++) {
      dropLink(state, links, own.get(i).getKey());
    }
  }

  /**
   * Removes a sighting from an agency's view. Agency views count every sighting but keep only the
   * newest ids, so a retraction of an older one still decrements the count ({@code countAlways}).
   */
  private static boolean removeFrom(
      Map<String, AgencyView> views, String agencyId, String sightingId, boolean countAlways) {
    AgencyView view = views.get(agencyId);
    if (view == null) {
      return false;
    }
    boolean listed = view.getSightingIds().contains(sightingId);
    if (!listed && !countAlways) {
      return false;
    }
    List<String> ids = new ArrayList<>(view.getSightingIds());
    ids.remove(sightingId);
    view.setSightingIds(ids);
    view.setCount(view.getCount() - 1);
    if (!view.getSightings().isEmpty()) {
      Map<String, org.sightline.schema.SightingFacts> facts =
          new java.util.HashMap<>(view.getSightings());
      if (facts.remove(sightingId) == null) {
        // An older sighting, folded: one fewer behind the fold, whose sharing stays as strict.
        org.sightline.schema.SightingFacts fold = facts.get(Facts.FOLDED);
        if (fold != null) {
          fold = org.sightline.schema.SightingFacts.newBuilder(fold).build();
          fold.setCount(fold.getCount() - 1);
          if (fold.getCount() <= 0) {
            facts.remove(Facts.FOLDED);
          } else {
            facts.put(Facts.FOLDED, fold);
          }
        }
      }
      view.setSightings(facts);
      if (!facts.isEmpty()) {
        // The newest sighting left sets the agency's current TLP, category and confidence.
        var newest = Facts.newest(List.copyOf(facts.values()));
        view.setLastSeen(newest.getObservedAt());
        view.setTlp(newest.getTlp());
        view.setCategory(newest.getCategory());
        view.setConfidence(newest.getConfidence());
        view.setCaseRef(newest.getCaseRef());
        view.setFirstSeen(Facts.oldest(List.copyOf(facts.values())));
      }
    }
    if (view.getCount() <= 0) {
      views.remove(agencyId);
    }
    return true;
  }

  /**
   * Whether the state holds nothing any more (every sighting withdrawn or erased, no listing, no
   * delisting to remember): the indicator is then forgotten, its key deleted.
   */
  /**
   * An agency withdrew its sighting as a false positive: the mark counts against this indicator
   * (its own, or the domain its URL supported; not an indicator it is merely linked to).
   */
  public static void markFalsePositive(IndicatorState state, AttributedEvent event) {
    if (event.getRole() == EventRole.RELATED || event.getRole() == EventRole.NEAR_DUPLICATE) {
      return;
    }
    Map<String, Long> marks = new HashMap<>(state.getFalsePositives());
    marks.merge(event.getAgencyId(), 1L, Long::sum);
    state.setFalsePositives(marks);
  }

  public static boolean holdsNothing(IndicatorState state) {
    return state.getAgencies().isEmpty()
        && state.getFalsePositives().isEmpty()
        && state.getLinks().isEmpty()
        && state.getNearDuplicates().isEmpty()
        && state.getIwolSupport().isEmpty()
        && state.getIwolListedAt() == null
        && state.getIwolDelistedAt() == null
        && state.getMarks().isEmpty();
  }

  public static SortedSet<String> countries(Map<String, AgencyView> views) {
    SortedSet<String> countries = new TreeSet<>();
    views.values().forEach(v -> countries.add(v.getCountry()));
    return countries;
  }
}
