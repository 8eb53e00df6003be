package org.sightline.bench.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.sightline.access.provision.TopicProvisioner;
import org.sightline.client.KafkaAccess;
import org.sightline.schema.Alert;
import org.sightline.schema.IntakeEvent;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole pipeline measured beside Kafka's own tools, on the same broker, in the same run:
 * ProducerPerformance and a byte[] Streams passthrough as yardsticks for throughput, and
 * EndToEndLatency for latency. Medians (with min and max) of several runs, per partition count.
 */
@Command(name = "pipeline-bench", mixinStandardHelpOptions = true)
public final class PipelineBenchmark implements Callable<Integer> {

  /** --bootstrap, --ca, --credentials: SASL_SSL, as the admin for the bench's own clients. */
  @Mixin BenchAccess access = new BenchAccess();

  @Option(names = "--registry", defaultValue = "http://localhost:18081")
  String registry;

  @Option(names = "--processor-jar", defaultValue = "processor/target/quarkus-app/quarkus-run.jar")
  Path processorJar;

  @Option(names = "--partitions", split = ",", defaultValue = "1,6")
  List<Integer> partitions;

  @Option(
      names = "--stream-threads",
      split = ",",
      defaultValue = "1",
      description =
          "Stream threads of the processor, each a row of its own (more than one only where there"
              + " are as many partitions)")
  List<Integer> streamThreads;

  /** What a row of the table measured: a partition count, and the processor's stream threads. */
  record Setup(int partitions, int threads) {
    String label() {
      return threads == 1
          ? Integer.toString(partitions)
          : partitions + " (" + threads + " threads)";
    }

    String key() {
      return threads == 1 ? Integer.toString(partitions) : partitions + "x" + threads;
    }
  }

  @Option(
      names = "--records",
      defaultValue = "300000",
      description = "Intake events per run: enough for the clock to run 30 s or more")
  int records;

  @Option(
      names = "--producer-seconds",
      defaultValue = "30",
      description =
          "How long ProducerPerformance's measured records take at least (after its own warm-up),"
              + " sized from the previous run's rate")
  int producerSeconds;

  /** --broker-pid. */
  @Mixin ProcessCpu cpu = new ProcessCpu();

  @Option(
      names = "--warmup",
      defaultValue = "200000",
      description =
          "Sightings the processor works through, every stage, before the clock starts: a cold"
              + " JVM spends its first minute compiling (C2 used more CPU than the stream thread)")
  int warmup;

  @Option(names = "--runs", defaultValue = "3")
  int runs;

  @Option(names = "--overlap", defaultValue = "0.3", description = "Share on shared indicators")
  double overlap;

  @Option(names = "--rate", defaultValue = "5000", description = "Sightings/s in the latency phase")
  int rate;

