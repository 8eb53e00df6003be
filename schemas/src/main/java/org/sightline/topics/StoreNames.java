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

  /** Repartition: sightings keyed by agency-scoped id. */
  public static final String BY_SIGHTING_ID = "by-sighting-id";

  /** Repartition: sightings keyed by canonical indicator. */
  public static final String BY_INDICATOR = "by-indicator";

  private StoreNames() {}
}
