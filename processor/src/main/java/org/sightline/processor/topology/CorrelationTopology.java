package org.sightline.processor.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.sightline.indicator.Localities;
import org.sightline.members.MemberDirectory;
import org.sightline.processor.correlation.AlertRules;
import org.sightline.processor.correlation.HashListDecisions;
import org.sightline.processor.correlation.IndicatorStates;
import org.sightline.processor.correlation.IwolDecisions;
import org.sightline.processor.correlation.OverCorrelation;
import org.sightline.processor.correlation.SightingIds;
import org.sightline.processor.metrics.MetricPoints;
import org.sightline.processor.metrics.PendingCounts;
import org.sightline.processor.nearduplicate.PdqMatcher;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertAction;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Erasure;
import org.sightline.schema.EventRole;
import org.sightline.schema.HashDelisting;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolEntry;
import org.sightline.schema.IwolProposal;
import org.sightline.schema.IwolReview;
import org.sightline.schema.KnownHash;
import org.sightline.schema.Lookup;
import org.sightline.schema.MetricPoint;
import org.sightline.schema.Rejection;
import org.sightline.schema.Sighting;
import org.sightline.schema.WarningListChange;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.StoreNames;
import org.sightline.topics.Topics;

/**
 * The correlation topology, top to bottom:
 *
 * <ol>
 *   <li>{@value #SOURCE}: every {@code intake.<agency>} topic, by pattern, as raw bytes — new
 *       agencies are picked up without a restart;
 *   <li>{@value #DECODE}: decode Avro, attribute to the agency owning the topic, validate; anything
 *       refused goes to {@code intake.rejected} with its reason;
 *   <li>{@value #DEDUPLICATE} by agency-scoped sighting id against the {@value
 *       StoreNames#SIGHTING_KEYS} ledger of every sighting held, in the task of the sighting's
 *       locality (its key, checked by the decoder: a record keyed otherwise is moved there first
 *       through {@value StoreNames#BY_LOCALITY}); the secretariat's erasures from {@code
 *       erasure.requests} ({@value #ERASURES_SOURCE}, {@value #DECODE_ERASURE}) join here, sent to
 *       every task;
 *   <li>{@value #FAN_OUT}: one event per state the sighting changes (its indicator, its domain, its
 *       related indicators); those of its own locality are correlated in the same task, the others
 *       (a related indicator elsewhere), with the secretariat's delistings from {@code
 *       iwol.delistings} ({@value #DELISTINGS_SOURCE}, {@value #DECODE_DELISTING}), its verdicts on
 *       proposed domains from {@code iwol.reviews} ({@value #REVIEWS_SOURCE}, {@value
 *       #DECODE_REVIEW}) and its delistings of hashes from {@code hashes.delistings} ({@value
 *       #HASH_DELISTINGS_SOURCE}, {@value #DECODE_HASH_DELISTING}), take the one second hop,
 *       {@value StoreNames#BY_INDICATOR};
 *   <li>{@value #MATCH_NEAR_DUPLICATES}: every usable PDQ sighting, through the single partition of
 *       {@value StoreNames#ALL_PDQ}, is matched against every earlier PDQ hash (the {@value
 *       StoreNames#PDQ_HASHES} store, indexed in memory); each near-duplicate found joins the
 *       correlation as a NEAR_DUPLICATE event keyed by the earlier hash;
 *   <li>{@value #CORRELATE} against the {@value StoreNames#INDICATOR_STATE} store, with the
 *       secretariat's warning lists from {@code warninglists.changes} ({@value
 *       #WARNING_LISTS_SOURCE}) in the global store {@value StoreNames#WARNING_LISTS}; listed
 *       domains and proposed domains are kept in {@value StoreNames#IWOL_LISTED} and expire on a
 *       wall-clock punctuation;
 *   <li>{@value #NOTIFY_LOOKUPS}: the agencies' lookups from {@code audit.lookups} ({@value
 *       #LOOKUPS_SOURCE}), keyed by locality like the sightings, read against the same store: the
 *       holders of facts an asker may not see get a HIT_NO_HIT notice naming the asker's country;
 *   <li>{@value #NOTIFY_CONTACTS}: consent behind hit/no-hit — the contact steps analysts take on
 *       {@code alerts.actions} ({@value #CONTACTS_SOURCE}, {@value #SELECT_CONTACT_STEPS}), moved
 *       to the task of their indicator through {@value StoreNames#CONTACTS_BY_INDICATOR}, read
 *       against the same store: a request reaches the holders, an acceptance discloses the holder's
 *       facts to the country that asked, a refusal tells it so;
 *   <li>{@value #ROUTE}: each alert to {@code alerts.<recipient>}; {@value #IWOL_SINK}: list
 *       entries and tombstones to {@code iwol.domains}; {@value #PROPOSALS_SINK}: the domains
 *       awaiting the secretariat's review to {@code iwol.proposals}; {@value #HASHES_SINK}: the
 *       known-hash list's entries and tombstones to {@code hashes.known};
 *   <li>dashboards: {@value #COUNT_SIGHTINGS} and {@value #COUNT_ALERTS} count per series and
 *       minute inside each task, hand the counts on every few seconds through {@value
 *       StoreNames#BY_METRIC_SERIES}, and {@value #SUM_METRICS} adds them up per minute into {@code
 *       metrics.per-minute} ({@value #METRICS_SINK}).
 * </ol>
 *
 * Every processor, store and internal topic is named, so the topology can evolve without orphaning
 * state ({@code ensure.explicit.internal.resource.naming=true} enforces it).
 */
