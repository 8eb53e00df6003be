package org.sightline.topics;

/**
 * Names of the processor's state stores and internal topics. They are part of the contract:
 * interactive queries address stores by these names, and renaming one would orphan its changelog.
 */
public final class StoreNames {

  /** The application id of the correlation processor; prefixes its internal topics. */
  public static final String PROCESSOR_APPLICATION_ID = "sightline-processor";

  /** Sighting ids already processed (agency-scoped), for deduplication. */
  public static final String SEEN_SIGHTINGS = "seen-sightings";

  /** Per-indicator correlation state. */
  public static final String INDICATOR_STATE = "indicator-state";

  /** Repartition: sightings keyed by canonical indicator. */
  public static final String BY_INDICATOR = "by-indicator";

  /** The domains on the "worst of" list and their newest support, checked for expiry. */
  public static final String IWOL_LISTED = "iwol-listed";

  /** Per-task counts of sightings per series and minute, not yet handed on. */
  public static final String SIGHTING_METRICS_PENDING = "sighting-metrics-pending";

  /** Per-task counts of alerts per series and minute, not yet handed on. */
  public static final String ALERT_METRICS_PENDING = "alert-metrics-pending";

  /** Repartition: per-task counts keyed by series, summed across tasks. */
  public static final String BY_METRIC_SERIES = "by-metric-series";

  /** Counts per series and minute, across all tasks (the dashboards' source). */
  public static final String METRICS_PER_MINUTE = "metrics-per-minute";

  /** Every PDQ hash seen (sequence → hex), from which the near-duplicate index is rebuilt. */
  public static final String PDQ_HASHES = "pdq-hashes";

  /** Repartition: every PDQ sighting to one partition, where the whole index lives. */
  public static final String ALL_PDQ = "all-pdq";

  private StoreNames() {}
}
