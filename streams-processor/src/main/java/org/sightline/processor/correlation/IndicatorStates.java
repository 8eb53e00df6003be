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
import org.sightline.schema.Retraction;
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
      return;
    }
    if (supportsIwol(s)
        && (role == EventRole.DERIVED || state.getType() == IndicatorType.DOMAIN)
        && observedAfterDelisting(state, s)) {
      upsert(state.getIwolSupport(), event, s, maxIds);
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
    // A same-agency re-sighting updates that agency's view: counts and last seen, not a new match.
    upsert(state.getAgencies(), event, s, maxIds);
    if (s.getHostingCountry() != null
        && !state.getHostingCountries().contains(s.getHostingCountry())) {
      List<String> hosting = new ArrayList<>(state.getHostingCountries());
      hosting.add(s.getHostingCountry());
      state.setHostingCountries(hosting);
    }
    mergeIdentification(state, event.getAgencyId(), s.getIdentification());
  }

  /** After the secretariat delisted a domain, only newer sightings may list it again. */
  private static boolean observedAfterDelisting(IndicatorState state, Sighting s) {
    return state.getIwolDelistedAt() == null
        || s.getObservedAt().isAfter(state.getIwolDelistedAt());
  }

  /** The "worst of" criteria a single sighting can meet: BASELINE_CSAM, shareable with entities. */
  static boolean supportsIwol(Sighting s) {
    return s.getCategory() == Category.BASELINE_CSAM
        && (s.getTlp() == Tlp.CLEAR || s.getTlp() == Tlp.GREEN);
  }

  private static void upsert(
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

  /** Any agency saying the victim (or offender) is identified, or naming a series, counts. */
  private static void mergeIdentification(
      IndicatorState state, String agencyId, Identification id) {
    if (id == null) {
      return;
    }
    Identification merged = state.getIdentification();
    if (merged == null) {
      merged = new Identification(null, null, null);
    }
    if (Boolean.TRUE.equals(id.getVictimIdentified())) {
      merged.setVictimIdentified(true);
    }
    if (Boolean.TRUE.equals(id.getOffenderIdentified())) {
      merged.setOffenderIdentified(true);
    }
    if (merged.getSeries() == null && id.getSeries() != null && !id.getSeries().isBlank()) {
      merged.setSeries(id.getSeries().strip());
    }
    state.setIdentification(merged);
    if (!state.getIdentifiedBy().contains(agencyId)) {
      List<String> by = new ArrayList<>(state.getIdentifiedBy());
      by.add(agencyId);
      state.setIdentifiedBy(by);
    }
  }

  /**
   * Withdraws one sighting, in the role it played here; false when the state holds no trace of it.
   */
  public static boolean retract(IndicatorState state, AttributedEvent event) {
    String agencyId = event.getAgencyId();
    String sightingId = ((Retraction) event.getPayload()).getSightingId();
    boolean changed = false;
    switch (event.getRole()) {
      case RELATED ->
          changed = removeLink(state.getLinks(), agencyId + ">" + event.getSourceKey(), sightingId);
      case NEAR_DUPLICATE ->
          changed =
              removeLink(
                  state.getNearDuplicates(), agencyId + ">" + event.getSourceKey(), sightingId);
      case DERIVED -> changed = removeFrom(state.getIwolSupport(), agencyId, sightingId, false);
      default -> {
        removeFrom(state.getIwolSupport(), agencyId, sightingId, false);
        if (removeFrom(state.getAgencies(), agencyId, sightingId, true)) {
          state.setSightingCount(Math.max(0, state.getSightingCount() - 1));
          changed = true;
        }
      }
    }
    return changed;
  }

  private static boolean removeLink(Map<String, LinkView> links, String key, String sightingId) {
    LinkView link = links.get(key);
    if (link == null || !link.getSightingIds().contains(sightingId)) {
      return false;
    }
    List<String> ids = new ArrayList<>(link.getSightingIds());
    ids.remove(sightingId);
    link.setSightingIds(ids);
    if (ids.isEmpty()) {
      links.remove(key);
    }
    return true;
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
    if (view.getCount() <= 0) {
      views.remove(agencyId);
    }
    return true;
  }

  public static SortedSet<String> countries(Map<String, AgencyView> views) {
    SortedSet<String> countries = new TreeSet<>();
    views.values().forEach(v -> countries.add(v.getCountry()));
    return countries;
  }
}
