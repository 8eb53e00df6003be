package org.sightline.bench.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sightline.access.provision.TopicProvisioner;
import org.sightline.indicator.Canonicalizer;
import org.sightline.members.Agency;
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
 * The scale curve: one processor (its Quarkus application in its own JVM, -Xmx512m, RocksDB under
 * its bounded-memory configuration) whose state grows in steps with distinct indicators, one
 * sighting each. After each step it reports the step's throughput (from the first record sent to
 * every stage caught up), the processor's resident memory (VmRSS, and the peak VmHWM), its heap
 * after a full collection, and the size of its state directory on disk ({@code du}).
 */
@Command(name = "scale-bench", mixinStandardHelpOptions = true)
public final class ScaleBenchmark implements Callable<Integer> {

  /** The steps of the curve, as far as {@code --up-to} goes. */
  private static final long[] LADDER = {100_000, 1_000_000, 10_000_000};

  /** --bootstrap, --ca, --credentials: SASL_SSL, as the admin for the bench's own clients. */
  @Mixin BenchAccess access = new BenchAccess();

  @Option(names = "--registry", defaultValue = "http://localhost:18081")
  String registry;

  @Option(names = "--processor-jar", defaultValue = "processor/target/quarkus-app/quarkus-run.jar")
  Path processorJar;

  @Option(
      names = "--up-to",
      defaultValue = "1000000",
      description =
          "Distinct indicators in state at the last step; the steps are 100k, 1M and 10M up to it,"
              + " then this number (default: ${DEFAULT-VALUE})")
  long upTo;

  @Option(
      names = "--steps",
      split = ",",
      description = "Explicit steps (distinct indicators in state after each), instead of --up-to")
  List<Long> steps;

