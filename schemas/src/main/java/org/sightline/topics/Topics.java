package org.sightline.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.sightline.members.AgencyId;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertAction;
import org.sightline.schema.ConsoleView;
import org.sightline.schema.Dispute;
import org.sightline.schema.Erasure;
import org.sightline.schema.HashDelisting;
import org.sightline.schema.HashDownload;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolDownload;
import org.sightline.schema.IwolEntry;
import org.sightline.schema.IwolProposal;
import org.sightline.schema.IwolReview;
import org.sightline.schema.KnownHash;
import org.sightline.schema.Lookup;
import org.sightline.schema.MetricPoint;
import org.sightline.schema.Rejection;
import org.sightline.schema.WarningListChange;

/**
 * The typed topic registry: every topic name, its key and value serdes, and its retention.
 * Per-agency and per-country names are derived here and nowhere else.
 */
public final class Topics {

  // First: the constants below are built from them, in the order they are written.
  private static final Duration INTAKE_RETENTION = Duration.ofDays(30);
  private static final Duration ALERT_RETENTION = Duration.ofDays(365);

  public static final String INTAKE_PREFIX = "intake.";

  /**
   * Partitions of every topic the provisioning creates, unless told otherwise ({@code
   * sightline.partitions}, {@code SIGHTLINE_PARTITIONS}): the intake topics must all have the same
   * count, which the processor is told too, since an agency's key picks its partition.
   */
  public static final String DEFAULT_PARTITIONS = "3";

  public static final String ALERTS_PREFIX = "alerts.";
  public static final String SECRETARIAT = "secretariat";

  /**
   * The recipient word of one agency's own alerts ({@code agency:<id>}), and its topic's prefix: an
   * agency whose sightings its own country may not see (RED, AMBER+STRICT, named recipients) gets
   * the alerts about them on a topic of its own.
   */
  public static final String AGENCY_RECIPIENT_PREFIX = "agency:";

  public static final String AGENCY_ALERTS_PREFIX = "alerts.agency.";

  /** Where rejected records go, with their reason. Excluded from {@link #INTAKE_PATTERN}. */
  public static final TopicSpec<Rejection> INTAKE_REJECTED =
      new TopicSpec<>(
          INTAKE_PREFIX + "rejected",
          Rejection.class,
          TopicSpec.Cleanup.DELETE,
          Duration.ofDays(30));

  /**
   * Every agency's intake topic and nothing else: `intake.` followed by an agency id (see {@link
   * AgencyId}), never `intake.rejected`.
   */
  public static final Pattern INTAKE_PATTERN =
      Pattern.compile(Pattern.quote(INTAKE_PREFIX) + "(?!rejected$)" + AgencyId.REGEX);

  /** Everything, for the coordinating body. */
  public static final TopicSpec<Alert> ALERTS_SECRETARIAT = alertsTopic(SECRETARIAT);

  /**
   * What analysts did with their alerts (acknowledged, assigned), read back by every consumers
   * instance so the other analysts of the country see it at once. Key: the alert id. Kept as long
   * as the alerts.
   */
  public static final TopicSpec<AlertAction> ALERTS_ACTIONS =
      new TopicSpec<>(
          ALERTS_PREFIX + "actions",
          AlertAction.class,
          TopicSpec.Cleanup.DELETE,
          Duration.ofDays(365));

  /** The "worst of" list: compacted, key = domain, a tombstone delists. */
  public static final TopicSpec<IwolEntry> IWOL_DOMAINS =
      new TopicSpec<>("iwol.domains", IwolEntry.class, TopicSpec.Cleanup.COMPACT, null);

  /**
   * The federation's known-hash list: hashes confirmed by agencies of several countries, keyed by
   * canonical key, compacted; a tombstone takes a hash off (retraction, erasure).
   */
  public static final TopicSpec<KnownHash> HASHES_KNOWN =
      new TopicSpec<>("hashes.known", KnownHash.class, TopicSpec.Cleanup.COMPACT, null);

  /** The secretariat's decisions to take a hash off the known-hash list, kept as an audit trail. */
  public static final TopicSpec<HashDelisting> HASHES_DELISTINGS =
      new TopicSpec<>(
          "hashes.delistings",
          HashDelisting.class,
          TopicSpec.Cleanup.DELETE,
          Duration.ofDays(3650));

  /** Every request for the known-hash list, served or refused: an audit trail. */
  public static final TopicSpec<HashDownload> HASHES_DOWNLOADS =
      new TopicSpec<>(
          "hashes.downloads", HashDownload.class, TopicSpec.Cleanup.DELETE, Duration.ofDays(3650));