public final class CorrelationTopology {

  public static final String SOURCE = "intake-source";
  public static final String DECODE = "decode-intake";
  public static final String DEDUPLICATE = "deduplicate";
  public static final String CORRELATE = "correlate";
  public static final String FAN_OUT = "fan-out";
  public static final String ROUTE = "route-alerts";
  public static final String IWOL_SINK = "iwol-domains-sink";
  public static final String HASHES_SINK = "hashes-known-sink";
  public static final String DELISTINGS_SOURCE = "iwol-delistings-source";
  public static final String DECODE_DELISTING = "decode-delisting";
  public static final String REVIEWS_SOURCE = "iwol-reviews-source";
  public static final String WARNING_LISTS_SOURCE = "warning-lists-source";
  public static final String DECODE_REVIEW = "decode-review";
  public static final String PROPOSALS_SINK = "iwol-proposals-sink";
  public static final String HASH_DELISTINGS_SOURCE = "hashes-delistings-source";
  public static final String DECODE_HASH_DELISTING = "decode-hash-delisting";
  public static final String ERASURES_SOURCE = "erasures-source";
  public static final String DECODE_ERASURE = "decode-erasure";
  public static final String MATCH_NEAR_DUPLICATES = "match-near-duplicates";
  public static final String LOOKUPS_SOURCE = "lookups-source";
  public static final String NOTIFY_LOOKUPS = "notify-lookups";
  public static final String CONTACTS_SOURCE = "contacts-source";
  public static final String SELECT_CONTACT_STEPS = "select-contact-steps";
  public static final String NOTIFY_CONTACTS = "notify-contacts";
  public static final String COUNT_SIGHTINGS = "count-sightings";
  public static final String COUNT_ALERTS = "count-alerts";
  public static final String SUM_METRICS = "sum-metrics";
  public static final String METRICS_SINK = "metrics-sink";

  /**
   * Every topic the topology reads or writes by name — all but the intake topics (a pattern) and
   * {@code alerts.<CC>} (by recipient) — and the secretariat's alerts and the dead letters, which
   * every processor writes: the processor waits for each before it starts ({@code
   * quarkus.kafka-streams.topics}, from {@code RequiredTopics}), so it never runs against a broker
   * that was not provisioned. {@code TopologyShapeTest} checks the list against the topology.
   */
  public static final List<org.sightline.topics.TopicSpec<?>> NAMED_TOPICS =
      List.of(
          Topics.ERASURE_REQUESTS,
          Topics.IWOL_DELISTINGS,
          Topics.IWOL_REVIEWS,
          Topics.HASHES_DELISTINGS,
          Topics.AUDIT_LOOKUPS,
          Topics.WARNINGLISTS_CHANGES,
          Topics.ALERTS_ACTIONS,
          Topics.INTAKE_REJECTED,
          Topics.ALERTS_SECRETARIAT,
          Topics.IWOL_DOMAINS,
          Topics.IWOL_PROPOSALS,
          Topics.HASHES_KNOWN,
          Topics.METRICS_PER_MINUTE,
          Topics.PROCESSOR_DEAD_LETTER);

