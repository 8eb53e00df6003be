package org.sightline.bench.pipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;
import org.sightline.access.AccessPolicy;
import org.sightline.access.provision.TopicProvisioner;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.ApiKeys;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Principal;
import org.sightline.schema.Category;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The HTTP intake beside Kafka's ProducerPerformance, on the same broker, in the same run: the
 * batch endpoint's sightings per second (NDJSON bodies prepared in advance, so the client costs
 * little), and single-sighting POST latency (p50, p99, p99.9) and rate. Every answer counts only
 * once the broker acknowledged (acks=all). The intake runs as deployed: its Quarkus application in
 * its own JVM, -Xmx512m.
 */
@Command(name = "intake-bench", mixinStandardHelpOptions = true)
public final class IntakeBenchmark implements Callable<Integer> {

  /** --bootstrap, --ca, --credentials: SASL_SSL; the bench as the admin, the intake as intake. */
  @Mixin BenchAccess access = new BenchAccess();

  @Option(names = "--registry", defaultValue = "http://localhost:18081")
  String registry;

  @Option(names = "--intake-jar", required = true, description = "intake quarkus-run.jar")
  Path intakeJar;

  @Option(names = "--records", defaultValue = "200000", description = "Sightings per batch phase")
  int records;

  @Option(names = "--batch-size", defaultValue = "5000", description = "Lines per batch request")
  int batchSize;

  @Option(names = "--concurrency", defaultValue = "2", description = "Batch requests in flight")
  int concurrency;

  @Option(names = "--single", defaultValue = "5000", description = "Single POSTs per run")
  int single;

  @Option(names = "--single-concurrency", defaultValue = "4", description = "POSTs in flight")
  int singleConcurrency;

  @Option(names = "--partitions", defaultValue = "3")
  int partitions;

