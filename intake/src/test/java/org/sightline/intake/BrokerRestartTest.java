package org.sightline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sightline.members.AgencyId;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * The broker goes away in the middle of a feed and comes back: concurrent clients POST sightings,
 * one by one and in NDJSON and CSV batches, to an intake on a broker of its own ({@link
 * DedicatedBrokerProfile}); a quarter into the feed the broker is stopped, kept down longer than
 * the intake's acknowledgement timeout, and restarted on the same port with the same data. Every
 * answer is an acknowledgement or a clear error (503 with a JSON body while the broker is away),
 * never a hang; the clients resend what was not acknowledged. Afterwards the intake topics, read
 * committed, hold every sighting exactly once, and a single POST's receipt names its record.
 *
 * <p>{@code -Dorg.sightline.restart.sightings=N} sizes the feed (default 6000), {@code
 * -Dorg.sightline.restart.downtime-ms=M} the outage (default 6000).
 */
@Tag("faults")
@QuarkusTest
@TestProfile(DedicatedBrokerProfile.class)
class BrokerRestartTest {

  private static final int SIGHTINGS = Integer.getInteger("org.sightline.restart.sightings", 6000);
  private static final long DOWNTIME_MS = Long.getLong("org.sightline.restart.downtime-ms", 6000);
  private static final int CLIENTS = 6;
  private static final int CHUNK = 100;

  /** Longer than the intake may ever take to answer (2 s ack timeout): beyond it is a hang. */
  private static final Duration HANG = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<AgencyId> AGENCIES =
      List.of(TestMembers.NL_POLICE, TestMembers.DE_POLICE);

  @TestHTTPResource("/")
  URL base;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  /** One request's worth: a single sighting or a batch, of one agency, resent until held. */
  private record Unit(AgencyId agency, List<String> ids, String path, String type, String body) {}

  private record Receipt(int partition, long offset) {}

  private final Map<String, Receipt> singleReceipts = new ConcurrentHashMap<>();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger unavailable = new AtomicInteger();
  private final AtomicInteger unavailableWhileDown = new AtomicInteger();
  private final AtomicInteger resends = new AtomicInteger();
  private final AtomicInteger replayed = new AtomicInteger();
  private final AtomicLong slowestMs = new AtomicLong();
  private volatile boolean down;

  @Test
  void aBrokerRestartMidFeedLosesAndDuplicatesNothing() throws Exception {
    assertThat(bootstrap)
        .as("the intake writes to the dedicated broker, not the shared one")
        .isEqualTo(DedicatedBrokerProfile.broker().apply("bootstrap"));
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Unit> units = units(run);
    Set<String> expected = new HashSet<>();
    units.forEach(u -> expected.addAll(u.ids()));
    assertThat(expected).hasSize(SIGHTINGS);
    System.out.printf(
        "broker restart: %d sightings in %d requests, %d clients, run %s, outage %d ms%n",
        SIGHTINGS, units.size(), CLIENTS, run, DOWNTIME_MS);

    long t0 = System.nanoTime();
    Queue<Unit> queue = new ConcurrentLinkedQueue<>(units);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(
            pool.submit(
                () -> {
                  for (Unit u = queue.poll(); u != null; u = queue.poll()) {
                    deliver(http, u);
                  }
                  return null;
                }));
      }
      Future<?> outage = pool.submit(() -> outage(t0));
      for (Future<?> f : clients) {
        f.get(5, TimeUnit.MINUTES);
      }
      outage.get(1, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    long fedMs = (System.nanoTime() - t0) / 1_000_000;

    Map<String, List<Receipt>> records = new HashMap<>();
    for (AgencyId agency : AGENCIES) {
      records.putAll(readCommitted(agency, "rs-" + run + "-"));
    }
    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(records.keySet());
    List<String> twice =
        records.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .map(e -> e.getKey())
            .toList();
    Set<String> unexpected = new HashSet<>(records.keySet());
    unexpected.removeAll(expected);
    List<String> wrongReceipts =
        singleReceipts.entrySet().stream()
            .filter(
                e ->
                    records.containsKey(e.getKey())
                        && !records.get(e.getKey()).contains(e.getValue()))
            .map(e -> e.getKey() + " " + e.getValue() + " vs " + records.get(e.getKey()))
            .toList();
    System.out.printf(
        "broker restart: fed in %d ms; %d acknowledged, %d records, %d answers 503 (%d while the"
            + " broker was down), %d resends, %d replayed receipts, slowest answer %d ms; lost %d,"
            + " twice %d%n",
        fedMs,
        acknowledged.size(),
        records.values().stream().mapToInt(List::size).sum(),
        unavailable.get(),
        unavailableWhileDown.get(),
        resends.get(),
        replayed.get(),
        slowestMs.get(),
        lost.size(),
        twice.size());

    assertThat(failures).as("answers that were neither an acknowledgement nor a 503").isEmpty();
    assertThat(acknowledged).as("every sighting acknowledged in the end").isEqualTo(expected);
    assertThat(unavailableWhileDown.get()).as("the outage was felt by the clients").isPositive();
    // Before the fix, a request waited for the broker's metadata up to 60 s: never again.
    assertThat(slowestMs.get())
        .as("slowest answer, against twice the 2 s acknowledgement timeout")
        .isLessThan(4000);
    assertThat(lost).as("acknowledged but not in the topic").isEmpty();
    assertThat(twice).as("in the topic more than once").isEmpty();
    assertThat(unexpected).as("records nobody sent").isEmpty();
    assertThat(wrongReceipts).as("receipts that do not name their record").isEmpty();
  }

