package org.sightline.topics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.IndicatorState;

/**
 * Names of the processor's state stores and internal topics. They are part of the contract:
 * interactive queries address stores by these names, and renaming one would orphan its changelog.
 */
public final class StoreNames {

  /** The application id of the correlation processor; prefixes its internal topics. */
  public static final String PROCESSOR_APPLICATION_ID = "sightline-processor";

  /**
   * Every sighting the processor holds, agency-scoped id → the state keys it reached (or marked
   * retracted): a resend is recognised, and a retraction or an erasure reaches every state the
   * sighting changed, for as long as it is held. Erasure deletes the entry.
   */
  public static final String SIGHTING_KEYS = "sighting-keys";

  /** Per-indicator correlation state. */
  public static final String INDICATOR_STATE = "indicator-state";

  /**
   * Repartition, the slow path: intake records that are not in their locality's partition (keyed
   * otherwise by an old or careless producer), moved there; and the erasures and retractions that
   * do not say where their sighting is, sent to every partition.
   */
  public static final String BY_LOCALITY = "by-locality";

  /**
   * Repartition, the second hop: events for a state in another task than the sighting's — related
   * indicators, near-duplicate matches, delistings — keyed by state key, partitioned by locality.
   */
  public static final String BY_INDICATOR = "by-indicator";

  /**
   * The domains on the "worst of" list or awaiting review, and when their support must next be
   * checked for expiry.
   */
  public static final String IWOL_LISTED = "iwol-listed";

  /**
   * Global, in memory: the managed warning lists, each pattern's latest change as the bytes of
   * {@code warninglists.changes} (decoded when matched, so a malformed record cannot stop the
   * global thread), on every instance.
   */
  public static final String WARNING_LISTS = "warning-lists";

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

  /**
   * Which sightings brought each PDQ hash ({@code <hex>/<agency>/<sighting id>} → ""), so that the
   * hash leaves {@link #PDQ_HASHES} when the last of them is erased.
   */
  public static final String PDQ_HOLDERS = "pdq-holders";

  /** Repartition: every PDQ sighting to one partition, where the whole index lives. */
  public static final String ALL_PDQ = "all-pdq";

  /**
   * Repartition: the contact steps analysts take on {@code alerts.actions} (raw, as written), keyed
   * by the alert's indicator and sent to the partition of its locality, where its state is.
   */
  public static final String CONTACTS_BY_INDICATOR = "contacts-by-indicator";

  /** Kafka Streams' name of a repartition topic: {@code <application id>-<name>-repartition}. */
  public static String repartitionTopic(String applicationId, String name) {
    return applicationId + "-" + name + "-repartition";
  }

  /** Kafka Streams' name of a store's changelog: {@code <application id>-<store>-changelog}. */
  public static String changelogTopic(String applicationId, String store) {
    return applicationId + "-" + store + "-changelog";
  }

  /**
   * Every internal topic of the processor that carries Avro, with its value schema: each is a
   * registry subject ({@code <topic>-value}) that the admin registers before the processor starts,
   * since the processor, like every client, only looks schemas up. The other stores and
   * repartitions carry strings and longs. {@code CorrelationTopologyTest} checks this list against
   * the topology.
   */
  public static Map<String, Schema> avroInternalTopics(String applicationId) {
    Map<String, Schema> topics = new LinkedHashMap<>();
    topics.put(repartitionTopic(applicationId, BY_LOCALITY), AttributedEvent.getClassSchema());
    topics.put(repartitionTopic(applicationId, BY_INDICATOR), AttributedEvent.getClassSchema());
    topics.put(repartitionTopic(applicationId, ALL_PDQ), AttributedEvent.getClassSchema());
    topics.put(changelogTopic(applicationId, INDICATOR_STATE), IndicatorState.getClassSchema());
    return topics;
  }

  private StoreNames() {}
}