  /** The secretariat's decisions to take a domain off the list, kept as an audit trail. */
  public static final TopicSpec<IwolDelisting> IWOL_DELISTINGS =
      new TopicSpec<>(
          "iwol.delistings", IwolDelisting.class, TopicSpec.Cleanup.DELETE, Duration.ofDays(3650));

  /**
   * The secretariat's verdicts on proposed domains (approve, reject), kept as the audit trail of
   * who decided what, when and why.
   */
  public static final TopicSpec<IwolReview> IWOL_REVIEWS =
      new TopicSpec<>(
          "iwol.reviews", IwolReview.class, TopicSpec.Cleanup.DELETE, Duration.ofDays(3650));

  /**
   * The domains awaiting the secretariat's review, with their evidence; compacted, keyed by domain,
   * a tombstone once decided or withdrawn. Secretariat only: it names the reporting agencies.
   */
  public static final TopicSpec<IwolProposal> IWOL_PROPOSALS =
      new TopicSpec<>("iwol.proposals", IwolProposal.class, TopicSpec.Cleanup.COMPACT, null);

  /**
   * The secretariat's changes to the warning lists of known-benign values (add, remove a pattern),
   * keyed by the canonical pattern; read whole by every processor instance into a global store, so
   * a change applies everywhere within seconds, without a restart. The audit trail of them, kept
   * ten years (a pattern's latest change is what holds).
   */
  public static final TopicSpec<WarningListChange> WARNINGLISTS_CHANGES =
      new TopicSpec<>(
          "warninglists.changes",
          WarningListChange.class,
          TopicSpec.Cleanup.DELETE,
          Duration.ofDays(3650));

  /**
   * Disputes of list entries by those who receive the lists, and the secretariat's resolutions,
   * keyed by dispute id (the latest record of an id is where it stands); the audit trail of both.
   */
  public static final TopicSpec<Dispute> DISPUTES =
      new TopicSpec<>("disputes", Dispute.class, TopicSpec.Cleanup.DELETE, Duration.ofDays(3650));

  /**
   * The secretariat's erasures (one sighting, or every sighting of an agency), read by the
   * processor; kept ten years as the audit trail of who erased what, when and why. Keyed by the
   * sighting id, so a request lands in the partition of the sighting it names (an agency-wide one
   * is written to every partition).
   */
  public static final TopicSpec<Erasure> ERASURE_REQUESTS =
      new TopicSpec<>(
          "erasure.requests", Erasure.class, TopicSpec.Cleanup.DELETE, Duration.ofDays(3650));

  /**
   * Every request for the "worst of" list by an access provider, served or refused: who took which
   * version, when. An audit trail, kept as long as the delistings.
   */
  public static final TopicSpec<IwolDownload> IWOL_DOWNLOADS =
      new TopicSpec<>(
          "iwol.downloads", IwolDownload.class, TopicSpec.Cleanup.DELETE, Duration.ofDays(3650));

  /**
   * Every look at federation data through the console (alert lists, histories, streams, indicator
   * state, actions, dashboard), keyed by user: the secretariat's audit trail, kept ten years.
   */
  public static final TopicSpec<ConsoleView> AUDIT_CONSOLE_VIEWS =
      new TopicSpec<>(
          "audit.console-views",
          ConsoleView.class,
          TopicSpec.Cleanup.DELETE,
          Duration.ofDays(3650));

  /**
   * Every agency's lookup ("is this known?"), one record per request and partition, keyed by the
   * locality of its keys: the secretariat's audit trail, kept ten years, and what the processor
   * reads to tell the holders of undisclosed facts that someone asked.
   */
  public static final TopicSpec<Lookup> AUDIT_LOOKUPS =
      new TopicSpec<>(
          "audit.lookups", Lookup.class, TopicSpec.Cleanup.DELETE, Duration.ofDays(3650));

  /**
   * Per-minute counts for the dashboards, keyed by series and minute ({@link #metricKey}); a week
   * of history.
   */
  public static final TopicSpec<MetricPoint> METRICS_PER_MINUTE =
      new TopicSpec<>(
          "metrics.per-minute",
          MetricPoint.class,
          TopicSpec.Cleanup.COMPACT_DELETE,
          Duration.ofDays(7));

  /**
   * Records a processor stage failed on (a defect, not bad input — that goes to {@link
   * #INTAKE_REJECTED}): the source record's raw bytes, with the exception in the headers, kept to
   * be replayed once the defect is fixed.
   */
  public static final TopicSpec<SpecificRecord> PROCESSOR_DEAD_LETTER =
      TopicSpec.raw("processor.dead-letter", TopicSpec.Cleanup.DELETE, Duration.ofDays(30));

