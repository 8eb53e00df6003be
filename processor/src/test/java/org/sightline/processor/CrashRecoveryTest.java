package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sightline.members.AgencyId;
import org.sightline.members.MemberDirectory;
import org.sightline.processor.topology.CorrelationTopology;
import org.sightline.processor.topology.ProcessorSettings;
import org.sightline.schema.Alert;
import org.sightline.schema.IntakeEvent;
import org.sightline.serde.RegistrySerdes;
import org.sightline.testing.InMemoryRegistryClient;
import org.sightline.testing.SightlineStackExtension;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestSightings;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Exactly once, proven the hard way: the processor runs in its own JVM, is killed with SIGKILL in
 * the middle of a 100k-sighting feed and restarted; the alert topics then hold exactly the alerts
 * that the same feed produces on a TopologyTestDriver — none lost, none twice.
 */
@Tag("faults")
@ExtendWith(SightlineStackExtension.class)
class CrashRecoveryTest {

  /**
   * 100k by default, as the issue asks; {@code -Dorg.sightline.crash.sightings=N} for a quicker
   * run.
   */
  private static final int SIGHTINGS = Integer.getInteger("org.sightline.crash.sightings", 100_000);

  /** Countries of their own, so no other processor of this JVM touches these topics. */
  private static final List<String> AGENCIES = List.of("gh-crash:GH", "pe-crash:PE");

  private static final MemberDirectory MEMBERS = CrashTestProcessor.members(AGENCIES);

  private record Feed(AgencyId agency, String key, IntakeEvent event) {}

  /** Half the indicators are reported by both agencies: 25k cross-border matches, 75k alerts. */
  private static List<Feed> feed(String run) {
    List<Feed> feed = new ArrayList<>(SIGHTINGS);
    AgencyId gh = AgencyId.of("gh-crash");
    AgencyId pe = AgencyId.of("pe-crash");
    Instant at = Instant.parse("2026-11-20T10:00:00Z");
    int indicators = SIGHTINGS * 3 / 4;
    for (int i = 0; i < indicators; i++) {
      String url = "http://crash-" + run + "-" + i + ".example/";
      // One agency keys by locality (in place, one hop), the other by id as older producers do
      // (moved to its locality first): the crash is survived on both paths.
      feed.add(sighting(gh, "gh-" + i, url, at, true));
      if (i % 3 == 0) {
        feed.add(sighting(pe, "pe-" + i, url, at, false));
      }
    }
    return feed.subList(0, Math.min(feed.size(), SIGHTINGS));
  }

  private static Feed sighting(
      AgencyId agency, String id, String url, Instant at, boolean byLocality) {
    String key =
        byLocality
            ? org.sightline.indicator.Canonicalizer.canonicalize("url", url, null).localityKey()
            : id;
    return new Feed(agency, key, TestSightings.url(id, url, at));
  }

