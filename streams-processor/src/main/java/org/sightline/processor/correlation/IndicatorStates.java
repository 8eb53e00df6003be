package org.sightline.processor.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.sightline.schema.AgencyView;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Identification;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.Sighting;

/** How one sighting or retraction changes an indicator's correlation state. */
public final class IndicatorStates {

  private IndicatorStates() {}

  public static IndicatorState empty(String key, Sighting first) {
    return IndicatorState.newBuilder()
        .setIndicator(key)
        .setType(first.getIndicator().getType())
        .setFirstSeen(first.getObservedAt())
        .setLastSeen(first.getObservedAt())
        .setSightingCount(0)
        .setAgencies(new HashMap<>())
        .setHostingCountries(new ArrayList<>())
        .setLinked(new ArrayList<>())
        .setMarks(new HashMap<>())
        .setIdentifiedBy(new ArrayList<>())
        .build();
  }

  /** Adds a sighting; a same-agency re-sighting updates that agency's view, not the match. */
  public static void add(IndicatorState state, AttributedEvent event, int maxIds) {
    Sighting s = (Sighting) event.getPayload();
    Instant at = s.getObservedAt();
    state.setSightingCount(state.getSightingCount() + 1);
    if (at.isBefore(state.getFirstSeen())) {
      state.setFirstSeen(at);
    }
    if (at.isAfter(state.getLastSeen())) {
      state.setLastSeen(at);
    }
    AgencyView view = state.getAgencies().get(event.getAgencyId());
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
      state.getAgencies().put(event.getAgencyId(), view);
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
    // Copied: a deserialised Avro array does not support every List operation.
    List<String> ids = new ArrayList<>(view.getSightingIds());
    ids.add(s.getId());
    view.setSightingIds(ids.size() > maxIds ? ids.subList(ids.size() - maxIds, ids.size()) : ids);
    if (s.getHostingCountry() != null
        && !state.getHostingCountries().contains(s.getHostingCountry())) {
      List<String> hosting = new ArrayList<>(state.getHostingCountries());
      hosting.add(s.getHostingCountry());
      state.setHostingCountries(hosting);
    }
    mergeIdentification(state, event.getAgencyId(), s.getIdentification());
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

  /** Withdraws one sighting; returns false when the state holds no trace of it. */
  public static boolean retract(IndicatorState state, String agencyId, String sightingId) {
    AgencyView view = state.getAgencies().get(agencyId);
    if (view == null) {
      return false;
    }
    List<String> ids = new ArrayList<>(view.getSightingIds());
    ids.remove(sightingId);
    view.setSightingIds(ids);
    view.setCount(view.getCount() - 1);
    state.setSightingCount(Math.max(0, state.getSightingCount() - 1));
    if (view.getCount() <= 0) {
      state.getAgencies().remove(agencyId);
    }
    return true;
  }

  public static SortedSet<String> countries(IndicatorState state) {
    SortedSet<String> countries = new TreeSet<>();
    state.getAgencies().values().forEach(v -> countries.add(v.getCountry()));
    return countries;
  }
}