  /** A quarter into the feed, the broker goes away for DOWNTIME_MS and comes back. */
  private Void outage(long t0) throws InterruptedException {
    while (acknowledged.size() < SIGHTINGS / 4) {
      Thread.sleep(20);
    }
    System.out.printf(
        "broker restart: stopping the broker after %d acknowledged, %d ms in%n",
        acknowledged.size(), (System.nanoTime() - t0) / 1_000_000);
    down = true;
    DedicatedBrokerProfile.broker().apply("stop");
    Thread.sleep(DOWNTIME_MS);
    long restart = System.nanoTime();
    DedicatedBrokerProfile.broker().apply("restart");
    down = false;
    System.out.printf(
        "broker restart: broker back after %d ms (%d ms to start), %d acknowledged%n",
        DOWNTIME_MS + (System.nanoTime() - restart) / 1_000_000,
        (System.nanoTime() - restart) / 1_000_000,
        acknowledged.size());
    return null;
  }

  /** Half the chunks as single POSTs, the others as NDJSON or CSV batches; both agencies. */
  private List<Unit> units(String run) {
    List<Unit> units = new ArrayList<>();
    for (int from = 0, chunk = 0; from < SIGHTINGS; from += CHUNK, chunk++) {
      AgencyId agency = AGENCIES.get(chunk % AGENCIES.size());
      List<String> ids = new ArrayList<>();
      for (int i = from; i < Math.min(SIGHTINGS, from + CHUNK); i++) {
        ids.add("rs-" + run + "-" + i);
      }
      switch (chunk % 4) {
        case 0, 3 ->
            ids.forEach(
                id ->
                    units.add(
                        new Unit(
                            agency,
                            List.of(id),
                            "api/v1/sightings",
                            "application/json",
                            json(id))));
        case 1 -> {
          StringBuilder ndjson = new StringBuilder();
          ids.forEach(id -> ndjson.append(json(id)).append('\n'));
          units.add(
              new Unit(
                  agency,
                  ids,
                  "api/v1/sightings/batch",
                  "application/x-ndjson",
                  ndjson.toString()));
        }
        default -> {
          StringBuilder csv =
              new StringBuilder("id,observed_at,type,value,category,confidence,tlp\n");
          ids.forEach(
              id ->
                  csv.append(id)
                      .append(",2026-11-20T10:15:00Z,url,http://")
                      .append(id)
                      .append(".example/a,CSAM,80,GREEN\n"));
          units.add(new Unit(agency, ids, "api/v1/sightings/batch", "text/csv", csv.toString()));
        }
      }
    }
    return units;
  }