  /**
   * How late a task's count for a minute may arrive and still be added: covers the flush interval
   * and a rebalance.
   */
  static final Duration METRICS_GRACE = Duration.ofMinutes(10);

  /** How long per-minute totals stay queryable in the processor. */
  static final Duration METRICS_RETENTION = Duration.ofHours(2);

  private CorrelationTopology() {}

  public static Topology build(
      MemberDirectory members, RegistrySerdes serdes, ProcessorSettings settings) {
    return build(() -> members, serdes, settings);
  }

  /**
   * The topology, step by step; each step is a method below, in the order of the class comment.
   *
   * @param members the member directory as it is now ({@link
   *     org.sightline.members.LiveMemberDirectory}): an agency or a country added while the
   *     processor runs is taken without a restart
   */
  public static Topology build(
      java.util.function.Supplier<MemberDirectory> members,
      RegistrySerdes serdes,
      ProcessorSettings settings) {
    Steps steps = new Steps(new StreamsBuilder(), members, serdes, settings);
    steps.addStateStores();
    KStream<String, AttributedEvent> sightings = steps.deduplicatedSightings();
    KStream<String, Long> sightingCounts = steps.countSightings(sightings);
    steps.addWarningLists();
    KStream<String, Decoded> decisions = steps.secretariatDecisions();
    KStream<String, AttributedEvent> nearDuplicates = steps.matchNearDuplicates(sightings);
    Map<String, KStream<String, Outcome>> outcomes =
        steps.correlate(sightings, decisions, nearDuplicates);
    KStream<String, Alert> lookupNotices = steps.lookupNotices();
    KStream<String, Alert> contactAlerts = steps.contactAlerts();
    KStream<String, Alert> alerts = steps.alerts(outcomes, lookupNotices, contactAlerts);
    steps.routeAlerts(alerts);
    KStream<String, Long> alertCounts = steps.countAlerts(alerts);
    steps.writeLists(outcomes);
    steps.sumMetrics(sightingCounts, alertCounts);
    return steps.builder.build();
  }

  /** What every step needs, built once per topology. */
  private static final class Steps {
    private final StreamsBuilder builder;
    private final java.util.function.Supplier<MemberDirectory> members;
    private final RegistrySerdes serdes;
    private final ProcessorSettings settings;
    private final Serde<String> keys = Serdes.String();
    private final Serde<AttributedEvent> attributed;

    Steps(
        StreamsBuilder builder,
        java.util.function.Supplier<MemberDirectory> members,
        RegistrySerdes serdes,
        ProcessorSettings settings) {
      this.builder = builder;
      this.members = members;
      this.serdes = serdes;
      this.settings = settings;
      this.attributed = serdes.avro(AttributedEvent.class);
    }