  /** Every country's alert topic, every agency's own and the secretariat's. */
  public static final Pattern ALERTS_PATTERN =
      Pattern.compile(
          Pattern.quote(ALERTS_PREFIX)
              + "("
              + CountryCode.REGEX
              + "|"
              + SECRETARIAT
              + "|agency\\."
              + AgencyId.REGEX
              + ")");

  private Topics() {}

  /** The topic that only this agency writes. */
  public static TopicSpec<IntakeEvent> intake(AgencyId agency) {
    return new TopicSpec<>(
        INTAKE_PREFIX + agency.value(),
        IntakeEvent.class,
        TopicSpec.Cleanup.DELETE,
        INTAKE_RETENTION);
  }

  /**
   * The agency an intake topic belongs to, or {@code null} when the name is not an intake topic.
   */
  public static AgencyId agencyOfIntakeTopic(String topic) {
    if (topic == null || !INTAKE_PATTERN.matcher(topic).matches()) {
      return null;
    }
    return AgencyId.of(topic.substring(INTAKE_PREFIX.length()));
  }

  /** The topic that only this country's analysts read. */
  public static TopicSpec<Alert> alerts(CountryCode country) {
    return alertsTopic(country.value());
  }

  /** The topic of one agency's own alerts, which only it (and the secretariat) reads. */
  public static TopicSpec<Alert> alerts(AgencyId agency) {
    return alertsTopic("agency." + agency.value());
  }

  /**
   * The alert topic of a recipient: a country code, {@link #SECRETARIAT} or {@code agency:<id>}.
   */
  public static TopicSpec<Alert> alertsForRecipient(String recipient) {
    if (SECRETARIAT.equals(recipient)) {
      return ALERTS_SECRETARIAT;
    }
    if (recipient.startsWith(AGENCY_RECIPIENT_PREFIX)) {
      return alerts(AgencyId.of(recipient.substring(AGENCY_RECIPIENT_PREFIX.length())));
    }
    return alerts(CountryCode.of(recipient));
  }

  /**
   * The recipient whose alert topic this is ({@code NL}, {@code secretariat}, {@code
   * agency:nl-police}), or null when it is none: the topic, not the record, decides who sees an
   * alert.
   */
  public static String recipientOfAlertTopic(String topic) {
    if (topic == null || !ALERTS_PATTERN.matcher(topic).matches()) {
      return null;
    }
    if (topic.startsWith(AGENCY_ALERTS_PREFIX)) {
      return AGENCY_RECIPIENT_PREFIX + topic.substring(AGENCY_ALERTS_PREFIX.length());
    }
    return topic.substring(ALERTS_PREFIX.length());
  }

  private static TopicSpec<Alert> alertsTopic(String recipient) {
    return new TopicSpec<>(
        ALERTS_PREFIX + recipient, Alert.class, TopicSpec.Cleanup.DELETE, ALERT_RETENTION);
  }

  /**
   * The key of one series' count for one minute in {@link #METRICS_PER_MINUTE}: {@code
   * <series>@<window start millis>}, so compaction keeps the latest count of each minute.
   */
  public static String metricKey(String series, long windowStartMillis) {
    return series + "@" + windowStartMillis;
  }

  /** Every topic the federation described by {@code members} needs, in a stable order. */
  public static List<TopicSpec<?>> all(MemberDirectory members) {
    List<TopicSpec<?>> topics = new ArrayList<>();
    members.agencies().forEach(a -> topics.add(intake(a.id())));
    topics.add(INTAKE_REJECTED);
    members.countries().forEach(c -> topics.add(alerts(c)));
    members.agencies().forEach(a -> topics.add(alerts(a.id())));
    topics.add(ALERTS_SECRETARIAT);
    topics.add(ALERTS_ACTIONS);
    topics.add(IWOL_DOMAINS);
    topics.add(IWOL_DELISTINGS);
    topics.add(IWOL_REVIEWS);
    topics.add(IWOL_PROPOSALS);
    topics.add(WARNINGLISTS_CHANGES);
    topics.add(DISPUTES);
    topics.add(ERASURE_REQUESTS);
    topics.add(IWOL_DOWNLOADS);
    topics.add(AUDIT_CONSOLE_VIEWS);
    topics.add(AUDIT_LOOKUPS);
    topics.add(HASHES_KNOWN);
    topics.add(HASHES_DELISTINGS);
    topics.add(HASHES_DOWNLOADS);
    topics.add(METRICS_PER_MINUTE);
    topics.add(PROCESSOR_DEAD_LETTER);
    return List.copyOf(topics);
  }
}
