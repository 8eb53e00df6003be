package org.sightline.processor;

import java.time.Duration;

/**
 * What the topology is built from, besides the member directory and the serdes.
 *
 * @param dedupeRetention how long a sighting id is remembered: a retry or replay within it has no
 *     effect; a retraction must come within it
 * @param maxSightingIdsPerAgency how many sighting ids each agency's view of an indicator keeps for
 *     provenance (the newest); counts are kept in full
 */
public record ProcessorSettings(Duration dedupeRetention, int maxSightingIdsPerAgency) {

  public static ProcessorSettings defaults() {
    return new ProcessorSettings(Duration.ofDays(30), 50);
  }
}
