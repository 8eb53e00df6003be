package org.sightline.bench.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.sightline.access.AccessPolicy;
import org.sightline.access.provision.TopicProvisioner;
import org.sightline.indicator.Localities;
import org.sightline.members.Agency;
import org.sightline.members.ApiKeys;
import org.sightline.members.Principal;
import org.sightline.runtime.LocalCertificateAuthority;
import org.sightline.schema.Category;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.StoreNames;
import org.sightline.topics.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * "Is this known?" at the speed a seized drive needs: a million SHA-256 hashes, half of them known,
 * asked through the intake's {@code POST /api/v1/lookup} (audited, cut for the asking agency), of
 * the processor's own lookup directly (no intake, no audit), and read as plain keys from the very
 * RocksDB stores the processor answered from, once it has stopped: the ceiling of any lookup.
 */
@Command(name = "lookup-bench", mixinStandardHelpOptions = true)
public final class LookupBenchmark implements Callable<Integer> {

  /** The goal of issue 23: a million hashes in under 30 s through the API. */
  static final double GOAL_PER_S = 50_000;

  @Mixin BenchAccess access = new BenchAccess();

  @Option(names = "--registry", defaultValue = "http://localhost:18081")
  String registry;

  @Option(names = "--intake-jar", required = true, description = "intake quarkus-run.jar")
  Path intakeJar;

  @Option(names = "--processor-jar", required = true, description = "processor quarkus-run.jar")
  Path processorJar;

  @Option(names = "--known", defaultValue = "200000", description = "Hashes reported beforehand")
  int known;

  @Option(names = "--asked", defaultValue = "1000000", description = "Hashes asked per run")
  int asked;

  @Option(names = "--batch", defaultValue = "100000", description = "Indicators per request")
  int batch;

  @Option(names = "--concurrency", defaultValue = "2", description = "Requests in flight")
  int concurrency;

  @Option(names = "--partitions", defaultValue = "3")
  int partitions;

