package org.sightline.processor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.members.AgencyId;
import org.sightline.processor.errors.FailedRecords;
import org.sightline.processor.errors.UndecodableRecords;
import org.sightline.processor.topology.CorrelationTopology;
import org.sightline.processor.topology.ProcessorSettings;
import org.sightline.schema.Alert;
import org.sightline.schema.Category;
import org.sightline.schema.Erasure;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolEntry;
import org.sightline.schema.MetricPoint;
import org.sightline.schema.Rejection;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.serde.RegistrySerdes;
import org.sightline.testing.InMemoryRegistryClient;
import org.sightline.testing.TestMembers;
import org.sightline.topics.StoreNames;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * The correlation topology on a TopologyTestDriver, with the test federation and explicit times.
 */
final class TopologyFixture implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  private final InMemoryRegistryClient registry = new InMemoryRegistryClient();
  private final RegistrySerdes serdes = RegistrySerdes.withClient(registry);
  private final TopologyTestDriver driver;
  private final Map<String, TestOutputTopic<String, Alert>> alerts = new HashMap<>();
  private final TestOutputTopic<String, Rejection> rejected;
  private final Map<String, String> localities = new HashMap<>();

  TopologyFixture() {
    this(ProcessorSettings.defaults());
  }

  TopologyFixture(ProcessorSettings settings) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, StoreNames.PROCESSOR_APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // As in application.properties.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, FailedRecords.class);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableRecords.class);
    props.put(
        StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
        Topics.PROCESSOR_DEAD_LETTER.name());
    // A fresh state folder per test: the driver's stores are persistent and must not leak.
    try {
      props.put(
          StreamsConfig.STATE_DIR_CONFIG,
          java.nio.file.Files.createTempDirectory("topology-test-").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    driver =
        new TopologyTestDriver(
            // One partition, as the driver has: every record keyed by its locality is in place.
            CorrelationTopology.build(TestMembers.directory(), serdes, settings.withPartitions(1)),
            props,
            T0);
    rejected =
        driver.createOutputTopic(
            Topics.INTAKE_REJECTED.name(),
            new StringDeserializer(),
            Topics.INTAKE_REJECTED.valueSerde(serdes).deserializer());
  }

  /** The alert topic of a recipient: a country code or {@code secretariat}. */
  TestOutputTopic<String, Alert> alerts(String recipient) {
    return alerts.computeIfAbsent(
        recipient,
        r -> {
          TopicSpec<Alert> topic = Topics.alertsForRecipient(r);
          return driver.createOutputTopic(
              topic.name(), new StringDeserializer(), topic.valueSerde(serdes).deserializer());
        });
  }

  TestOutputTopic<String, Rejection> rejected() {
    return rejected;
  }

  TestOutputTopic<String, IwolEntry> iwol() {
    return driver.createOutputTopic(
        Topics.IWOL_DOMAINS.name(),
        new StringDeserializer(),
        Topics.IWOL_DOMAINS.valueSerde(serdes).deserializer());
  }

  /** The secretariat's review queue: proposals, and tombstones once settled. */
  TestOutputTopic<String, org.sightline.schema.IwolProposal> proposals() {
    return driver.createOutputTopic(
        Topics.IWOL_PROPOSALS.name(),
        new StringDeserializer(),
        Topics.IWOL_PROPOSALS.valueSerde(serdes).deserializer());
  }

  /** The secretariat adds a pattern to a managed warning list, or removes it. */
  void warningList(String pattern, org.sightline.schema.WarningListAction action, Instant at) {
    driver
        .createInputTopic(
            Topics.WARNINGLISTS_CHANGES.name(),
            new StringSerializer(),
            Topics.WARNINGLISTS_CHANGES.valueSerde(serdes).serializer())
        .pipeInput(
            pattern,
            org.sightline.schema.WarningListChange.newBuilder()
                .setPattern(pattern)
                .setAction(action)
                .setList("test")
                .setRequestedBy("cli:duty-officer")
                .setRequestedAt(at)
                .build(),
            at);
  }

  /** Raw bytes on the warning lists' topic, as a broken client might write them. */
  void warningListBytes(String key, byte[] bytes, Instant at) {
    driver
        .createInputTopic(
            Topics.WARNINGLISTS_CHANGES.name(),
            new StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())
        .pipeInput(key, bytes, at);
  }

  /** The secretariat's verdict on a proposed domain. */
  void review(
      String domain,
      org.sightline.schema.IwolVerdict verdict,
      String by,
      String reason,
      Instant at) {
    driver
        .createInputTopic(
            Topics.IWOL_REVIEWS.name(),
            new StringSerializer(),
            Topics.IWOL_REVIEWS.valueSerde(serdes).serializer())
        .pipeInput(
            domain, new org.sightline.schema.IwolReview(domain, verdict, by, at, reason), at);
  }

  TestOutputTopic<String, org.sightline.schema.KnownHash> hashes() {
    return driver.createOutputTopic(
        Topics.HASHES_KNOWN.name(),
        new StringDeserializer(),
        Topics.HASHES_KNOWN.valueSerde(serdes).deserializer());
  }

  KeyValueStore<String, IndicatorState> states() {
    return driver.getKeyValueStore(StoreNames.INDICATOR_STATE);
  }

  <K, V> KeyValueStore<K, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  /** Listed and proposed domains, and when each must next be checked for expiry. */
  KeyValueStore<String, Long> listed() {
    return driver.getKeyValueStore(StoreNames.IWOL_LISTED);
  }

  TestOutputTopic<String, MetricPoint> metrics() {
    return driver.createOutputTopic(
        Topics.METRICS_PER_MINUTE.name(),
        new StringDeserializer(),
        Topics.METRICS_PER_MINUTE.valueSerde(serdes).deserializer());
  }

  WindowStore<String, Long> metricsStore() {
    return driver.getWindowStore(StoreNames.METRICS_PER_MINUTE);
  }

  /** Moves the wall clock on, firing the punctuations (expiry checks, metric hand-offs). */
  void advanceWallClock(Duration by) {
    driver.advanceWallClockTime(by);
  }

  void delist(String domain, String by, String reason, Instant at) {
    driver
        .createInputTopic(
            Topics.IWOL_DELISTINGS.name(),
            new StringSerializer(),
            Topics.IWOL_DELISTINGS.valueSerde(serdes).serializer())
        .pipeInput(domain, new IwolDelisting(domain, by, at, reason), at);
  }

  /**
   * The secretariat erases one sighting of an agency, or every one when {@code sightingId} is null.
   */
  void erase(AgencyId agency, String sightingId, Instant at) {
    eraseKeyed(sightingId == null ? "*" : sightingId, agency, sightingId, at);
  }

  /** An erasure with the key given, right or wrong. */
  void eraseKeyed(String key, AgencyId agency, String sightingId, Instant at) {
    driver
        .createInputTopic(
            Topics.ERASURE_REQUESTS.name(),
            new StringSerializer(),
            Topics.ERASURE_REQUESTS.valueSerde(serdes).serializer())
        .pipeInput(
            key,
            new Erasure(agency.value(), sightingId, "secretariat-duty-officer", at, "court order"),
            at);
  }

  void publish(AgencyId agency, IntakeEvent event, String key, Instant at) {
    TopicSpec<IntakeEvent> topic = Topics.intake(agency);
    TestInputTopic<String, IntakeEvent> input =
        driver.createInputTopic(
            topic.name(), new StringSerializer(), topic.valueSerde(serdes).serializer());
    input.pipeInput(key, event, at);
  }

  /**
   * What the topology wrote to one of its own topics (a repartition topic, a changelog), as raw
   * values: the driver keeps those records as it keeps outputs.
   */
  TestOutputTopic<String, byte[]> internalTopic(String name) {
    return driver.createOutputTopic(name, new StringDeserializer(), new ByteArrayDeserializer());
  }

  TestOutputTopic<String, byte[]> deadLetters() {
    return driver.createOutputTopic(
        Topics.PROCESSOR_DEAD_LETTER.name(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Writes straight to a topic the processor reads, bypassing the intake's checks. */
  <V> void pipe(String topic, String key, V value, Serde<V> serde, Instant at) {
    driver
        .createInputTopic(topic, new StringSerializer(), serde.serializer())
        .pipeInput(key, value, at);
  }

  RegistrySerdes serdes() {
    return serdes;
  }

  /** The in-memory registry: which subjects the topology's serdes looked schemas up under. */
  InMemoryRegistryClient registry() {
    return registry;
  }

  void publishRaw(String topic, String key, byte[] value, Instant at) {
    driver
        .createInputTopic(topic, new StringSerializer(), new ByteArraySerializer())
        .pipeInput(key, value, at);
  }

  void sighting(AgencyId agency, String id, String url, Tlp tlp, Instant at) {
    sighting(agency, id, IndicatorType.URL, url, tlp, at, b -> {});
  }

  void sighting(
      AgencyId agency,
      String id,
      IndicatorType type,
      String value,
      Tlp tlp,
      Instant at,
      Consumer<Sighting.Builder> more) {
    Sighting.Builder b =
        Sighting.newBuilder()
            .setId(id)
            .setObservedAt(at)
            .setReportedAt(at)
            .setIndicator(new Indicator(type, value, null, null))
            .setCategory(Category.CSAM)
            .setConfidence(90)
            .setTlp(tlp)
            .setCaseRef("case-" + id);
    more.accept(b);
    Sighting sighting = b.build();
    String locality = localityOf(sighting);
    if (locality != null) {
      localities.put(agency.value() + "/" + id, locality);
    }
    publish(agency, new IntakeEvent(sighting), locality == null ? id : locality, at);
  }

  /** As the intake keys it: by locality (null when the test's indicator is invalid on purpose). */
  static String localityOf(Sighting sighting) {
    try {
      return Canonicalizer.canonicalize(sighting.getIndicator(), "NL").localityKey();
    } catch (InvalidIndicatorException e) {
      return null;
    }
  }

  /** The agency withdraws its sighting as a false positive, as the intake writes it. */
  void markFalsePositive(AgencyId agency, String sightingId, Instant at) {
    String locality = localities.get(agency.value() + "/" + sightingId);
    publish(
        agency,
        new IntakeEvent(new Retraction(sightingId, at, "not abuse material", locality, true)),
        locality == null ? sightingId : locality,
        at);
  }

  /** As the intake writes it: with the locality of the sighting when it was sent here. */
  void retract(AgencyId agency, String sightingId, Instant at) {
    String locality = localities.get(agency.value() + "/" + sightingId);
    publish(
        agency,
        new IntakeEvent(new Retraction(sightingId, at, "entered in error", locality, false)),
        locality == null ? sightingId : locality,
        at);
  }

  @Override
  public void close() {
    driver.close();
  }
}