    void addStateStores() {
      // Every sighting held, for as long as it is held: resends, retractions and erasures at any
      // age.
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(StoreNames.SIGHTING_KEYS), keys, Serdes.String())
              .withLoggingEnabled(ERASABLE_CHANGELOG));
      // Cached: a shared indicator changes many times between two commits, and only its last
      // state needs to reach RocksDB and the changelog.
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(StoreNames.INDICATOR_STATE),
                  keys,
                  serdes.avro(IndicatorState.class))
              .withCachingEnabled()
              .withLoggingEnabled(ERASABLE_CHANGELOG));
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(StoreNames.IWOL_LISTED), keys, Serdes.Long())
              .withCachingEnabled()
              .withLoggingEnabled(ERASABLE_CHANGELOG));
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(StoreNames.PDQ_HASHES),
                  Serdes.Long(),
                  Serdes.String())
              .withLoggingEnabled(ERASABLE_CHANGELOG));
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(StoreNames.PDQ_HOLDERS),
                  Serdes.String(),
                  Serdes.String())
              .withLoggingEnabled(ERASABLE_CHANGELOG));
      // A few keys per series and minute, emptied every flush: memory, changelogged, and cached so
      // that a count incremented a thousand times between two commits is logged once, not a
      // thousand times.
      for (String pending :
          List.of(StoreNames.SIGHTING_METRICS_PENDING, StoreNames.ALERT_METRICS_PENDING)) {
        builder.addStateStore(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(pending), keys, Serdes.Long())
                .withCachingEnabled());
      }
    }

    /**
     * {@value #SOURCE} → {@value #DECODE} (with the erasures, {@value #DECODE_ERASURE}) → in place,
     * or moved through {@value StoreNames#BY_LOCALITY} → {@value #DEDUPLICATE}; what is refused
     * goes to {@code intake.rejected}.
     */
    KStream<String, AttributedEvent> deduplicatedSightings() {
      KStream<String, Decoded> decoded =
          builder.stream(
                  Topics.INTAKE_PATTERN, Consumed.with(keys, Serdes.ByteArray()).withName(SOURCE))
              .process(
                  () ->
                      new IntakeDecoder(
                          members,
                          serdes.avro(IntakeEvent.class).deserializer(),
                          settings.pseudonymsOnly(),
                          settings.partitions()),
                  Named.as(DECODE));

      // The secretariat's erasures do not say where their sighting is: they go to every task.
      KStream<String, Decoded> erasures =
          builder.stream(
                  Topics.ERASURE_REQUESTS.name(),
                  Consumed.with(keys, Serdes.ByteArray()).withName(ERASURES_SOURCE))
              .process(
                  () -> new ErasureDecoder(members, serdes.avro(Erasure.class).deserializer()),
                  Named.as(DECODE_ERASURE));

      // A record keyed by its locality, in its locality's partition, is deduplicated and
      // correlated in the task that read it: one exactly-once hop. Anything else takes the slow
      // path first.
      Map<String, KStream<String, AttributedEvent>> placement =
          placed(decoded.merge(erasures, Named.as("with-erasures")), serdes);
      KStream<String, AttributedEvent> moved =
          placement
              .get(MISPLACED)
              .selectKey(
                  (key, event) ->
                      event.getLocality() == null
                          ? Localities.EVERY_PARTITION
                          : event.getLocality(),
                  Named.as("key-by-locality"))
              .repartition(
                  Repartitioned.<String, AttributedEvent>as(StoreNames.BY_LOCALITY)
                      .withKeySerde(keys)
                      .withValueSerde(attributed)
                      .withNumberOfPartitions(settings.partitions())
                      .withStreamPartitioner(LocalityPartitioner.ofLocalities()));

      KStream<String, Decoded> deduplicated =
          placement
              .get(IN_PLACE)
              .merge(moved, Named.as("with-moved"))
              .process(Deduplicator::new, Named.as(DEDUPLICATE), StoreNames.SIGHTING_KEYS);
      return accepted(deduplicated, "deduplicated", serdes);
    }

    /** {@value #COUNT_SIGHTINGS}: per series and minute, handed on every few seconds. */
    KStream<String, Long> countSightings(KStream<String, AttributedEvent> sightings) {
      return sightings.process(
          () ->
              new PendingCounts<AttributedEvent>(
                  StoreNames.SIGHTING_METRICS_PENDING,
                  MetricPoints::sightingSeries,
                  settings.metricsFlush()),
          Named.as(COUNT_SIGHTINGS),
          StoreNames.SIGHTING_METRICS_PENDING);
    }

    /**
     * The secretariat's warning lists, whole on every instance; raw bytes, decoded when matched.
     */
    void addWarningLists() {
      builder.addGlobalStore(
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(StoreNames.WARNING_LISTS), keys, Serdes.ByteArray())
              .withLoggingDisabled(),
          Topics.WARNINGLISTS_CHANGES.name(),
          Consumed.with(keys, Serdes.ByteArray()).withName(WARNING_LISTS_SOURCE),
          ManagedWarningLists.Updater::new);
    }

    /**
     * The secretariat's decisions that change a state: delistings ({@value #DECODE_DELISTING}),
     * verdicts on proposed domains ({@value #DECODE_REVIEW}), hash delistings ({@value
     * #DECODE_HASH_DELISTING}).
     */
    KStream<String, Decoded> secretariatDecisions() {
      return decoded(
              Topics.IWOL_DELISTINGS.name(),
              DELISTINGS_SOURCE,
              DECODE_DELISTING,
              () -> IwolDecisionDecoder.delistings(serdes.avro(IwolDelisting.class).deserializer()))
          .merge(
              decoded(
                  Topics.IWOL_REVIEWS.name(),
                  REVIEWS_SOURCE,
                  DECODE_REVIEW,
                  () -> IwolDecisionDecoder.reviews(serdes.avro(IwolReview.class).deserializer())),
              Named.as("with-reviews"))
          .merge(
              decoded(
                  Topics.HASHES_DELISTINGS.name(),
                  HASH_DELISTINGS_SOURCE,
                  DECODE_HASH_DELISTING,
                  () -> new HashDelistingDecoder(serdes.avro(HashDelisting.class).deserializer())),
              Named.as("with-hash-delistings"));
    }

    private KStream<String, Decoded> decoded(
        String topic,
        String source,
        String decode,
        org.apache.kafka.streams.processor.api.ProcessorSupplier<String, byte[], String, Decoded>
            decoder) {
      return builder.stream(topic, Consumed.with(keys, Serdes.ByteArray()).withName(source))
          .process(decoder, Named.as(decode));
    }

    /**
     * {@value #MATCH_NEAR_DUPLICATES}: every usable PDQ sighting through the single partition of
     * {@value StoreNames#ALL_PDQ}, against every earlier hash.
     */
    KStream<String, AttributedEvent> matchNearDuplicates(
        KStream<String, AttributedEvent> sightings) {
      return sightings
          .filter((key, event) -> PdqMatcher.concerns(event), Named.as("pdq-only"))
          .selectKey((key, event) -> "pdq", Named.as("key-pdq-together"))
          .repartition(
              Repartitioned.<String, AttributedEvent>as(StoreNames.ALL_PDQ)
                  .withKeySerde(keys)
                  .withValueSerde(attributed)
                  .withNumberOfPartitions(1))
          .process(
              () ->
                  new PdqMatcher(
                      StoreNames.PDQ_HASHES, StoreNames.PDQ_HOLDERS, settings.pdqMaxHashes()),
              Named.as(MATCH_NEAR_DUPLICATES),
              StoreNames.PDQ_HASHES,
              StoreNames.PDQ_HOLDERS);
    }

    /**
     * {@value #FAN_OUT}, then {@value #CORRELATE}: the sighting's own indicator and its domain
     * share its locality and are correlated here; related indicators elsewhere, near-duplicate
     * matches and the secretariat's decisions take the one second hop, {@value
     * StoreNames#BY_INDICATOR}. The outcomes, by kind: alert, hash, proposal, iwol.
     */
    Map<String, KStream<String, Outcome>> correlate(
        KStream<String, AttributedEvent> sightings,
        KStream<String, Decoded> decisions,
        KStream<String, AttributedEvent> nearDuplicates) {
      Map<String, KStream<String, AttributedEvent>> fannedOut =
          sightings
              .flatMap((key, event) -> fanOut(event), Named.as(FAN_OUT))
              .split(Named.as("fan-out-"))
              .branch(CorrelationTopology::local, Branched.as("local"))
              .defaultBranch(Branched.as("elsewhere"));
      KStream<String, AttributedEvent> fromElsewhere =
          fannedOut
              .get("fan-out-elsewhere")
              .merge(accepted(decisions, "delisting", serdes), Named.as("with-delistings"))
              .merge(nearDuplicates, Named.as("with-near-duplicates"))
              .repartition(
                  Repartitioned.<String, AttributedEvent>as(StoreNames.BY_INDICATOR)
                      .withKeySerde(keys)
                      .withValueSerde(attributed)
                      .withNumberOfPartitions(settings.partitions())
                      .withStreamPartitioner(LocalityPartitioner.ofStates()));
      AlertRules rules = new AlertRules(countriesOf(members));
      OverCorrelation overCorrelation =
          new OverCorrelation(settings.maxAgenciesPerIndicator(), settings.warningLists());
      return fannedOut
          .get("fan-out-local")
          .merge(fromElsewhere, Named.as("with-elsewhere"))
          .process(
              () ->
                  new Correlator(
                      settings.maxSightingIdsPerAgency(),
                      rules,
                      overCorrelation,
                      new IwolDecisions(
                          settings.iwolMinAgencies(),
                          settings.iwolMinCountries(),
                          settings.iwolExpiry(),
                          settings.iwolAutoApprove()),
                      // The same federation rule confirms a hash as lists a domain.
                      new HashListDecisions(
                          settings.iwolMinAgencies(), settings.iwolMinCountries()),
                      settings.iwolExpiryCheck(),
                      serdes.avro(WarningListChange.class).deserializer()),
              Named.as(CORRELATE),
              StoreNames.INDICATOR_STATE,
              StoreNames.IWOL_LISTED)
          .split(Named.as("outcome-"))
          .branch((key, outcome) -> outcome instanceof Outcome.AlertOutcome, Branched.as("alert"))
          .branch((key, outcome) -> outcome instanceof Outcome.HashOutcome, Branched.as("hash"))
          .branch(
              (key, outcome) -> outcome instanceof Outcome.ProposalOutcome, Branched.as("proposal"))
          .defaultBranch(Branched.as("iwol"));
    }

    /**
     * {@value #NOTIFY_LOOKUPS}: who asked about what, read in the task that holds the keys; holders
     * of facts the asker may not see are told that someone asked.
     */
    KStream<String, Alert> lookupNotices() {
      return builder.stream(
              Topics.AUDIT_LOOKUPS.name(),
              Consumed.with(keys, Serdes.ByteArray()).withName(LOOKUPS_SOURCE))
          .process(
              () -> new LookupNotifier(members, serdes.avro(Lookup.class).deserializer()),
              Named.as(NOTIFY_LOOKUPS),
              StoreNames.INDICATOR_STATE);
    }

    /**
     * {@value #NOTIFY_CONTACTS}: consent behind hit/no-hit. The steps are rare, so they travel raw
     * (no registry subject of their own) to the task that holds their indicator, and are decoded
     * there again.
     */
    KStream<String, Alert> contactAlerts() {
      return builder.stream(
              Topics.ALERTS_ACTIONS.name(),
              Consumed.with(keys, Serdes.ByteArray()).withName(CONTACTS_SOURCE))
          .process(
              () -> new ContactSteps(serdes.avro(AlertAction.class).deserializer()),
              Named.as(SELECT_CONTACT_STEPS))
          .repartition(
              Repartitioned.<String, byte[]>as(StoreNames.CONTACTS_BY_INDICATOR)
                  .withKeySerde(keys)
                  .withValueSerde(Serdes.ByteArray())
                  .withNumberOfPartitions(settings.partitions())
                  .withStreamPartitioner(LocalityPartitioner.ofKeys()))
          .process(
              () -> new ContactNotifier(members, serdes.avro(AlertAction.class).deserializer()),
              Named.as(NOTIFY_CONTACTS),
              StoreNames.INDICATOR_STATE);
    }

    /** Every alert: the correlation's, the lookup notices and the contact steps' alerts. */
    KStream<String, Alert> alerts(
        Map<String, KStream<String, Outcome>> outcomes,
        KStream<String, Alert> lookupNotices,
        KStream<String, Alert> contactAlerts) {
      return outcomes
          .get("outcome-alert")
          .mapValues(o -> ((Outcome.AlertOutcome) o).alert(), Named.as("alert"))
          .merge(lookupNotices, Named.as("with-lookup-notices"))
          .merge(contactAlerts, Named.as("with-contact-alerts"));
    }

    /** {@value #ROUTE}: each alert to {@code alerts.<recipient>}. */
    void routeAlerts(KStream<String, Alert> alerts) {
      alerts.to(
          (key, alert, context) -> Topics.alertsForRecipient(alert.getRecipient()).name(),
          Produced.with(keys, serdes.avro(Alert.class)).withName(ROUTE));
    }

    /** {@value #COUNT_ALERTS}: per series and minute, handed on every few seconds. */
    KStream<String, Long> countAlerts(KStream<String, Alert> alerts) {
      return alerts.process(
          () ->
              new PendingCounts<Alert>(
                  StoreNames.ALERT_METRICS_PENDING,
                  MetricPoints::alertSeries,
                  settings.metricsFlush()),
          Named.as(COUNT_ALERTS),
          StoreNames.ALERT_METRICS_PENDING);
    }

    /**
     * The compacted lists: {@value #IWOL_SINK} and {@value #PROPOSALS_SINK} keyed by the bare
     * domain, as access providers and the secretariat read them; {@value #HASHES_SINK} by the
     * canonical hash key. A null entry is the tombstone.
     */
    void writeLists(Map<String, KStream<String, Outcome>> outcomes) {
      outcomes
          .get("outcome-iwol")
          .map(
              (key, o) ->
                  KeyValue.pair(
                      ((Outcome.IwolOutcome) o).domain(), ((Outcome.IwolOutcome) o).entry()),
              Named.as("iwol-entry"))
          .to(
              Topics.IWOL_DOMAINS.name(),
              Produced.with(keys, serdes.avro(IwolEntry.class)).withName(IWOL_SINK));
      outcomes
          .get("outcome-proposal")
          .map(
              (key, o) ->
                  KeyValue.pair(
                      ((Outcome.ProposalOutcome) o).domain(),
                      ((Outcome.ProposalOutcome) o).proposal()),
              Named.as("iwol-proposal"))
          .to(
              Topics.IWOL_PROPOSALS.name(),
              Produced.with(keys, serdes.avro(IwolProposal.class)).withName(PROPOSALS_SINK));
      outcomes
          .get("outcome-hash")
          .map(
              (key, o) ->
                  KeyValue.pair(((Outcome.HashOutcome) o).key(), ((Outcome.HashOutcome) o).entry()),
              Named.as("hash-entry"))
          .to(
              Topics.HASHES_KNOWN.name(),
              Produced.with(keys, serdes.avro(KnownHash.class)).withName(HASHES_SINK));
    }

    /**
     * Through {@value StoreNames#BY_METRIC_SERIES}, {@value #SUM_METRICS} adds the tasks' counts up
     * per minute into {@code metrics.per-minute} ({@value #METRICS_SINK}).
     */
    void sumMetrics(KStream<String, Long> sightingCounts, KStream<String, Long> alertCounts) {
      sightingCounts
          .merge(alertCounts, Named.as("all-counts"))
          .repartition(
              Repartitioned.<String, Long>as(StoreNames.BY_METRIC_SERIES)
                  .withKeySerde(keys)
                  .withValueSerde(Serdes.Long()))
          .groupByKey(Grouped.with(keys, Serdes.Long()))
          .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), METRICS_GRACE))
          .reduce(
              Long::sum,
              Named.as(SUM_METRICS),
              Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(
                      StoreNames.METRICS_PER_MINUTE)
                  .withKeySerde(keys)
                  .withValueSerde(Serdes.Long())
                  .withRetention(METRICS_RETENTION))
          .toStream(Named.as("metrics-updates"))
          .map(MetricPoints::point, Named.as("metric-point"))
          .to(
              Topics.METRICS_PER_MINUTE.name(),
              Produced.with(keys, serdes.avro(MetricPoint.class)).withName(METRICS_SINK));
    }
  }

  /** The member countries' codes, worked out again only when the directory changes. */
  static java.util.function.Supplier<java.util.Set<String>> countriesOf(
      java.util.function.Supplier<MemberDirectory> members) {
    return new java.util.function.Supplier<>() {
      private MemberDirectory seen;
      private java.util.Set<String> countries;

      @Override
      public synchronized java.util.Set<String> get() {
        MemberDirectory now = members.get();
        if (now != seen) {
          countries =
              now.countries().stream().map(c -> c.value()).collect(Collectors.toUnmodifiableSet());
          seen = now;
        }
        return countries;
      }
    };
  }

  private static final String IN_PLACE = "placement-in-place";
  private static final String MISPLACED = "placement-misplaced";

  /**
   * Sends the rejected records of the intake to {@code intake.rejected}; returns the accepted ones
   * in two streams: {@value #IN_PLACE} and {@value #MISPLACED}.
   */
  private static Map<String, KStream<String, AttributedEvent>> placed(
      KStream<String, Decoded> stage, RegistrySerdes serdes) {
    Map<String, KStream<String, Decoded>> branches =
        stage
            .split(Named.as("placement-"))
            .branch((key, value) -> !value.accepted(), Branched.as("rejected"))
            .branch((key, value) -> ((Decoded.Accepted) value).inPlace(), Branched.as("in-place"))
            .defaultBranch(Branched.as("misplaced"));
    toRejected(branches.get("placement-rejected"), "decoded", serdes);
    return Map.of(
        IN_PLACE,
        branches
            .get(IN_PLACE)
            .mapValues(value -> ((Decoded.Accepted) value).event(), Named.as("in-place-event")),
        MISPLACED,
        branches
            .get(MISPLACED)
            .mapValues(value -> ((Decoded.Accepted) value).event(), Named.as("misplaced-event")));
  }

  private static void toRejected(
      KStream<String, Decoded> rejected, String name, RegistrySerdes serdes) {
    rejected
        .mapValues(value -> ((Decoded.Rejected) value).rejection(), Named.as(name + "-rejection"))
        .to(
            Topics.INTAKE_REJECTED.name(),
            Produced.with(Serdes.String(), serdes.avro(Rejection.class))
                .withName(name + "-to-rejected"));
  }

  /**
   * Whether a fanned-out event's state is in the sighting's own task: its indicator and its domain
   * always (they share its locality), a related indicator when it happens to share it too.
   */
  static boolean local(String stateKey, AttributedEvent event) {
    return event.getRole() != EventRole.RELATED
        || LocalityPartitioner.localityOf(stateKey, event).equals(event.getLocality());
  }

  /**
   * Sends the rejected records of a stage to {@code intake.rejected}; returns the accepted ones.
   */
  private static KStream<String, AttributedEvent> accepted(
      KStream<String, Decoded> stage, String name, RegistrySerdes serdes) {
    Map<String, KStream<String, Decoded>> branches =
        stage
            .split(Named.as(name + "-"))
            .branch((key, value) -> value.accepted(), Branched.as("accepted"))
            .defaultBranch(Branched.as("rejected"));
    toRejected(branches.get(name + "-rejected"), name, serdes);
    return branches
        .get(name + "-accepted")
        .mapValues(value -> ((Decoded.Accepted) value).event(), Named.as(name + "-event"));
  }

  /**
   * One event per state the sighting (or its retraction) changes: its own indicator, its
   * registrable domain (for the "worst of" list), and each related indicator (for links).
   *
   * <p>A domain's state holds only its "worst of" support for the URLs and hosts under it, so a
   * sighting that cannot support the list (not BASELINE_CSAM, or not shareable with access
   * providers) changes nothing there and is not sent: no repartition record, no read, no state or
   * tombstone written for it (on the demo feed, most of the domain events). A retraction or an
   * erasure still goes: what it withdraws is not known here, and the domain's state drops it only
   * if it is there.
   */
  static List<KeyValue<String, AttributedEvent>> fanOut(AttributedEvent event) {
    List<KeyValue<String, AttributedEvent>> out = new ArrayList<>();
    out.add(KeyValue.pair(event.getIndicatorKey(), event));
    boolean canSupportList =
        !(event.getPayload() instanceof Sighting sighting)
            || IndicatorStates.supportsIwol(sighting);
    for (String derived : canSupportList ? event.getDerivedKeys() : List.<String>of()) {
      out.add(KeyValue.pair(derived, role(event, EventRole.DERIVED)));
    }
    for (String related : event.getRelatedKeys()) {
      out.add(KeyValue.pair(related, role(event, EventRole.RELATED)));
    }
    return out;
  }

  private static AttributedEvent role(AttributedEvent event, EventRole role) {
    return AttributedEvent.newBuilder(event)
        .setRole(role)
        .setSourceKey(event.getIndicatorKey())
        .build();
  }

  /**
   * How long an erased or retracted value may stay in a store's changelog topic: the store deletes
   * it at once (a tombstone), but a compacted topic drops the older records only when the log
   * cleaner reaches them, which without a bound can be never for a quiet partition. With it, Kafka
   * rolls and compacts within seven days (then {@code delete.retention.ms}, one day, for the
   * tombstone itself). Applied when Streams creates a changelog; an existing one is altered by the
   * operator (deploy/README.md).
   */
  static final Map<String, String> ERASABLE_CHANGELOG =
      Map.of("max.compaction.lag.ms", Long.toString(Duration.ofDays(7).toMillis()));

  /** Sender-chosen ids are unique per agency, not across agencies: scope them. */
  static String sightingKey(AttributedEvent event) {
    return event.getAgencyId() + "/" + SightingIds.of(event);
  }
}