  @Option(names = "--runs", defaultValue = "3")
  int runs;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  @Option(
      names = "--intake-jvm-option",
      description = "An extra JVM option for the intake, repeatable (e.g. a flight recording)")
  List<String> intakeJvmOptions = new ArrayList<>();

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) {
    System.exit(new CommandLine(new LookupBenchmark()).execute(args));
  }

  /**
   * What one run measured: indicators per second each way, and the CPU each process spent per
   * indicator asked through the intake (µs): the intake, the processor, the broker (the audit
   * records), the bench itself (the client).
   */
  record Run(
      double apiPerSec,
      double processorPerSec,
      double rocksDbPerSec,
      double intakeCpuUs,
      double processorCpuUs,
      double brokerCpuUs,
      double clientCpuUs) {}

  /** --broker-pid. */
  @Mixin ProcessCpu cpu = new ProcessCpu();

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(results);
    List<Run> all = new ArrayList<>();
    try (Broker broker = new Broker(access.admin())) {
      for (int r = 1; r <= runs; r++) {
        System.out.printf(Locale.ROOT, "== run %d of %d%n", r, runs);
        Run run = runOnce(broker);
        System.out.printf(
            Locale.ROOT,
            "   through the intake %.0f/s, the processor's lookup %.0f/s, RocksDB gets %.0f/s;"
                + " CPU µs per indicator through the intake: intake %.1f, processor %.1f,"
                + " broker %.1f, client %.1f%n",
            run.apiPerSec(),
            run.processorPerSec(),
            run.rocksDbPerSec(),
            run.intakeCpuUs(),
            run.processorCpuUs(),
            run.brokerCpuUs(),
            run.clientCpuUs());
        all.add(run);
      }
      broker.deleteMatching(Pattern.compile("(?!__).+"));
    }
    String table = markdown(all);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Files.writeString(
        results.resolve("lookup-latest.md"), "Measured " + stamp + " UTC.\n\n" + table);
    System.out.println();
    System.out.println(table);
    return 0;
  }

  private Run runOnce(Broker broker) throws Exception {
    broker.deleteMatching(Pattern.compile("(?!__).+"));
    String runId = Long.toString(System.currentTimeMillis() % 10_000_000L, 36);
    String apiKey = "bench-lookup-key-" + runId;
    BenchFederation federation = BenchFederation.create(runId, ApiKeys.sha256Hex(apiKey));
    Agency reporter = federation.agencies().get(0); // NL
    Agency asker = federation.agencies().get(3); // JO: another country
    TopicProvisioner.forAccess(access.admin(), partitions)
        .provision(Topics.all(federation.directory()));
    String applicationId = "bench-lookup-" + runId;
    access.schemas(registry).provision(Topics.all(federation.directory()));
    access.schemas(registry).provisionProcessor(applicationId);
    broker.awaitLeaders(federation.topicNames());
    List<AclBinding> intakeAcls =
        AccessPolicy.bindings(federation.directory()).stream()
            .filter(b -> b.entry().principal().equals(Principal.INTAKE.kafkaPrincipal()))
            .toList();
    broker.grant(intakeAcls);
    report(federation, reporter);
    Path members = federation.writeTemporary();
    Path logs = Files.createDirectories(results.resolve("logs"));
    try (ProcessorService processor =
        new ProcessorService(
            processorJar, access, registry, members, applicationId, logs, List.of(), partitions)) {
      processor.awaitReady(Duration.ofMinutes(2));
      awaitCaughtUp(broker, applicationId);
      List<String> hashes = asked();
      double api;
      double direct;
      double[] perIndicator = new double[4];
      try (IntakeService intake =
          new IntakeService(
              intakeJar,
              access,
              registry,
              members,
              processor.queryPort(),
              intakeJvmOptions,
              logs.resolve(applicationId + "-intake.log"))) {
        intake.awaitReady(Duration.ofSeconds(90));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Asker throughIntake =
            body ->
                http.send(
                    HttpRequest.newBuilder(URI.create(intake.url() + "/api/v1/lookup"))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofString(intakeBody(body)))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        HttpClient mtls =
            LocalCertificateAuthority.service(
                    access.login.ca.toAbsolutePath().getParent(),
                    Principal.INTAKE.name(),
                    List.of())
                .httpClient(Duration.ofSeconds(5));
        String viewer = "agency:" + asker.id().value();
        Asker ofProcessor =
            body ->
                mtls.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "https://localhost:" + processor.queryPort() + "/api/v1/lookup"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofString(processorBody(viewer, body)))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        // Warm-up of both paths: the JIT compiles them before a clock starts.
        List<String> warmup = hashes.subList(0, Math.min(hashes.size(), 2 * batch));
        ask(throughIntake, warmup);
        ask(ofProcessor, warmup);
        Duration[] before = {intake.cpu(), processor.cpu(), cpu.broker(), ProcessCpu.own()};
        api = ask(throughIntake, hashes);
        Duration[] after = {intake.cpu(), processor.cpu(), cpu.broker(), ProcessCpu.own()};
        for (int i = 0; i < perIndicator.length; i++) {
          perIndicator[i] = ProcessCpu.perItemUs(before[i], after[i], hashes.size());
        }
        direct = ask(ofProcessor, hashes);
      } finally {
        broker.revoke(intakeAcls);
      }
      processor.stop();
      double rocksDb = rocksDbGets(processor.stateDir(), hashes);
      return new Run(
          api, direct, rocksDb, perIndicator[0], perIndicator[1], perIndicator[2], perIndicator[3]);
    }
  }

  /** Sends the hashes in requests of {@code --batch}, {@code --concurrency} at once. */
  interface Asker {
    HttpResponse<String> ask(List<String> hashes) throws Exception;
  }

  /**
   * Indicators per second over the whole list, checked: every answer in order, and exactly the
   * known half known (a lookup that answered "unknown" to everything would be fast, and wrong).
   */
  private double ask(Asker asker, List<String> hashes) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      long start = System.nanoTime();
      List<Future<Long>> knownPerBatch = new ArrayList<>();
      for (int from = 0; from < hashes.size(); from += batch) {
        List<String> part = hashes.subList(from, Math.min(hashes.size(), from + batch));
        knownPerBatch.add(
            pool.submit(
                () -> {
                  HttpResponse<String> r = asker.ask(part);
                  if (r.statusCode() != 200) {
                    throw new IllegalStateException(
                        "lookup answered " + r.statusCode() + ": " + r.body());
                  }
                  long[] counted = count(r.body());
                  if (counted[0] != part.size()) {
                    throw new IllegalStateException(
                        counted[0] + " results for " + part.size() + " indicators");
                  }
                  return counted[1];
                }));
      }
      long knownAnswers = 0;
      for (Future<Long> f : knownPerBatch) {
        knownAnswers += f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long expected = expectedKnown(hashes.size());
      if (knownAnswers != expected) {
        throw new IllegalStateException(
            "answered " + knownAnswers + " known of " + hashes.size() + ", expected " + expected);
      }
      return hashes.size() / seconds;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The results of an answer and how many say {@code "known": true}, in one streaming pass: the
   * bench shares the two cores with what it measures, and a tree of 100,000 objects per answer
   * would take its share from them.
   */
  static long[] count(String answer) throws java.io.IOException {
    long results = 0;
    long known = 0;
    try (JsonParser p = JSON.getFactory().createParser(answer)) {
      int depth = 0;
      boolean inResults = false;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT, START_ARRAY -> {
            depth++;
            if (t == JsonToken.START_ARRAY && depth == 2 && "results".equals(p.currentName())) {
              inResults = true;
            } else if (t == JsonToken.START_OBJECT && inResults && depth == 3) {
              results++;
            }
          }
          case END_OBJECT, END_ARRAY -> {
            if (depth == 2 && t == JsonToken.END_ARRAY) {
              inResults = false;
            }
            depth--;
          }
          case VALUE_TRUE -> {
            if (inResults && depth == 3 && "known".equals(p.currentName())) {
              known++;
            }
          }
          default -> {}
        }
      }
    }
    return new long[] {results, known};
  }

  /** Even positions of the asked list are known hashes, odd ones never reported. */
  private List<String> asked() {
    List<String> hashes = new ArrayList<>(asked);
    for (int i = 0; i < asked; i++) {
      hashes.add(i % 2 == 0 ? hash((i / 2) % known) : hash(-1L - i));
    }
    return hashes;
  }

  private static long expectedKnown(int n) {
    return (n + 1) / 2;
  }

  /** The {@code i}-th hash: 64 hex digits, the same for the same {@code i}. */
  static String hash(long i) {
    SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L + 17);
    byte[] b = new byte[32];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) r.nextInt(256);
    }
    return HexFormat.of().formatHex(b);
  }

  private static String intakeBody(List<String> hashes) {
    StringBuilder b = new StringBuilder(hashes.size() * 96).append("{\"indicators\":[");
    for (int i = 0; i < hashes.size(); i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"type\":\"sha256\",\"value\":\"")
          .append(hashes.get(i))
          .append("\"}");
    }
    return b.append("]}").toString();
  }

  private static String processorBody(String viewer, List<String> hashes) {
    StringBuilder b =
        new StringBuilder(hashes.size() * 80)
            .append("{\"viewer\":\"")
            .append(viewer)
            .append("\",\"keys\":[");
    for (int i = 0; i < hashes.size(); i++) {
      b.append(i == 0 ? "" : ",").append("\"sha256:").append(hashes.get(i)).append('"');
    }
    return b.append("]}").toString();
  }

  /** The known hashes, reported by one agency (one in ten TLP:RED), keyed by locality. */
  private void report(BenchFederation federation, Agency reporter) throws Exception {
    var serializer = RegistrySerdes.forRegistry(registry).avro(IntakeEvent.class).serializer();
    String topic = Topics.intake(reporter.id()).name();
    Instant now = Instant.now();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            access.loadProducer(), new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < known; i++) {
        String hex = hash(i);
        Sighting s =
            Sighting.newBuilder()
                .setId("k-" + i)
                .setObservedAt(now)
                .setReportedAt(now)
                .setIndicator(new Indicator(IndicatorType.SHA256, hex, null, null))
                .setCategory(Category.CSAM)
                .setConfidence(90)
                .setTlp(i % 10 == 0 ? Tlp.RED : Tlp.GREEN)
                .build();
        producer.send(
            new ProducerRecord<>(
                topic, "sha256:" + hex, serializer.serialize(topic, new IntakeEvent(s))));
      }
      producer.flush();
    }
  }

  private void awaitCaughtUp(Broker broker, String applicationId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    Pattern intake = Topics.INTAKE_PATTERN;
    while (broker.committed(applicationId, intake) < known || broker.lag(applicationId) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the processor did not take the known hashes in 10 min");
      }
      Thread.sleep(500);
    }
  }

  /**
   * The same keys read from the processor's indicator-state stores, opened read-only once it has
   * stopped: one RocksDB get per key in its partition's store, no decoding, no disclosure, no HTTP.
   */
  private double rocksDbGets(Path stateDir, List<String> hashes) throws Exception {
    RocksDB.loadLibrary();
    Map<Integer, RocksDB> stores = new TreeMap<>();
    try (Options options = new Options();
        Stream<Path> paths = Files.walk(stateDir)) {
      for (Path p : paths.toList()) {
        if (p.endsWith(Path.of("rocksdb", StoreNames.INDICATOR_STATE))) {
          String task = p.getParent().getParent().getFileName().toString();
          int partition = Integer.parseInt(task.substring(task.indexOf('_') + 1));
          stores.put(partition, RocksDB.openReadOnly(options, p.toString()));
        }
      }
      if (stores.size() != partitions) {
        throw new IllegalStateException(
            "found " + stores.size() + " indicator-state stores, expected " + partitions);
      }
      byte[][] keys = new byte[hashes.size()][];
      int[] partitionOf = new int[hashes.size()];
      for (int i = 0; i < keys.length; i++) {
        String key = "sha256:" + hashes.get(i);
        keys[i] = key.getBytes(StandardCharsets.UTF_8);
        partitionOf[i] = Localities.partition(key, partitions);
      }
      long found = 0;
      long start = System.nanoTime();
      for (int i = 0; i < keys.length; i++) {
        found += stores.get(partitionOf[i]).get(keys[i]) == null ? 0 : 1;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (found != expectedKnown(hashes.size())) {
        throw new IllegalStateException("RocksDB found " + found + " of the known hashes");
      }
      return hashes.size() / seconds;
    } finally {
      stores.values().forEach(RocksDB::close);
    }
  }

  private String markdown(List<Run> all) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Lookup of %,d SHA-256 hashes per run (half of them among %,d reported beforehand, one"
                + " in ten of those TLP:RED), in requests of %,d, %d in flight, %d partitions;"
                + " asked by an agency of another country; medians of %d runs [min – max]. Goal:"
                + " %,.0f indicators/s through the API.%n%n",
            asked,
            known,
            batch,
            concurrency,
            partitions,
            all.size(),
            GOAL_PER_S));
    md.append(
        "| path | indicators/s | ÷ plain RocksDB gets |\n|---|---|---|\n"
            + "| `POST /api/v1/lookup` on the intake (canonicalised, audited, cut for the agency) | "
            + cell(all, Run::apiPerSec)
            + " | "
            + cell(all, r -> r.apiPerSec() / r.rocksDbPerSec())
            + " |\n"
            + "| the processor's lookup alone (mutual TLS, cut for the agency) | "
            + cell(all, Run::processorPerSec)
            + " | "
            + cell(all, r -> r.processorPerSec() / r.rocksDbPerSec())
            + " |\n"
            + "| plain RocksDB gets of the same stores (one thread, no decoding) | "
            + cell(all, Run::rocksDbPerSec)
            + " | 1 |\n");
    md.append(
        "\nCPU per indicator asked through the intake, µs (all threads of each process): intake "
            + cell(all, Run::intakeCpuUs)
            + ", processor "
            + cell(all, Run::processorCpuUs)
            + ", broker (the audit records) "
            + cell(all, Run::brokerCpuUs)
            + ", the bench's client "
            + cell(all, Run::clientCpuUs)
            + ". Two cores give 40 µs of CPU per indicator at 50,000/s.\n");
    return md.toString();
  }

  private static String cell(List<Run> runs, ToDoubleFunction<Run> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    double median =
        v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    String fmt = median < 10 ? "%.2f" : "%.0f";
    return String.format(
        Locale.ROOT, fmt + " [" + fmt + " – " + fmt + "]", median, v[0], v[v.length - 1]);
  }
}
