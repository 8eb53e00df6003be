package org.sightline.processor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import org.sightline.client.ServiceConfig;
import org.sightline.processor.topology.ProcessorSettings;

/** The processor's settings. */
@ConfigMapping(prefix = "sightline")
public interface ProcessorConfig extends ServiceConfig {

  /**
   * Whether e-mail addresses, phone numbers and usernames must arrive as keyed-HMAC pseudonyms (see
   * the schemas README): a federation that turns this on stores none of them in clear.
   */
  @WithName("processor.pseudonyms-only")
  @io.smallrye.config.WithDefault(ProcessorSettings.DEFAULT_PSEUDONYMS_ONLY)
  boolean pseudonymsOnly();

  /**
   * How many partitions the intake topics have, as the provisioning made them ({@code
   * SIGHTLINE_PARTITIONS}, the launcher's setting): a record is in place when it sits in its
   * locality's partition among these. The processor's own repartition topics get as many.
   */
  @WithName("partitions")
  @io.smallrye.config.WithDefault(org.sightline.topics.Topics.DEFAULT_PARTITIONS)
  int partitions();

  @WithName("processor.max-sighting-ids-per-agency")
  @io.smallrye.config.WithDefault(ProcessorSettings.DEFAULT_MAX_SIGHTING_IDS_PER_AGENCY)
  int maxSightingIdsPerAgency();

  /** Above this many agencies an indicator is over-correlated. */
  @WithName("processor.max-agencies-per-indicator")
  @io.smallrye.config.WithDefault(ProcessorSettings.DEFAULT_MAX_AGENCIES_PER_INDICATOR)
  int maxAgenciesPerIndicator();

  /** Folder of warning lists ({@code *.txt}, one canonical key per line), re-read when changed. */
  @WithName("processor.warning-lists")
  Path warningLists();

  /** How many agencies, of how many countries, must support a domain for the "worst of" list. */
  @WithName("processor.iwol.min-agencies")
  @io.smallrye.config.WithDefault(ProcessorSettings.DEFAULT_IWOL_MIN_AGENCIES)
  int iwolMinAgencies();

  @WithName("processor.iwol.min-countries")
  @io.smallrye.config.WithDefault(ProcessorSettings.DEFAULT_IWOL_MIN_COUNTRIES)
  int iwolMinCountries();

  /** A supporting sighting observed longer ago than this no longer supports listing. */
  @WithName("processor.iwol.expiry")
  @io.smallrye.config.WithDefault(ProcessorSettings.DEFAULT_IWOL_EXPIRY)
  Duration iwolExpiry();

  @WithName("processor.iwol.expiry-check")
  @io.smallrye.config.WithDefault(ProcessorSettings.DEFAULT_IWOL_EXPIRY_CHECK)
  Duration iwolExpiryCheck();

  /**
   * Whether a domain that meets the rule is listed at once (a federation that trusts its rule); by
   * default it is proposed, and listed when the secretariat approves it.
   */
  @WithName("processor.iwol.auto-approve")
  @io.smallrye.config.WithDefault(ProcessorSettings.DEFAULT_IWOL_AUTO_APPROVE)
  boolean iwolAutoApprove();

  /** How often each task hands its per-minute counts to the dashboard series. */
  @WithName("processor.metrics.flush")
  @io.smallrye.config.WithDefault(ProcessorSettings.DEFAULT_METRICS_FLUSH)
  Duration metricsFlush();

  /** How many distinct PDQ hashes the near-duplicate index holds at most (heap: ~100 B each). */
  @WithName("processor.pdq.max-hashes")
  @io.smallrye.config.WithDefault(ProcessorSettings.DEFAULT_PDQ_MAX_HASHES)
  int pdqMaxHashes();
}