  @Option(names = "--partitions", defaultValue = "3")
  int partitions;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  @Option(names = "--processor-jvm-option", description = "Extra JVM option of the processor")
  List<String> processorJvmOptions = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new ScaleBenchmark()).execute(args));
  }

  /** What one step measured, after it. */
  record Step(
      long indicators,
      long sightings,
      double seconds,
      long rssBytes,
      long peakRssBytes,
      long heapUsedAfterGcBytes,
      long heapCommittedBytes,
      long stateDiskBytes,
      long stateFileBytes) {

    double perSecond() {
      return sightings / seconds;
    }
  }

  @Override
  public Integer call() throws Exception {
    List<Long> plan = plan();
    Files.createDirectories(results);
    String runId = "s" + Long.toString(System.currentTimeMillis() % 10_000_000L, 36);
    BenchFederation federation = BenchFederation.create(runId);
    TopicProvisioner.forAccess(access.admin(), partitions)
        .provision(Topics.all(federation.directory()));
    access.schemas(registry).provision(Topics.all(federation.directory()));
    access.schemas(registry).provisionProcessor("bench-scale-" + runId);
    Pattern intake = Pattern.compile("intake\\.b" + runId + "-.*");
    Path members = federation.writeTemporary();
    Serializer<IntakeEvent> serializer =
        RegistrySerdes.forRegistry(registry).avro(IntakeEvent.class).serializer();
    List<Step> done = new ArrayList<>();
    String rocksDbMemory =
        System.getenv().getOrDefault("SIGHTLINE_ROCKSDB_MEMORY", Long.toString(256L << 20));
    try (Broker broker = new Broker(access.admin());
        ProcessorService processor =
            new ProcessorService(
                processorJar,
                access,
                registry,
                members,
                "bench-scale-" + runId,
                results.resolve("logs"),
                processorJvmOptions,
                partitions)) {
      System.out.printf(
          Locale.ROOT,
          "Scale curve: steps %s, %d partition(s), processor as principal %s%n",
          plan,
          partitions,
          processor.principal);
      processor.awaitReady(Duration.ofMinutes(2));
      broker.awaitLeaders(federation.topicNames());
      Pattern rejectedTopic = Pattern.compile(Pattern.quote(Topics.INTAKE_REJECTED.name()));
      long rejectedBefore = broker.endOffsets(rejectedTopic);
      long sent = 0;
      for (long target : plan) {
        long count = target - sent;
        long started = System.nanoTime();
        send(federation, serializer, runId, sent, count);
        awaitCaughtUp(broker, processor.applicationId, intake, target);
        double seconds = (System.nanoTime() - started) / 1e9;
        sent = target;
        long rejected = broker.endOffsets(rejectedTopic) - rejectedBefore;
        if (rejected > 0) {
          // A refused sighting adds no indicator: the step's count would overstate the state.
          throw new IllegalStateException(
              rejected + " sightings were rejected (see intake.rejected): the feed is wrong");
        }
        long[] heap = heapAfterGc(processor.pid());
        Step step =
            new Step(
                target,
                count,
                seconds,
                processor.rssBytes(),
                processor.peakRssBytes(),
                heap[0],
                heap[1],
                du(processor.stateDir()),
                processor.stateBytes());
        done.add(step);
        System.out.printf(
            Locale.ROOT,
            "   %,d indicators: %,.0f sightings/s; RSS %d MiB (peak %d); heap after GC %d MiB;"
                + " state %d MiB on disk%n",
            step.indicators(),
            step.perSecond(),
            step.rssBytes() >> 20,
            step.peakRssBytes() >> 20,
            step.heapUsedAfterGcBytes() >> 20,
            step.stateDiskBytes() >> 20);
      }
    } finally {
      try (Broker broker = new Broker(access.admin())) {
        broker.deleteMatching(Pattern.compile("intake\\.b" + runId + "-.*|bench-scale-.*"));
      }
    }
    String header =
        String.format(
            Locale.ROOT,
            "%s; %d partition(s); one SHA-256 sighting per distinct indicator, six agencies in"
                + " turn; the processor in its own JVM (-Xmx512m, RocksDB bounded to %d MiB"
                + " by SIGHTLINE_ROCKSDB_MEMORY), exactly-once v2; every client on the broker's"
                + " SASL_SSL listener (TLS + SCRAM-SHA-512). Sightings/s of a step: from its"
                + " first record sent to every stage caught up. Heap: used after a full GC"
                + " (jcmd GC.run), of the committed heap. State: du of the state directory.",
            Instant.now().toString().substring(0, 16),
            partitions,
            Long.parseLong(rocksDbMemory) >> 20);
    String table = markdown(header, done);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    // Only the latest: git keeps the history, with the commit that explains each change.
    Files.writeString(
        results.resolve("scale-latest.md"), "Measured " + stamp + " UTC.\n\n" + table);
    Files.writeString(results.resolve("scale-latest.json"), json(header, done));
    System.out.println();
    System.out.println(table);
    return 0;
  }

  /** The steps: explicit, or the ladder below {@code --up-to} and then {@code --up-to} itself. */
  List<Long> plan() {
    TreeSet<Long> plan = new TreeSet<>();
    if (steps != null && !steps.isEmpty()) {
      plan.addAll(steps);
    } else {
      for (long s : LADDER) {
        if (s < upTo) {
          plan.add(s);
        }
      }
      plan.add(upTo);
    }
    if (plan.first() <= 0) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "steps must be positive: " + plan);
    }
    return List.copyOf(plan);
  }

  /** Sightings {@code first .. first+count-1}, each of an indicator of its own, at full speed. */
  private void send(
      BenchFederation federation,
      Serializer<IntakeEvent> serializer,
      String runId,
      long first,
      long count)
      throws Exception {
    Properties props = access.loadProducer();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    HexFormat hex = HexFormat.of();
    AtomicLong failed = new AtomicLong();
    List<Agency> agencies = federation.agencies();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (long i = first; i < first + count; i++) {
        Agency agency = agencies.get((int) (i % agencies.size()));
        String value =
            hex.formatHex(sha256.digest((runId + "-" + i).getBytes(StandardCharsets.UTF_8)));
        Instant now = Instant.now();
        String id = "s-" + i;
        Sighting sighting =
            Sighting.newBuilder()
                .setId(id)
                .setObservedAt(now)
                .setReportedAt(now)
                .setIndicator(new Indicator(IndicatorType.SHA256, value, null, null))
                .setCategory(Category.CSAM)
                .setConfidence(80)
                .setTlp(Tlp.GREEN)
                .setCaseRef("CASE-" + (i % 997))
                .build();
        String topic = Topics.intake(agency.id()).name();
        producer.send(
            new ProducerRecord<>(
                topic,
                // As the intake keys it: by locality (a hash is its own).
                Canonicalizer.canonicalize(sighting.getIndicator(), null).localityKey(),
                serializer.serialize(topic, new IntakeEvent(sighting))),
            (metadata, e) -> {
              if (e != null) {
                failed.incrementAndGet();
              }
            });
      }
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " sightings were not written");
    }
  }

  /**
   * Until the processor committed {@code total} intake offsets and no stage lags, twice running.
   */
  private static void awaitCaughtUp(Broker broker, String group, Pattern intake, long total)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(90).toNanos();
    int caughtUp = 0;
    while (caughtUp < 2) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the processor did not catch up within 90 minutes");
      }
      Thread.sleep(100);
      boolean done = broker.committed(group, intake) >= total && broker.lag(group) == 0;
      caughtUp = done ? caughtUp + 1 : 0;
    }
  }

  private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

  /** {used, committed} heap of a JVM after a full collection, by jcmd; -1 if it cannot tell. */
  static long[] heapAfterGc(long pid) throws IOException, InterruptedException {
    String jcmd =
        ProcessHandle.current()
            .info()
            .command()
            .map(java -> Path.of(java).resolveSibling("jcmd"))
            .filter(Files::isExecutable)
            .map(Path::toString)
            .orElse("jcmd");
    run(jcmd, Long.toString(pid), "GC.run");
    for (String line : run(jcmd, Long.toString(pid), "GC.heap_info")) {
      Matcher m = HEAP.matcher(line);
      if (m.find()) {
        return new long[] {Long.parseLong(m.group(2)) << 10, Long.parseLong(m.group(1)) << 10};
      }
    }
    return new long[] {-1, -1};
  }

  /** Disk usage of a directory as du reports it (allocated blocks, not file lengths). */
  static long du(Path dir) throws IOException, InterruptedException {
    List<String> out = run("du", "-sk", dir.toString());
    return out.isEmpty() ? -1 : Long.parseLong(out.get(0).split("\\s+")[0]) << 10;
  }

  private static List<String> run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    }
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    return lines;
  }

  private static String markdown(String header, List<Step> steps) {
    StringBuilder md = new StringBuilder("# The processor as its state grows\n\n");
    md.append(header).append("\n\n");
    md.append(
        "| distinct indicators in state | sightings in the step | step sightings/s |"
            + " RSS MiB | peak RSS MiB | heap used after GC / committed MiB |"
            + " state on disk MiB (du) |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Step s : steps) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %,d | %,d | %,.0f | %d | %d | %d / %d | %.1f |%n",
              s.indicators(),
              s.sightings(),
              s.perSecond(),
              s.rssBytes() >> 20,
              s.peakRssBytes() >> 20,
              s.heapUsedAfterGcBytes() >> 20,
              s.heapCommittedBytes() >> 20,
              s.stateDiskBytes() / 1048576.0));
    }
    return md.toString();
  }

  private static String json(String header, List<Step> steps) {
    StringBuilder json = new StringBuilder("{\n  \"description\": \"");
    json.append(header.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\n  \"steps\": [");
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      json.append(i == 0 ? "\n" : ",\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "    {\"indicators\": %d, \"sightings\": %d, \"seconds\": %.3f,"
                      + " \"sightingsPerSecond\": %.1f, \"rssBytes\": %d, \"peakRssBytes\": %d,"
                      + " \"heapUsedAfterGcBytes\": %d, \"heapCommittedBytes\": %d,"
                      + " \"stateDiskBytes\": %d, \"stateFileBytes\": %d}",
                  s.indicators(),
                  s.sightings(),
                  s.seconds(),
                  s.perSecond(),
                  s.rssBytes(),
                  s.peakRssBytes(),
                  s.heapUsedAfterGcBytes(),
                  s.heapCommittedBytes(),
                  s.stateDiskBytes(),
                  s.stateFileBytes()));
    }
    return json.append("\n  ]\n}\n").toString();
  }
}