  /** What the feed must produce: alert id -> topic, from the same topology on a test driver. */
  private static Map<String, String> expected(List<Feed> feed) throws java.io.IOException {
    RegistrySerdes serdes = RegistrySerdes.withClient(new InMemoryRegistryClient());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "expected");
    // A fresh state folder: the driver's stores are persistent, and a leftover one would dedupe.
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("expected-").toString());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    Map<String, String> expected = new HashMap<>();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            CorrelationTopology.build(MEMBERS, serdes, ProcessorSettings.defaults()), props)) {
      Map<AgencyId, TestInputTopic<String, IntakeEvent>> inputs = new HashMap<>();
      for (Feed f : feed) {
        inputs
            .computeIfAbsent(
                f.agency(),
                a ->
                    driver.createInputTopic(
                        Topics.intake(a).name(),
                        new StringSerializer(),
                        Topics.intake(a).valueSerde(serdes).serializer()))
            .pipeInput(f.key(), f.event());
      }
      for (TopicSpec<Alert> topic : alertTopics()) {
        TestOutputTopic<String, Alert> out =
            driver.createOutputTopic(
                topic.name(), new StringDeserializer(), topic.valueSerde(serdes).deserializer());
        out.readValuesToList().forEach(a -> expected.put(a.getId(), topic.name()));
      }
    }
    return expected;
  }

  private static List<TopicSpec<Alert>> alertTopics() {
    List<TopicSpec<Alert>> topics = new ArrayList<>();
    MEMBERS.countries().forEach(c -> topics.add(Topics.alerts(c)));
    topics.add(Topics.ALERTS_SECRETARIAT);
    return topics;
  }

  @Test
  void sigkillInTheMiddleOfAFeedLosesAndDuplicatesNothing(SightlineTestStack stack)
      throws Exception {
    stack.provision(Topics.all(MEMBERS));
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Feed> feed = feed(run);
    long t0 = System.nanoTime();
    Map<String, String> expected = expected(feed);
    System.out.printf(
        "crash test: expected alerts computed in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    assertThat(expected).hasSize(SIGHTINGS / 4 * 3);

    try (KafkaProducer<String, IntakeEvent> producer =
        stack.producer(Topics.intake(AgencyId.of("gh-crash")))) {
      for (Feed f : feed) {
        producer.send(new ProducerRecord<>(Topics.intake(f.agency()).name(), f.key(), f.event()));
      }
      producer.flush();
    }

    String app = "crash-" + run;
    stack.provisionProcessor(app);
    Path state = Files.createTempDirectory("crash-state-");
    Map<String, Integer> seen = new TreeMap<>();
    try (KafkaConsumer<String, Alert> consumer = alertConsumer(stack, run)) {
      Process first = startProcessor(stack, app, state);
      try {
        // Let it get well into the feed, then kill it without warning.
        awaitAlerts(consumer, run, seen, expected.size() / 3, Duration.ofSeconds(120));
      } finally {
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      assertThat(seen.size()).as("killed mid-feed").isLessThan(expected.size());

      System.out.printf(
          "crash test: killed after %d of %d alerts, %d ms in%n",
          seen.size(), expected.size(), (System.nanoTime() - t0) / 1_000_000);
      Process second = startProcessor(stack, app, state);
      try {
        awaitAlerts(consumer, run, seen, expected.size(), Duration.ofSeconds(240));
        System.out.printf(
            "crash test: restarted instance done with %d alerts, %d ms in%n",
            seen.size(), (System.nanoTime() - t0) / 1_000_000);
        // Anything extra would arrive now.
        awaitAlerts(consumer, run, seen, Integer.MAX_VALUE, Duration.ofSeconds(5));
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
    }
    // Set arithmetic, not AssertJ's in-any-order matching, which is quadratic on 75k alerts.
    Set<String> lost = new HashSet<>(expected.keySet());
    lost.removeAll(seen.keySet());
    Set<String> unexpected = new HashSet<>(seen.keySet());
    unexpected.removeAll(expected.keySet());
    assertThat(lost).as("alerts lost").isEmpty();
    assertThat(unexpected).as("alerts that should not exist").isEmpty();
    assertThat(seen.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey))
        .as("alerts delivered more than once")
        .isEmpty();
  }

  private static KafkaConsumer<String, Alert> alertConsumer(SightlineTestStack stack, String run) {
    KafkaConsumer<String, Alert> consumer =
        stack.consumer(Topics.ALERTS_SECRETARIAT, "crash-check-" + run);
    consumer.subscribe(alertTopics().stream().map(TopicSpec::name).toList());
    return consumer;
  }

  private static void awaitAlerts(
      KafkaConsumer<String, Alert> consumer,
      String run,
      Map<String, Integer> seen,
      int target,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (seen.size() < target && System.nanoTime() < deadline) {
      consumer
          .poll(Duration.ofMillis(200))
          .forEach(
              r -> {
                if (r.value().getIndicator().contains(run)) {
                  seen.merge(r.value().getId(), 1, Integer::sum);
                }
              });
    }
  }

  private static Process startProcessor(SightlineTestStack stack, String app, Path state)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    String profile = System.getProperty("org.sightline.crash.jfr");
    if (profile != null) {
      cmd.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + profile
              + "-"
              + System.nanoTime()
              + ".jfr");
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashTestProcessor.class.getName());
    // The broker's address and the admin's credential, in a file only this user reads.
    Path client = Files.createTempFile("crash-client-", ".properties");
    java.util.Properties props = new java.util.Properties();
    stack.clientProperties().forEach((k, v) -> props.setProperty(k, String.valueOf(v)));
    try (var out = Files.newOutputStream(client)) {
      props.store(out, "crash test processor");
    }
    cmd.add(client.toString());
    cmd.add(stack.registryUrl());
    cmd.add(app);
    cmd.add(state.toString());
    cmd.addAll(AGENCIES);
    File log = Files.createTempFile("crash-processor-", ".log").toFile();
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
  }
}
