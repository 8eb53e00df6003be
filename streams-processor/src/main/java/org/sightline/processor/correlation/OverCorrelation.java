package org.sightline.processor.correlation;

import org.sightline.schema.IndicatorState;

/**
 * A value that correlates with too much is no lead: a CDN domain, a URL shortener, the empty-file
 * hash. Such an indicator is flagged once to the secretariat and then summarised instead of
 * alerting every recipient at every sighting (MISP learned this the hard way).
 */
public final class OverCorrelation {

  private final int maxAgencies;
  private final WarningLists warningLists;

  public OverCorrelation(int maxAgencies, WarningLists warningLists) {
    this.maxAgencies = maxAgencies;
    this.warningLists = warningLists;
  }

  /** A known-benign value: never alerted, never listed in the IWOL. */
  public boolean warningListed(IndicatorState state) {
    return warningLists.contains(state.getIndicator());
  }

  /** Why this indicator is over-correlated, or {@code null} when it is not. */
  public String reason(IndicatorState state) {
    if (warningLists.contains(state.getIndicator())) {
      return "it is on a warning list of known-benign values";
    }
    // For an image, the agencies behind any variant of it: a cluster is capped like a key.
    java.util.Set<String> behind = new java.util.HashSet<>(state.getAgencies().keySet());
    state.getNearDuplicates().values().forEach(copy -> behind.add(copy.getAgencyId()));
    if (behind.size() > maxAgencies) {
      return "it was reported by more than " + maxAgencies + " agencies";
    }
    return null;
  }
}
