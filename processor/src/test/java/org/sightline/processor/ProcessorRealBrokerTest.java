package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sightline.erasure.ErasureRequests;
import org.sightline.members.AgencyId;
import org.sightline.members.CountryCode;
import org.sightline.members.Principal;
import org.sightline.pdq.PdqHasher;
import org.sightline.pdq.PdqResult;
import org.sightline.processor.query.IndicatorQueries;
import org.sightline.processor.query.SightingQueries;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.MetricPoint;
import org.sightline.schema.Rejection;
import org.sightline.schema.Tlp;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.testing.TestSightings;
import org.sightline.topics.StoreNames;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/** The processor on the real broker and registry, exactly-once v2, as it runs in production. */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class ProcessorRealBrokerTest {

  /**
   * Until Kafka Streams is RUNNING (the health checks report its state and its topics): a test that
   * publishes while the processor still starts measures its start-up, not the topology.
   */
  @TestHTTPResource(value = "/health", management = true)
  URL health;

  @TestHTTPResource(value = IndicatorQueries.PATH, tls = true)
  URL indicators;

  @org.junit.jupiter.api.BeforeEach
  void processorRunning() throws Exception {
    long deadline = System.currentTimeMillis() + 90_000;
    while (QueryClient.status(health) != 200) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the processor was not healthy within 90 s");
      }
      Thread.sleep(250);
    }
  }

  private final SightlineTestStack stack = SightlineTestStack.get();

  private void publish(AgencyId agency, String id, String url) {
    stack.publishUrl(agency, id, url, Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> List<V> readUntil(
      TopicSpec<V> topic, java.util.function.Predicate<List<V>> done) {
    return readUntil(topic, done, 120_000);
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> List<V> readUntil(
      TopicSpec<V> topic, java.util.function.Predicate<List<V>> done, long waitMillis) {
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        SightlineTestStack.get().consumer(topic, "test-" + UUID.randomUUID())) {
      consumer.subscribe(List.of(topic.name()));
      // Generous: a 2-core machine shared with builds can be slow to hand the first records on.
      long deadline = System.currentTimeMillis() + waitMillis;
      while (!done.test(values) && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(250)).forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }

  /**
   * One sighting keyed by its locality (in place) and one keyed by its id, as an older producer
   * writes it: moved to its locality first, and correlated with the other exactly once.
   */
  @Test
  void theProcessorWaitedForEveryTopicItsTopologyNames() throws Exception {
    String readiness =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(health.toString() + "/ready"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    // Quarkus lists the topics of quarkus.kafka-streams.topics it found: RequiredTopics's list.
    for (var topic : org.sightline.processor.topology.CorrelationTopology.NAMED_TOPICS) {
      assertThat(readiness).as(readiness).contains(topic.name());
    }
  }

  @Test
  void aHashConfirmedByTwoCountriesIsListedAndItsRetractionIsATombstone() throws Exception {
    String hash = UUID.randomUUID().toString().replace("-", "").repeat(2);
    String key = "sha256:" + hash;
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String deId = "de-hash-" + UUID.randomUUID();
    for (AgencyId agency : List.of(TestMembers.NL_POLICE, TestMembers.DE_POLICE)) {
      String id = agency.equals(TestMembers.DE_POLICE) ? deId : "nl-hash-" + UUID.randomUUID();
      IntakeEvent event =
          new IntakeEvent(TestSightings.of(id, IndicatorType.SHA256, hash, Tlp.GREEN, at).build());
      intake(agency, key, event);
    }
    var listed =
        stack.await(Topics.HASHES_KNOWN, r -> key.equals(r.key()), 1, Duration.ofSeconds(90));
    assertThat(listed)
        .singleElement()
        .satisfies(r -> assertThat(r.value().getValue()).isEqualTo(hash));
    assertThat(listed.get(0).value().toString()).doesNotContain("police", deId);

    intake(
        TestMembers.DE_POLICE,
        key,
        new IntakeEvent(
            org.sightline.schema.Retraction.newBuilder()
                .setSightingId(deId)
                .setRetractedAt(at.plusSeconds(1))
                .setLocality(key)
                .build()));
    var both =
        stack.await(Topics.HASHES_KNOWN, r -> key.equals(r.key()), 2, Duration.ofSeconds(90));
    assertThat(both).hasSize(2);
    assertThat(both.get(1).value()).as("the tombstone").isNull();
  }

  private void intake(AgencyId agency, String key, IntakeEvent event) throws Exception {
    TopicSpec<IntakeEvent> topic = Topics.intake(agency);
    try (var producer = stack.producer(topic)) {
      producer
          .send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), key, event))
          .get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void aCrossBorderMatchReachesBothCountriesAndIsQueryable() throws Exception {
    String url = "http://cross-border.example/" + UUID.randomUUID();
    publish(TestMembers.NL_POLICE, "nl-" + UUID.randomUUID(), url);
    String joId = "jo-" + UUID.randomUUID();
    stack.publishUrl(
        TestMembers.JO_POLICE, joId, url, Instant.now().truncatedTo(ChronoUnit.MILLIS), joId);

    for (String country : List.of("NL", "JO")) {
      List<Alert> alerts =
          readUntil(
              Topics.alerts(CountryCode.of(country)),
              got -> got.stream().anyMatch(a -> a.getIndicator().equals("url:" + url)));
      Alert alert =
          alerts.stream()
              .filter(a -> a.getIndicator().equals("url:" + url))
              .findFirst()
              .orElseThrow();
      assertThat(alert.getReason()).isEqualTo(AlertReason.CROSS_BORDER_MATCH);
      assertThat(alert.getCountries()).containsExactly("JO", "NL");
    }

    // As the console asks: over mutual TLS, with the consumers' certificate.
    var answer = QueryClient.asConsumers(stack).get(indicators, "url:" + url);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(QueryClient.JSON.readTree(answer.body()).path("sightingCount").asLong())
        .isEqualTo(2);

    // The dashboards' series: handed on every few seconds, from the real processor. Each task
    // hands on its own counts, so the alert's and the sighting's points arrive in either order.
    List<MetricPoint> points =
        readUntil(
            Topics.METRICS_PER_MINUTE,
            got ->
                got.stream()
                        .anyMatch(
                            p ->
                                p.getMetric().equals("alerts")
                                    && "JO".equals(p.getDimensions().get("recipient")))
                    && got.stream()
                        .anyMatch(
                            p ->
                                p.getMetric().equals("sightings")
                                    && "jo-police".equals(p.getDimensions().get("agency"))));
    assertThat(points)
        .anySatisfy(
            p -> {
              assertThat(p.getMetric()).isEqualTo("alerts");
              assertThat(p.getDimensions()).containsEntry("recipient", "JO");
              assertThat(p.getCount()).isPositive();
            });
    assertThat(points)
        .anySatisfy(
            p -> {
              assertThat(p.getMetric()).isEqualTo("sightings");
              assertThat(p.getDimensions()).containsEntry("agency", "jo-police");
              assertThat(p.getCount()).isPositive();
            });
  }

  @TestHTTPResource(value = SightingQueries.PATH, tls = true)
  URL held;

  @Test
  void anErasureOnTheBrokerLeavesATombstoneInEveryChangelogThatHeldTheSighting() throws Exception {
    String id = "nl-erase-" + UUID.randomUUID();
    String url = "http://erase-on-broker.example/" + id;
    publish(TestMembers.NL_POLICE, id, url);
    QueryClient intake = QueryClient.as(stack.serviceTls(Principal.INTAKE));
    awaitHeld(intake, id, true);

    try (var producer = stack.producer(Topics.ERASURE_REQUESTS)) {
      ErasureRequests.write(
          producer,
          ErasureRequests.of("nl-police", Optional.of(id), "test", "court order", Instant.now()));
    }
    awaitHeld(intake, id, false);
    assertThat(QueryClient.asConsumers(stack).get(indicators, "url:" + url).statusCode())
        .as("the indicator's state is gone")
        .isEqualTo(404);

    // The changelogs: the newest record of each key the sighting had is a tombstone, and the
    // topic bounds how long the older ones wait for compaction.
    String app = "sightline-processor";
    Map<String, String> lastValues = new HashMap<>();
    String ledger = StoreNames.changelogTopic(app, StoreNames.SIGHTING_KEYS);
    String states = StoreNames.changelogTopic(app, StoreNames.INDICATOR_STATE);
    try (Admin admin = Admin.create(stack.adminAccess().clientProperties())) {
      var resources =
          List.of(
              new ConfigResource(ConfigResource.Type.TOPIC, ledger),
              new ConfigResource(ConfigResource.Type.TOPIC, states));
      admin
          .describeConfigs(resources)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach(
              (topic, config) ->
                  assertThat(config.get("max.compaction.lag.ms").value())
                      .as(topic.name())
                      .isEqualTo(Long.toString(Duration.ofDays(7).toMillis())));
    }
    Map<String, Object> props = new HashMap<>(stack.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-changelog-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    String ledgerKey = "nl-police/" + id;
    String stateKey = "url:" + url;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(ledger, states));
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline
          && !(lastValues.containsKey(ledgerKey)
              && lastValues.get(ledgerKey) == null
              && lastValues.containsKey(stateKey)
              && lastValues.get(stateKey) == null)) {
        for (var r : consumer.poll(Duration.ofMillis(250))) {
          if (ledgerKey.equals(r.key()) || stateKey.equals(r.key())) {
            lastValues.put(r.key(), r.value() == null ? null : "value");
          }
        }
      }
    }
    assertThat(lastValues).containsEntry(ledgerKey, null).containsEntry(stateKey, null);
  }

  private void awaitHeld(QueryClient intake, String id, boolean expected) throws Exception {
    long deadline = System.currentTimeMillis() + 90_000;
    String last = "";
    while (System.currentTimeMillis() < deadline) {
      var answer = intake.held(held, "nl-police", id);
      last = answer.statusCode() + " " + answer.body();
      if (answer.statusCode() == 200
          && QueryClient.JSON.readTree(answer.body()).path("held").asBoolean() == expected) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("held never became " + expected + " for " + id + ": " + last);
  }

  @Test
  void aModifiedImagePublishedInOneCountryIsANearDuplicateForTheCountryWithTheOriginal()
      throws Exception {
    // PDQ's reference images, hashed here as an agency's own machine would (sightline hash).
    Path reference = Path.of("../pdq/src/test/resources/pdq-reference");
    PdqHasher hasher = new PdqHasher();
    PdqResult original = hasher.hash(reference.resolve("aaa-orig.jpg"));
    PdqResult modified = hasher.hash(reference.resolve("sharpen-a-lot.jpg"));
    assertThat(original.hash().distance(modified.hash())).isBetween(1, 31);

    String originalKey = "pdq:" + original.hash().toHex();
    publishPdq(TestMembers.NL_POLICE, "nl-pdq-" + UUID.randomUUID(), original);
    // The original first, then the copy: the alert goes to the indicator seen first, and NL's and
    // JO's intake partitions belong to different tasks, which the processor may serve in either
    // order when both records arrive in one poll.
    long deadline = System.currentTimeMillis() + 60_000;
    QueryClient consumers = QueryClient.asConsumers(stack);
    while (consumers.get(indicators, originalKey).statusCode() != 200) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(
            "the original's sighting was not in the processor's state in 60 s");
      }
      Thread.sleep(200);
    }
    publishPdq(TestMembers.JO_POLICE, "jo-pdq-" + UUID.randomUUID(), modified);

    List<Alert> toNl =
        readUntil(
            Topics.alerts(CountryCode.of("NL")),
            got ->
                got.stream()
                    .anyMatch(
                        a ->
                            a.getReason() == AlertReason.NEAR_DUPLICATE_HASH
                                && a.getIndicator().equals(originalKey)));
    Alert alert =
        toNl.stream()
            .filter(a -> a.getReason() == AlertReason.NEAR_DUPLICATE_HASH)
            .filter(a -> a.getIndicator().equals(originalKey))
            .findFirst()
            .orElseThrow();
    assertThat(alert.getCountries()).containsExactly("JO", "NL");
    assertThat(alert.getAttributes()).containsEntry("linked", "pdq:" + modified.hash().toHex());
  }

  private void publishPdq(AgencyId agency, String id, PdqResult pdq) throws Exception {
    TopicSpec<IntakeEvent> topic = Topics.intake(agency);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    var sighting =
        TestSightings.of(id, IndicatorType.PDQ, pdq.hash().toHex(), Tlp.GREEN, now).build();
    sighting.getIndicator().setQuality(pdq.quality());
    try (var producer = stack.producer(topic)) {
      producer
          .send(new ProducerRecord<>(topic.name(), localityOf(sighting), new IntakeEvent(sighting)))
          .get();
    }
  }

  /** As the intake keys a sighting. */
  private static String localityOf(org.sightline.schema.Sighting sighting) {
    return org.sightline.indicator.Canonicalizer.canonicalize(sighting.getIndicator(), null)
        .localityKey();
  }

  /**
   * The storm test of {@link AlertStormTest} on the real broker: 24 variants of one image from
   * three agencies of three countries, sent at once, raise a handful of near-duplicate alerts per
   * recipient, all about the image's first hash, not one per pair of variants.
   */
  @Test
  void variantsOfOneImageDoNotStormARecipient() throws Exception {
    Random random = new Random(UUID.randomUUID().getMostSignificantBits());
    // An image of its own: the shared broker's index holds the other tests' images.
    byte[] bits = new byte[32];
    random.nextBytes(bits);
    String original = java.util.HexFormat.of().formatHex(bits);
    List<AgencyId> agencies =
        List.of(TestMembers.NL_POLICE, TestMembers.DE_POLICE, TestMembers.JO_POLICE);
    String run = UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Map<AgencyId, KafkaProducer<String, IntakeEvent>> producers = new HashMap<>();
    try {
      for (int i = 0; i < 24; i++) {
        AgencyId agency = agencies.get(i % agencies.size());
        String hex = i == 0 ? original : AlertStormTest.variant(original, random);
        String id = "storm-" + run + "-" + i;
        var sighting = TestSightings.of(id, IndicatorType.PDQ, hex, Tlp.GREEN, now).build();
        TopicSpec<IntakeEvent> topic = Topics.intake(agency);
        producers
            .computeIfAbsent(agency, a -> stack.producer(topic))
            .send(
                new ProducerRecord<>(topic.name(), localityOf(sighting), new IntakeEvent(sighting)))
            .get();
      }
    } finally {
      producers.values().forEach(KafkaProducer::close);
    }
    // Until JO has been told about all three agencies behind the image, then a little longer for
    // any storm to show.
    List<Alert> toJo =
        readUntil(
            Topics.alerts(CountryCode.of("JO")),
            got ->
                got.stream()
                    .anyMatch(
                        a ->
                            a.getReason() == AlertReason.NEAR_DUPLICATE_HASH
                                && a.getIndicator().equals("pdq:" + original)
                                && a.getAgencies().size() == 3));
    Thread.sleep(3_000);
    toJo.addAll(readUntil(Topics.alerts(CountryCode.of("JO")), got -> false, 5_000));
    List<Alert> storm =
        toJo.stream()
            .filter(a -> a.getReason() == AlertReason.NEAR_DUPLICATE_HASH)
            .filter(a -> a.getSightingIds().stream().anyMatch(id -> id.contains(run)))
            .toList();
    assertThat(storm)
        .as("near-duplicate alerts to JO (each counted twice at most: read twice)")
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.getIndicator()).isEqualTo("pdq:" + original));
    assertThat(storm.stream().map(Alert::getId).distinct().count()).isLessThanOrEqualTo(6);
  }

  @Test
  @Tag("faults")
  void poisonRecordsAreRejectedAndTheProcessorKeepsRunning() throws Exception {
    String marker = "poison-" + UUID.randomUUID();
    try (var producer =
        new KafkaProducer<>(
            stack.clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("intake.de-police", marker, "not avro".getBytes())).get();
      producer
          .send(
              new ProducerRecord<>(
                  "intake.de-police", marker + "-id", new byte[] {0, 0, 1, 0, 0, 1}))
          .get();
    }
    // Valid Avro, invalid content: an MD5 that is no hash, and a record near the broker's
    // size limit (a 900 kB "URL"), whose rejection must still fit on intake.rejected.
    String invalid = marker + "-invalid";
    String oversized = marker + "-oversized";
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TopicSpec<IntakeEvent> deIntake = Topics.intake(TestMembers.DE_POLICE);
    try (var producer = stack.producer(deIntake)) {
      producer
          .send(
              new ProducerRecord<>(
                  deIntake.name(),
                  invalid,
                  new IntakeEvent(
                      TestSightings.of(invalid, IndicatorType.MD5, "not-a-hash", Tlp.GREEN, now)
                          .build())))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  deIntake.name(),
                  oversized,
                  TestSightings.url(oversized, "http://big.example/" + "a".repeat(900_000), now)))
          .get();
    }
    List<Rejection> rejections =
        readUntil(
            Topics.INTAKE_REJECTED,
            got ->
                got.stream()
                        .filter(r -> r.getSourceKey() != null)
                        .filter(r -> r.getSourceKey().startsWith(marker))
                        .count()
                    == 4);
    List<Rejection> ours =
        rejections.stream()
            .filter(r -> r.getSourceKey() != null && r.getSourceKey().startsWith(marker))
            .toList();
    assertThat(ours).hasSize(4);
    assertThat(ours)
        .filteredOn(r -> r.getSourceKey().equals(marker) || r.getSourceKey().endsWith("-id"))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.getReason()).contains("not an IntakeEvent"));
    Rejection notAUrl =
        ours.stream().filter(r -> r.getSourceKey().equals(invalid)).findFirst().orElseThrow();
    assertThat(notAUrl.getField()).startsWith("indicator");
    assertThat(notAUrl.getPayload()).as("kept, to be repaired and replayed").isNotNull();
    Rejection big =
        ours.stream().filter(r -> r.getSourceKey().equals(oversized)).findFirst().orElseThrow();
    assertThat(big.getField()).startsWith("indicator");
    assertThat(big.getReason().length()).as("the reason does not echo the value").isLessThan(2000);

    // Still processing: a match after the poison is alerted.
    String url = "http://after-poison.example/" + UUID.randomUUID();
    publish(TestMembers.DE_POLICE, "de-" + UUID.randomUUID(), url);
    publish(TestMembers.NL_HOTLINE, "nlh-" + UUID.randomUUID(), url);
    assertThat(
            readUntil(
                Topics.ALERTS_SECRETARIAT,
                got -> got.stream().anyMatch(a -> a.getIndicator().equals("url:" + url))))
        .anyMatch(a -> a.getIndicator().equals("url:" + url));
  }
}
