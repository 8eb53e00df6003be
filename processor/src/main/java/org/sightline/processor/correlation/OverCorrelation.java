package org.sightline.processor.correlation;

import org.sightline.alerts.AlertMessage;
import org.sightline.schema.IndicatorState;

/**
 * A value that correlates with too much is no lead: a CDN domain, a URL shortener, the empty-file
 * hash. Such an indicator is flagged once to the secretariat and then summarised instead of
 * alerting every recipient at every sighting (MISP learned this the hard way).
 */
public final class OverCorrelation {

  private final int maxAgencies;
  private final WarningLists warningLists;
  private final WarningLists.Managed managed;

  public OverCorrelation(int maxAgencies, WarningLists warningLists) {
    this(maxAgencies, warningLists, WarningLists.Managed.NONE);
  }

  private OverCorrelation(
      int maxAgencies, WarningLists warningLists, WarningLists.Managed managed) {
    this.maxAgencies = maxAgencies;
    this.warningLists = warningLists;
    this.managed = managed;
  }

  /** The same rule, with the managed lists as one task's global store holds them. */
  public OverCorrelation with(WarningLists.Managed lists) {
    return new OverCorrelation(maxAgencies, warningLists, lists);
  }

  /** A known-benign value: never alerted, never listed in the IWOL. */
  public boolean warningListed(IndicatorState state) {
    return warningLists.matches(state.getIndicator(), managed);
  }

  /**
   * Why an indicator is held back: the text the alert id is made from (as before message keys, so a
   * replay gives the same id), and the message it is told with.
   */
  public record Why(String text, AlertMessage message, java.util.Map<String, String> params) {}

  /** Why this indicator is over-correlated, or {@code null} when it is not. */
  public Why reason(IndicatorState state) {
    if (warningListed(state)) {
      return new Why(
          "it is on a warning list of known-benign values",
          AlertMessage.OVER_CORRELATED_LIST,
          java.util.Map.of());
    }
    // For an image, the agencies behind any variant of it: a cluster is capped like a key.
    java.util.Set<String> behind = new java.util.HashSet<>(state.getAgencies().keySet());
    state.getNearDuplicates().values().forEach(copy -> behind.add(copy.getAgencyId()));
    if (behind.size() > maxAgencies) {
      return new Why(
          "it was reported by more than " + maxAgencies + " agencies",
          AlertMessage.OVER_CORRELATED_AGENCIES,
          AlertMessage.params("max", String.valueOf(maxAgencies)));
    }
    return null;
  }
}