  private static String json(String id) {
    return "{\"id\":\""
        + id
        + "\",\"observedAt\":\"2026-11-20T10:15:00Z\",\"indicator\":{\"type\":\"url\",\"value\":"
        + "\"http://"
        + id
        + ".example/a\"},\"category\":\"CSAM\",\"confidence\":80,\"tlp\":\"GREEN\"}";
  }

  /** Sends until the intake acknowledged every sighting of the unit; records what it answered. */
  private void deliver(HttpClient http, Unit u) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(u.path()))
            .header("Authorization", "Bearer " + TestMembers.apiKey(u.agency()))
            .header("Content-Type", u.type())
            .timeout(HANG)
            .POST(HttpRequest.BodyPublishers.ofString(u.body()))
            .build();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      if (attempt > 0) {
        resends.incrementAndGet();
        Thread.sleep(100);
      }
      boolean wasDown = down;
      long sent = System.nanoTime();
      HttpResponse<String> r;
      try {
        r = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        failures.add(u.ids().get(0) + ": no answer within " + HANG + " (a hang)");
        return;
      }
      slowestMs.accumulateAndGet((System.nanoTime() - sent) / 1_000_000, Math::max);
      JsonNode body;
      try {
        body = JSON.readTree(r.body());
      } catch (Exception e) {
        failures.add(u.ids().get(0) + ": " + r.statusCode() + " without JSON: " + r.body());
        return;
      }
      if (r.statusCode() == 503) {
        unavailable.incrementAndGet();
        if (wasDown || down) {
          unavailableWhileDown.incrementAndGet();
        }
        if (!body.hasNonNull("error") && !body.has("notConfirmed")) {
          failures.add(u.ids().get(0) + ": 503 without a reason: " + r.body());
          return;
        }
        continue;
      }
      if (u.ids().size() == 1 && r.statusCode() == 202) {
        Receipt receipt = new Receipt(body.path("partition").asInt(), body.path("offset").asLong());
        Receipt first = singleReceipts.putIfAbsent(u.ids().get(0), receipt);
        if (first != null && !first.equals(receipt)) {
          failures.add(u.ids().get(0) + ": receipt " + receipt + " after " + first);
        }
        if ("true".equals(r.headers().firstValue(IntakeResource.REPLAYED).orElse(null))) {
          replayed.incrementAndGet();
        }
        acknowledged.add(u.ids().get(0));
        return;
      }
      if (u.ids().size() > 1 && r.statusCode() == 200) {
        if (body.path("rejected").asLong() != 0
            || body.path("accepted").asLong() != u.ids().size()) {
          failures.add(u.ids().get(0) + ": batch report " + r.body());
          return;
        }
        replayed.addAndGet(body.path("duplicates").asInt());
        body.path("acceptedIds").forEach(id -> acknowledged.add(id.asText()));
        return;
      }
      failures.add(u.ids().get(0) + ": " + r.statusCode() + " " + r.body());
      return;
    }
    failures.add(u.ids().get(0) + ": not acknowledged within 2 minutes of resending");
  }

  /** Key → where its records are, for the keys of this run, read committed to the end. */
  private Map<String, List<Receipt>> readCommitted(AgencyId agency, String prefix) {
    Map<String, List<Receipt>> found = new HashMap<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> props =
        new HashMap<>((Map<String, Object>) DedicatedBrokerProfile.broker().apply("client"));
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(Topics.intake(agency).name())) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 60_000;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        assertThat(System.currentTimeMillis()).as("reading to the end").isLessThan(deadline);
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          var idHeader = r.headers().lastHeader(Fingerprints.ID_HEADER);
          String id =
              idHeader == null
                  ? null
                  : new String(idHeader.value(), java.nio.charset.StandardCharsets.UTF_8);
          if (id != null && id.startsWith(prefix)) {
            found
                .computeIfAbsent(id, k -> new ArrayList<>())
                .add(new Receipt(r.partition(), r.offset()));
          }
        }
      }
    }
    return found;
  }
}