  @Option(names = "--runs", defaultValue = "3")
  int runs;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  @Option(names = "--intake-jvm-option", description = "Extra JVM option of the intake")
  List<String> intakeJvmOptions = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new IntakeBenchmark()).execute(args));
  }

  record Run(
      double producerPerSec,
      double batchPerSec,
      double singlePerSec,
      double singleP50Ms,
      double singleP99Ms,
      double singleP999Ms) {}

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(results);
    List<Run> all = new ArrayList<>();
    int size;
    try (Broker broker = new Broker(access.admin())) {
      size = avroSize();
      for (int r = 1; r <= runs; r++) {
        System.out.printf(Locale.ROOT, "== run %d of %d%n", r, runs);
        Run run = runOnce(broker, size);
        System.out.printf(
            Locale.ROOT,
            "   ProducerPerformance %.0f rec/s; batch endpoint %.0f sightings/s; single POST %.0f/s,"
                + " p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms%n",
            run.producerPerSec(),
            run.batchPerSec(),
            run.singlePerSec(),
            run.singleP50Ms(),
            run.singleP99Ms(),
            run.singleP999Ms());
        all.add(run);
      }
      broker.deleteMatching(TOPICS);
    }
    String table = markdown(all, size);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    // Only the latest: git keeps the history, with the commit that explains each change.
    Files.writeString(
        results.resolve("intake-latest.md"), "Measured " + stamp + " UTC.\n\n" + table);
    System.out.println();
    System.out.println(table);
    return 0;
  }

  private static final Pattern TOPICS =
      Pattern.compile("intake\\.bi[0-9a-z]+-.*|bench\\.intake-.*");

  private Run runOnce(Broker broker, int size) throws Exception {
    broker.deleteMatching(TOPICS);
    String runId = Long.toString(System.currentTimeMillis() % 10_000_000L, 36);
    String ppTopic = "bench.intake-producer-" + runId;
    broker.create(List.of(ppTopic), partitions);
    // Its first half a warm-up, as the intake gets its own before the clock starts.
    double producer =
        KafkaTools.producerPerformance(access.admin(), ppTopic, records, records / 2, size);

    String key = "bench-key-" + runId;
    Agency agency =
        new Agency(
            AgencyId.of("bi" + runId + "-nl"),
            "bench",
            CountryCode.of("NL"),
            ApiKeys.sha256Hex(key),
            true);
    MemberDirectory directory = new MemberDirectory(List.of(agency), List.of());
    TopicProvisioner.forAccess(access.admin(), partitions).provision(Topics.all(directory));
    // The intake runs as its own principal, with exactly the rights the access policy gives it on
    // this run's agency (write and read its intake topic), granted for the run and revoked after.
    List<AclBinding> intakeAcls =
        AccessPolicy.bindings(directory).stream()
            .filter(b -> b.entry().principal().equals(Principal.INTAKE.kafkaPrincipal()))
            .toList();
    broker.grant(intakeAcls);
    access.schemas(registry).provision(Topics.all(directory));
    Path members = Files.createTempFile("bench-intake-members-", ".json");
    Files.writeString(
        members,
        "{\"countries\":[],\"agencies\":[{\"id\":\""
            + agency.id().value()
            + "\",\"country\":\"NL\",\"enabled\":true,\"apiKeySha256\":\""
            + agency.apiKeySha256()
            + "\"}]}");
    // No processor in this bench, and it posts no retraction: no held-checks, no TLS identity.
    IntakeService intake =
        new IntakeService(
            intakeJar,
            access,
            registry,
            members,
            0,
            intakeJvmOptions,
            results.resolve("intake-bench-intake.log"));
    try {
      String base = intake.url();
      intake.awaitReady(Duration.ofSeconds(90));
      HttpClient http = HttpClient.newBuilder().build();
      // Warm-up: the JIT compiles the hot path before anything is measured.
      sendBatches(http, base, key, bodies(runId + "w", Math.min(records, 50_000)));
      List<String> bodies = bodies(runId, records);
      long start = System.nanoTime();
      long accepted = sendBatches(http, base, key, bodies);
      double batchSeconds = (System.nanoTime() - start) / 1e9;
      if (accepted != records) {
        throw new IllegalStateException("the intake accepted " + accepted + " of " + records);
      }
      double[] singles = singles(http, base, key, runId);
      return new Run(
          producer, records / batchSeconds, singles[0], singles[1], singles[2], singles[3]);
    } finally {
      intake.close();
      Files.deleteIfExists(members);
      broker.revoke(intakeAcls);
    }
  }

  /** NDJSON bodies of {@link #batchSize} distinct, valid sightings each. */
  private List<String> bodies(String runId, int n) {
    List<String> bodies = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(line(runId, i)).append('\n');
      if ((i + 1) % batchSize == 0 || i == n - 1) {
        bodies.add(b.toString());
        b.setLength(0);
      }
    }
    return bodies;
  }

  private static String line(String runId, int i) {
    return "{\"id\":\"s-"
        + runId
        + "-"
        + i
        + "\",\"observedAt\":\"2026-01-01T00:00:00Z\",\"indicator\":{\"type\":\"url\",\"value\":\"http://site-"
        + runId
        + "-"
        + (i % 50_000)
        + ".example/p/"
        + i
        + "\"},\"category\":\"CSAM\",\"confidence\":80,\"tlp\":\""
        + (i % 10 == 0 ? "RED" : "GREEN")
        + "\",\"caseRef\":\"CASE-"
        + (i % 997)
        + "\"}";
  }

  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");

  private long sendBatches(HttpClient http, String base, String key, List<String> bodies)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<Long>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        workers.add(
            pool.submit(
                () -> {
                  long accepted = 0;
                  for (int i = next.getAndIncrement();
                      i < bodies.size();
                      i = next.getAndIncrement()) {
                    HttpResponse<String> r =
                        http.send(
                            HttpRequest.newBuilder(
                                    URI.create(base + "/api/v1/sightings/batch?acceptedIds=false"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    Matcher m = ACCEPTED.matcher(r.body());
                    if (r.statusCode() != 200 || !m.find()) {
                      throw new IllegalStateException(
                          "batch answered " + r.statusCode() + ": " + r.body());
                    }
                    accepted += Long.parseLong(m.group(1));
                  }
                  return accepted;
                }));
      }
      long accepted = 0;
      for (Future<Long> w : workers) {
        accepted += w.get();
      }
      return accepted;
    } finally {
      pool.shutdownNow();
    }
  }

  /** {rate, p50, p99, p99.9} of single POSTs, {@link #singleConcurrency} in flight. */
  private double[] singles(HttpClient http, String base, String key, String runId)
      throws Exception {
    long[] latencies = new long[single];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(singleConcurrency);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < singleConcurrency; w++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < single; i = next.getAndIncrement()) {
                    HttpRequest request =
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/sightings"))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(line(runId + "x", i)))
                            .build();
                    long t = System.nanoTime();
                    HttpResponse<String> r =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies[i] = System.nanoTime() - t;
                    if (r.statusCode() != 202) {
                      throw new IllegalStateException(
                          "POST answered " + r.statusCode() + ": " + r.body());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    return new double[] {
      single / seconds,
      latencies[(int) (single * 0.50)] / 1e6,
      latencies[Math.min(single - 1, (int) (single * 0.99))] / 1e6,
      latencies[Math.min(single - 1, (int) (single * 0.999))] / 1e6
    };
  }

  /** The size of a serialised sighting like those sent, for ProducerPerformance's records. */
  private int avroSize() {
    Sighting s =
        Sighting.newBuilder()
            .setId("s-abcdef-123456")
            .setObservedAt(Instant.now())
            .setReportedAt(Instant.now())
            .setIndicator(
                new Indicator(
                    IndicatorType.URL, "http://site-abcdef-12345.example/p/123456", null, null))
            .setCategory(Category.CSAM)
            .setConfidence(80)
            .setTlp(Tlp.GREEN)
            .setCaseRef("CASE-123")
            .build();
    String topic = "intake.size-probe";
    return RegistrySerdes.forRegistry(registry)
        .avro(IntakeEvent.class)
        .serializer()
        .serialize(topic, new IntakeEvent(s))
        .length;
  }

  private String markdown(List<Run> runs, int size) {
    StringBuilder t = new StringBuilder();
    t.append("# The HTTP intake beside ProducerPerformance\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "%s; %d runs; batch phase %,d sightings in NDJSON bodies of %,d lines, %d requests"
                    + " in flight; %,d single POSTs, %d in flight; %d partitions; ProducerPerformance"
                    + " %,d records of %d bytes, acks=all. Medians [min – max]. Every client on"
                    + " the broker's SASL_SSL listener (TLS + SCRAM-SHA-512): the intake as"
                    + " principal intake, ProducerPerformance as admin.%n%n",
                Instant.now().toString().substring(0, 16),
                runs.size(),
                records,
                batchSize,
                concurrency,
                single,
                singleConcurrency,
                partitions,
                records,
                size))
        .append("| measure | value |\n|---|---:|\n");
    row(
        t,
        "ProducerPerformance (records/s)",
        runs.stream().mapToDouble(Run::producerPerSec).toArray(),
        "%,.0f");
    row(
        t,
        "batch endpoint (sightings/s, acknowledged)",
        runs.stream().mapToDouble(Run::batchPerSec).toArray(),
        "%,.0f");
    row(
        t,
        "single POST (sightings/s)",
        runs.stream().mapToDouble(Run::singlePerSec).toArray(),
        "%,.0f");
    row(t, "single POST p50 (ms)", runs.stream().mapToDouble(Run::singleP50Ms).toArray(), "%.1f");
    row(t, "single POST p99 (ms)", runs.stream().mapToDouble(Run::singleP99Ms).toArray(), "%.1f");
    row(
        t,
        "single POST p99.9 (ms)",
        runs.stream().mapToDouble(Run::singleP999Ms).toArray(),
        "%.1f");
    return t.toString();
  }

  private static void row(StringBuilder t, String name, double[] values, String format) {
    double[] v = values.clone();
    Arrays.sort(v);
    double median =
        v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    t.append("| ")
        .append(name)
        .append(" | ")
        .append(String.format(Locale.ROOT, format, median))
        .append(" [")
        .append(String.format(Locale.ROOT, format, v[0]))
        .append(" – ")
        .append(String.format(Locale.ROOT, format, v[v.length - 1]))
        .append("] |\n");
  }
}