  @Option(names = "--latency-seconds", defaultValue = "20")
  int latencySeconds;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  @Option(
      names = "--processor-jvm-option",
      description =
          "An extra JVM option for the processor, repeatable; e.g. a flight recording to find where"
              + " its time goes: -XX:StartFlightRecording=filename=bench/results/logs/p.jfr,settings=profile")
  List<String> processorJvmOptions = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new PipelineBenchmark()).execute(args));
  }

  /** What one run measured. */
  record Run(
      double producerPerSec,
      double atLeastOncePassthroughPerSec,
      double passthroughPerSec,
      double pipelinePerSec,
      double alertsPerSec,
      double[] pipelineLatencyMs,
      Map<String, double[]> latencyByReasonMs,
      double[] kafkaLatencyMs,
      long processorPeakRss,
      long stateBytes,
      long transactionRetries,
      long transactionRetriesMeasured,
      double recordsWrittenPerSighting,
      double processorCpuUsPerSighting,
      double brokerCpuUsPerSighting,
      double loadCpuUsPerSighting) {}

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(results);
    Map<Setup, List<Run>> all = new LinkedHashMap<>();
    int size;
    KafkaAccess admin = access.admin();
    try (Broker broker = new Broker(admin)) {
      size = averageSightingSize();
      for (int p : partitions) {
        for (int threads : streamThreads) {
          if (threads > p) {
            continue; // a thread without a partition idles
          }
          Setup setup = new Setup(p, threads);
          for (int r = 1; r <= runs; r++) {
            System.out.printf(
                Locale.ROOT, "== %s partition(s), run %d of %d%n", setup.label(), r, runs);
            Run run = runOnce(broker, setup, size);
            System.out.println("   " + describe(run));
            all.computeIfAbsent(setup, k -> new ArrayList<>()).add(run);
          }
        }
      }
      broker.deleteMatching(BENCH_TOPICS);
    }
    String table = ResultsTable.markdown(all, records, warmup, size, rate);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    // Only the latest: git keeps the history, with the commit that explains each change.
    Files.writeString(
        results.resolve("pipeline-latest.md"), "Measured " + stamp + " UTC.\n\n" + table);
    Files.writeString(
        results.resolve("pipeline-latest.json"), ResultsTable.json(all, SightingFeed.NAME));
    System.out.println();
    System.out.println(table);
    return 0;
  }

  /** Everything a run creates, deleted before the next one so that it reads only its own data. */
  /**
   * Every topic the processor writes: its outputs (alerts, metrics, the list, dead letters) and its
   * internal repartition and changelog topics; not the intake topics (the load writes those, and
   * the rejections are reported apart), not the yardsticks' topics. Earlier runs' topics match too,
   * but nothing writes to them any more.
   */
  private static final Pattern PROCESSOR_WRITES = Pattern.compile("(?!intake\\.|__|bench\\.).+");

  private static final Pattern BENCH_TOPICS = Pattern.compile("intake\\.b[0-9a-z]+-.*|bench[.-].*");

  /**
   * Every topic but the broker's own: the alert and secretariat topics too, so that a run with six
   * partitions has six everywhere, not the count of the first run that created them.
   */
  private static final Pattern ALL_BUT_INTERNAL = Pattern.compile("(?!__).+");

  private Run runOnce(Broker broker, Setup setup, int size) throws Exception {
    int p = setup.partitions();
    broker.deleteMatching(ALL_BUT_INTERNAL);
    String runId = Long.toString(System.currentTimeMillis() % 10_000_000L, 36);

    String ppTopic = "bench.producer-" + runId;
    broker.create(List.of(ppTopic), p);
    // Warm (its own warm-up records left out of the rate) and long enough to mean something.
    long ppRecords = Math.max(records, (long) (producerSeconds * producerRate * 1.2));
    double producer =
        KafkaTools.producerPerformance(
            access.admin(), ppTopic, PRODUCER_WARMUP + ppRecords, PRODUCER_WARMUP, size);
    producerRate = producer;

    String in = "bench.passthrough-in-" + runId;
    String out = "bench.passthrough-out-" + runId;
    broker.create(List.of(in, out), p);
    // Warm too, like the pipeline: its clock starts after the first quarter, not at its start.
    fillWithBytes(in, PASSTHROUGH_RECORDS, size);
    double passthrough =
        Passthrough.run(
            access.admin(),
            in,
            out,
            PASSTHROUGH_RECORDS / 4,
            PASSTHROUGH_RECORDS,
            broker,
            StreamsConfig.EXACTLY_ONCE_V2);
    String out2 = "bench.passthrough-alo-" + runId;
    broker.create(List.of(out2), p);
    double atLeastOnce =
        Passthrough.run(
            access.admin(),
            in,
            out2,
            PASSTHROUGH_RECORDS / 4,
            PASSTHROUGH_RECORDS,
            broker,
            StreamsConfig.AT_LEAST_ONCE);

    BenchFederation federation = BenchFederation.create(runId);
    TopicProvisioner.forAccess(access.admin(), p).provision(Topics.all(federation.directory()));
    access.schemas(registry).provision(Topics.all(federation.directory()));
    access.schemas(registry).provisionProcessor("bench-pipeline-" + runId);
    broker.awaitLeaders(federation.topicNames());
    Pattern intake = Pattern.compile("intake\\.b" + runId + "-.*");
    Pattern alerts = Topics.ALERTS_PATTERN;
    // The warm-up is waiting in the topics when the processor starts; the measured sightings are
    // sent once every stage has worked through it, so none of the warm-up is on the clock.
    fillWithSightings(federation, warmup, 0, Integer.MAX_VALUE);
    Pattern rejectedTopic = Pattern.compile(Pattern.quote(Topics.INTAKE_REJECTED.name()));
    long rejectedBefore = broker.endOffsets(rejectedTopic);

    Path members = federation.writeTemporary();
    double pipeline;
    double alertsPerSec;
    double[] latency;
    long rss;
    long state;
    long retries;
    long retriesMeasured;
    double perSighting;
    double cpuUs;
    double brokerCpuUs;
    double loadCpuUs;
    Map<String, double[]> byReason;
    try (ProcessorService processor =
        new ProcessorService(
            processorJar,
            access,
            registry,
            members,
            "bench-pipeline-" + runId,
            results.resolve("logs"),
            withThreads(processorJvmOptions, setup.threads()),
            p)) {
      processor.awaitReady(Duration.ofMinutes(2));
      long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
      Progress progress = new Progress(warmup + (long) records);
      awaitCaughtUp(broker, processor, intake, warmup, progress, deadline);
      long started = System.nanoTime();
      Duration cpuAtStart = processor.cpu();
      Duration brokerCpuAtStart = cpu.broker();
      // The load: this JVM, whose feed producer is most of its work while measured.
      Duration loadCpuAtStart = ProcessCpu.own();
      long retriesAtStart = processor.transactionRetries();
      Map<TopicPartition, Long> alertsAtStart = broker.endOffsetsByPartition(alerts);
      Map<TopicPartition, Long> writtenAtStart = broker.endOffsetsByPartition(PROCESSOR_WRITES);
      // Sent as fast as the producer goes, while the processor works: as the scale bench does.
      fillWithSightings(federation, records, warmup, Integer.MAX_VALUE);
      awaitCaughtUp(broker, processor, intake, warmup + (long) records, progress, deadline);
      double seconds = (System.nanoTime() - started) / 1e9;
      cpuUs = processor.cpu().minus(cpuAtStart).toNanos() / 1e3 / records;
      brokerCpuUs = ProcessCpu.perItemUs(brokerCpuAtStart, cpu.broker(), records);
      loadCpuUs = ProcessCpu.perItemUs(loadCpuAtStart, ProcessCpu.own(), records);
      pipeline = records / seconds;
      alertsPerSec = countCommitted(alertsAtStart, broker.endOffsetsByPartition(alerts)) / seconds;
      // Read back, not end offsets: a transaction's commit marker takes an offset too.
      Map<String, Long> byTopic = new java.util.TreeMap<>();
      perSighting =
          countCommitted(writtenAtStart, broker.endOffsetsByPartition(PROCESSOR_WRITES), byTopic)
              / (double) records;
      StringBuilder perTopic = new StringBuilder("   written per sighting:");
      byTopic.forEach(
          (topic, n) ->
              perTopic.append(String.format(Locale.ROOT, " %s %.2f", topic, n / (double) records)));
      System.out.println(perTopic);
      long rejected = broker.endOffsets(rejectedTopic) - rejectedBefore;
      if (rejected > 0) {
        System.out.printf(
            Locale.ROOT,
            "   WARNING: %d of %d sightings rejected (see intake.rejected): the feed is wrong%n",
            rejected,
            warmup + records);
      }
      byReason = new java.util.TreeMap<>();
      latency = latencyAtFixedRate(federation, byReason);
      rss = processor.peakRssBytes();
      state = processor.stateBytes();
      retries = processor.transactionRetries();
      // Those of the start and the warm-up apart: on freshly created topics they come in bursts.
      retriesMeasured = retries - retriesAtStart;
    }

    String e2eTopic = "bench.e2e-" + runId;
    broker.create(List.of(e2eTopic), p);
    double[] kafkaLatency = KafkaTools.endToEndLatency(access.admin(), e2eTopic, 5_000, size);
    return new Run(
        producer,
        atLeastOnce,
        passthrough,
        pipeline,
        alertsPerSec,
        latency,
        byReason,
        kafkaLatency,
        rss,
        state,
        retries,
        retriesMeasured,
        perSighting,
        cpuUs,
        brokerCpuUs,
        loadCpuUs);
  }

  /** The processor's JVM options, with its number of stream threads (Quarkus passes it on). */
  private static List<String> withThreads(List<String> options, int threads) {
    List<String> all = new ArrayList<>(options);
    all.add("-Dkafka-streams.num.stream.threads=" + threads);
    return all;
  }

  /** ProducerPerformance's records before its clock starts (its {@code --warmup-records}). */
  private static final long PRODUCER_WARMUP = 500_000;

  /**
   * Records the passthroughs copy, the first quarter before the clock starts. Not 30 s of them: at
   * 400k/s that would be 12M records, two minutes of filling per run, for a yardstick forty times
   * the pipeline's rate, whose error cannot change what the ratio says.
   */
  private static final long PASSTHROUGH_RECORDS = 2_000_000;

  /** ProducerPerformance's last rate, to size the next run to {@code --producer-seconds}. */
  private double producerRate = 100_000;

  /**
   * Until the processor has read {@code sightings} from the intake topics and every later stage has
   * caught up too: each stage of the topology commits its own offsets (intake topics, then each
   * repartition topic), so the group's lag is zero only when the last one is done.
   */
  private static void awaitCaughtUp(
      Broker broker,
      ProcessorService processor,
      Pattern intake,
      long sightings,
      Progress progress,
      long deadline)
      throws Exception {
    int caughtUp = 0;
    while (caughtUp < 2) {
      checkDeadline(deadline);
      Thread.sleep(100);
      long read = broker.committed(processor.applicationId, intake);
      progress.report(read);
      boolean done = read >= sightings && broker.lag(processor.applicationId) == 0;
      caughtUp = done ? caughtUp + 1 : 0;
    }
  }

  /**
   * A line every 10 s while the processor reads: a rate that falls as the run goes on is worth
   * seeing before it is averaged away.
   */
  private static final class Progress {
    private final long total;
    private long lastAt = System.nanoTime();
    private long lastRead;

    Progress(long total) {
      this.total = total;
    }

    void report(long read) {
      long now = System.nanoTime();
      if (now - lastAt >= 10_000_000_000L) {
        System.out.printf(
            Locale.ROOT,
            "   %,d of %,d sightings read, %,.0f/s over the last %.0f s%n",
            read,
            total,
            (read - lastRead) / ((now - lastAt) / 1e9),
            (now - lastAt) / 1e9);
        lastAt = now;
        lastRead = read;
      }
    }
  }

  private static void checkDeadline(long deadline) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("the pipeline did not catch up within 20 minutes");
    }
  }

  /**
   * The records written between two sets of end offsets, counted by reading them: an end offset
   * also counts the transaction markers, one per partition and commit, which would inflate an alert
   * rate by a few hundred per second at a 100 ms commit interval.
   */
  private long countCommitted(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
    return countCommitted(from, to, new java.util.TreeMap<>());
  }

  /** As above, and adds the count of each kind of topic ({@link #topicKind}) to {@code byTopic}. */
  private long countCommitted(
      Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, Map<String, Long> byTopic) {
    // From the earliest: records deleted before they are read are not counted.
    Properties props = new Properties();
    props.putAll(access.admin().readerProperties("bench-count"));
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>(to.keySet());
      consumer.assign(partitions);
      partitions.forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read the run's records within 2 minutes");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition()))) {
            count++;
            byTopic.merge(topicKind(r.topic()), 1L, Long::sum);
          }
        }
      }
    }
    return count;
  }

  /** A topic without its run: the processor's internal topics without the application id. */
  static String topicKind(String topic) {
    if (topic.startsWith("alerts.")) {
      return "alerts.*";
    }
    return topic.replaceFirst("^bench-pipeline-[0-9a-z]+-", "");
  }

  /** The mean serialised size of the feed's sightings: the record size for Kafka's tools. */
  private int averageSightingSize() {
    var serializer = RegistrySerdes.forRegistry(registry).avro(IntakeEvent.class).serializer();
    BenchFederation sample = BenchFederation.create("size");
    access.schemas(registry).provision(Topics.all(sample.directory()));
    SightingFeed feed = new SightingFeed(sample, serializer, overlap, 1);
    long total = 0;
    for (int i = 0; i < 1000; i++) {
      total += feed.next(i, Instant.now()).value().length;
    }
    return (int) (total / 1000);
  }

  private void fillWithBytes(String topic, long count, int size) {
    SendFailures failures = new SendFailures();
    byte[] value = new byte[size];
    Arrays.fill(value, (byte) 'x');
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            access.loadProducer(), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, Long.toString(i).getBytes(), value), failures);
      }
    }
    failures.check();
  }

  /** Counts failed sends: a benchmark whose input is short would measure nothing. */
  private static final class SendFailures implements org.apache.kafka.clients.producer.Callback {
    private final java.util.concurrent.atomic.AtomicLong failed =
        new java.util.concurrent.atomic.AtomicLong();
    private volatile Exception first;

    @Override
    public void onCompletion(
        org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
      if (e != null) {
        failed.incrementAndGet();
        first = first == null ? e : first;
      }
    }

    void check() {
      if (failed.get() > 0) {
        throw new IllegalStateException(failed.get() + " records were not written", first);
      }
    }
  }

  /** Sends {@code count} sightings, at most {@code perSecond}, stamped with the send time. */
  private void fillWithSightings(
      BenchFederation federation, long count, long firstSequence, int perSecond)
      throws InterruptedException {
    var serializer = RegistrySerdes.forRegistry(registry).avro(IntakeEvent.class).serializer();
    SightingFeed feed = new SightingFeed(federation, serializer, overlap, firstSequence + 7);
    long interval = perSecond == Integer.MAX_VALUE ? 0 : 1_000_000_000L / perSecond;
    long next = System.nanoTime();
    SendFailures failures = new SendFailures();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            access.loadProducer(), new StringSerializer(), new ByteArraySerializer())) {
      for (long i = firstSequence; i < firstSequence + count; i++) {
        if (interval > 0) {
          next += interval;
          long wait = next - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        long now = System.currentTimeMillis();
        SightingFeed.Next n = feed.next(i, Instant.ofEpochMilli(now));
        producer.send(new ProducerRecord<>(n.topic(), null, now, n.key(), n.value()), failures);
      }
    }
    failures.check();
  }

  /**
   * Publish → alert latency: sightings at a fixed rate, stamped when sent; an alert carries the
   * timestamp of the sighting that raised it, so its age on arrival is the pipeline's latency. Also
   * by the alert's reason into {@code byReason}: a near-duplicate match or a linked wallet takes
   * the second hop (by-indicator), a cross-border match does not.
   */
  private double[] latencyAtFixedRate(BenchFederation federation, Map<String, double[]> byReason)
      throws Exception {
    Properties props = new Properties();
    props.putAll(access.admin().readerProperties("bench-latency"));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    List<Long> latencies = new ArrayList<>();
    Map<String, List<Long>> reasons = new java.util.TreeMap<>();
    AtomicBoolean sending = new AtomicBoolean(true);
    long phaseStart = System.currentTimeMillis();
    try (var alerts = RegistrySerdes.forRegistry(registry).avro(Alert.class).deserializer();
        KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(Topics.ALERTS_PATTERN);
      while (consumer.assignment().isEmpty()) {
        consumer.poll(Duration.ofMillis(100));
      }
      Thread sender =
          new Thread(
              () -> {
                try {
                  fillWithSightings(federation, (long) rate * latencySeconds, 10_000_000L, rate);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  sending.set(false);
                }
              });
      sender.start();
      long drainUntil = Long.MAX_VALUE;
      while (System.currentTimeMillis() < drainUntil) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.timestamp() >= phaseStart) {
            long age = System.currentTimeMillis() - r.timestamp();
            latencies.add(age);
            String reason =
                alerts.deserialize(r.topic(), r.headers(), r.value()).getReason().name();
            reasons.computeIfAbsent(reason, k -> new ArrayList<>()).add(age);
          }
        }
        if (!sending.get() && drainUntil == Long.MAX_VALUE) {
          drainUntil = System.currentTimeMillis() + 5_000;
        }
      }
      sender.join();
    }
    reasons.forEach(
        (reason, ages) -> {
          double[] p = percentiles(ages);
          byReason.put(reason, new double[] {p[0], p[1], p[2], ages.size()});
        });
    return percentiles(latencies);
  }

  static double[] percentiles(List<Long> values) {
    if (values.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return new double[] {at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999)};
  }

  private static double at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static String describe(Run r) {
    return String.format(
        Locale.ROOT,
        "producer %.0f/s, passthrough %.0f/s (at-least-once %.0f/s), pipeline %.0f/s (alerts"
            + " %.0f/s), p50 %.0f p99 %.0f ms (Kafka %.0f ms), RSS %d MiB, state %d MiB,"
            + " transaction retries %d (%d while measured), %.2f records written per sighting,"
            + " CPU µs per sighting: processor %.1f, broker %.1f, load %.1f",
        r.producerPerSec(),
        r.passthroughPerSec(),
        r.atLeastOncePassthroughPerSec(),
        r.pipelinePerSec(),
        r.alertsPerSec(),
        r.pipelineLatencyMs()[0],
        r.pipelineLatencyMs()[1],
        r.kafkaLatencyMs()[1],
        r.processorPeakRss() >> 20,
        r.stateBytes() >> 20,
        r.transactionRetries(),
        r.transactionRetriesMeasured(),
        r.recordsWrittenPerSighting(),
        r.processorCpuUsPerSighting(),
        r.brokerCpuUsPerSighting(),
        r.loadCpuUsPerSighting());
  }
}
