package org.sightline.processor.topology;

import java.time.Duration;
import org.sightline.processor.correlation.WarningLists;
import org.sightline.topics.Topics;

/**
 * What the topology is built from, besides the member directory and the serdes.
 *
 * @param maxSightingIdsPerAgency how many sighting ids each agency's view of an indicator keeps for
 *     provenance (the newest); counts are kept in full
 * @param maxAgenciesPerIndicator above this many agencies an indicator is over-correlated: flagged
 *     to the secretariat once and no longer alerted
 * @param warningLists known-benign values that are over-correlated from their first sighting
 * @param iwolMinAgencies how many agencies must support a domain for the "worst of" list
 * @param iwolMinCountries of how many countries
 * @param iwolExpiry a supporting sighting older than this (by when it was observed) no longer
 *     supports listing; a domain whose support falls below the threshold leaves the list
 * @param iwolExpiryCheck how often (wall-clock) listed domains are checked for expiry, so a domain
 *     expires even when nothing more is reported about it
 * @param iwolAutoApprove whether a domain that meets the rule is listed at once; when false (the
 *     default) it is proposed to the secretariat, whose approval lists it
 * @param metricsFlush how often (wall-clock) each task hands its per-minute counts to the dashboard
 *     series; the delay a dashboard sees
 * @param pdqMaxHashes how many distinct PDQ hashes the near-duplicate index holds (about 100 bytes
 *     of heap each); beyond it new hashes are still matched but no longer added
 * @param pseudonymsOnly whether personal identifiers must arrive as keyed-HMAC pseudonyms
 * @param partitions how many partitions the intake topics have (every one the same): a record is in
 *     its place when it is in its locality's partition among these; the processor's own repartition
 *     topics get as many
 */
public record ProcessorSettings(
    int maxSightingIdsPerAgency,
    int maxAgenciesPerIndicator,
    WarningLists warningLists,
    int iwolMinAgencies,
    int iwolMinCountries,
    Duration iwolExpiry,
    Duration iwolExpiryCheck,
    boolean iwolAutoApprove,
    Duration metricsFlush,
    int pdqMaxHashes,
    boolean pseudonymsOnly,
    int partitions) {

  // Each default once: the processor's configuration (@WithDefault) and defaults() use these.
  public static final String DEFAULT_MAX_SIGHTING_IDS_PER_AGENCY = "50";
  public static final String DEFAULT_MAX_AGENCIES_PER_INDICATOR = "25";
  public static final String DEFAULT_IWOL_MIN_AGENCIES = "2";
  public static final String DEFAULT_IWOL_MIN_COUNTRIES = "2";
  public static final String DEFAULT_IWOL_EXPIRY = "P90D";
  public static final String DEFAULT_IWOL_EXPIRY_CHECK = "PT1M";
  public static final String DEFAULT_IWOL_AUTO_APPROVE = "false";
  public static final String DEFAULT_METRICS_FLUSH = "PT5S";
  public static final String DEFAULT_PDQ_MAX_HASHES = "5000000";
  public static final String DEFAULT_PSEUDONYMS_ONLY = "false";

  public static ProcessorSettings defaults() {
    return new ProcessorSettings(
        Integer.parseInt(DEFAULT_MAX_SIGHTING_IDS_PER_AGENCY),
        Integer.parseInt(DEFAULT_MAX_AGENCIES_PER_INDICATOR),
        WarningLists.none(),
        Integer.parseInt(DEFAULT_IWOL_MIN_AGENCIES),
        Integer.parseInt(DEFAULT_IWOL_MIN_COUNTRIES),
        Duration.parse(DEFAULT_IWOL_EXPIRY),
        Duration.parse(DEFAULT_IWOL_EXPIRY_CHECK),
        Boolean.parseBoolean(DEFAULT_IWOL_AUTO_APPROVE),
        Duration.parse(DEFAULT_METRICS_FLUSH),
        Integer.parseInt(DEFAULT_PDQ_MAX_HASHES),
        Boolean.parseBoolean(DEFAULT_PSEUDONYMS_ONLY),
        Integer.parseInt(Topics.DEFAULT_PARTITIONS));
  }

  public ProcessorSettings withWarningLists(WarningLists lists) {
    return new ProcessorSettings(
        maxSightingIdsPerAgency,
        maxAgenciesPerIndicator,
        lists,
        iwolMinAgencies,
        iwolMinCountries,
        iwolExpiry,
        iwolExpiryCheck,
        iwolAutoApprove,
        metricsFlush,
        pdqMaxHashes,
        pseudonymsOnly,
        partitions);
  }

  public ProcessorSettings withMaxAgenciesPerIndicator(int max) {
    return new ProcessorSettings(
        maxSightingIdsPerAgency,
        max,
        warningLists,
        iwolMinAgencies,
        iwolMinCountries,
        iwolExpiry,
        iwolExpiryCheck,
        iwolAutoApprove,
        metricsFlush,
        pdqMaxHashes,
        pseudonymsOnly,
        partitions);
  }

  public ProcessorSettings withIwolExpiry(Duration expiry) {
    return new ProcessorSettings(
        maxSightingIdsPerAgency,
        maxAgenciesPerIndicator,
        warningLists,
        iwolMinAgencies,
        iwolMinCountries,
        expiry,
        iwolExpiryCheck,
        iwolAutoApprove,
        metricsFlush,
        pdqMaxHashes,
        pseudonymsOnly,
        partitions);
  }

  public ProcessorSettings withIwolAutoApprove(boolean auto) {
    return new ProcessorSettings(
        maxSightingIdsPerAgency,
        maxAgenciesPerIndicator,
        warningLists,
        iwolMinAgencies,
        iwolMinCountries,
        iwolExpiry,
        iwolExpiryCheck,
        auto,
        metricsFlush,
        pdqMaxHashes,
        pseudonymsOnly,
        partitions);
  }

  public ProcessorSettings withPartitions(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("partitions: must be at least 1, was " + count);
    }
    return new ProcessorSettings(
        maxSightingIdsPerAgency,
        maxAgenciesPerIndicator,
        warningLists,
        iwolMinAgencies,
        iwolMinCountries,
        iwolExpiry,
        iwolExpiryCheck,
        iwolAutoApprove,
        metricsFlush,
        pdqMaxHashes,
        pseudonymsOnly,
        count);
  }

  /**
   * In a federation that matches personal identifiers as keyed-HMAC pseudonyms, an e-mail address,
   * phone number or username in clear is refused (and not echoed into the rejection).
   */
  public ProcessorSettings withPseudonymsOnly(boolean only) {
    return new ProcessorSettings(
        maxSightingIdsPerAgency,
        maxAgenciesPerIndicator,
        warningLists,
        iwolMinAgencies,
        iwolMinCountries,
        iwolExpiry,
        iwolExpiryCheck,
        iwolAutoApprove,
        metricsFlush,
        pdqMaxHashes,
        only,
        partitions);
  }
}
