package org.sightline.bench.pipeline;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sightline.access.AccessPolicy;
import org.sightline.client.ServiceTls;
import org.sightline.members.Principal;
import org.sightline.runtime.LocalCertificateAuthority;

/**
 * The correlation processor as it is deployed: its Quarkus application, in its own JVM, so that its
 * memory is its own and nothing of the benchmark's shares its heap. It reaches the broker on the
 * same SASL_SSL listener as everything else: as the {@code processor} principal when it runs under
 * its production application id ({@link AccessPolicy#PROCESSOR_APPLICATION_ID}, the only one the
 * processor's ACLs cover), otherwise as the admin ({@code SIGHTLINE_KAFKA_PRINCIPAL=admin}): the
 * benchmarks give every run an application id of its own, so that no run inherits the committed
 * offsets, internal topics or state of another (see bench/README.md).
 */
final class ProcessorService implements AutoCloseable {

  private final Process process;
  private final int port;
  private final int managementPort;
  private final Path stateDir;
  private final Path log;
  private final Thread orphanGuard;
  final String applicationId;

  /** The principal it logs in as. */
  final String principal;

  ProcessorService(
      Path jar,
      BenchAccess access,
      String registry,
      Path members,
      String applicationId,
      Path logs,
      List<String> jvmOptions,
      int partitions)
      throws IOException {
    this.port = freePort();
    this.managementPort = freePort();
    this.stateDir = Files.createTempDirectory("bench-processor-state");
    this.applicationId = applicationId;
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    // Streams deletes what its repartition topics held once it is consumed (every 30 s by
    // default); the bench reads every record the processor wrote back to count them, so it keeps
    // them for the run. Deleting them costs a request per partition every 30 s, nothing per record.
    command.add("-Dkafka-streams.repartition.purge.interval.ms=" + Duration.ofHours(1).toMillis());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    Principal principal =
        AccessPolicy.PROCESSOR_APPLICATION_ID.equals(applicationId)
            ? Principal.PROCESSOR
            : Principal.ADMIN;
    this.principal = principal.name();
    env.put("SIGHTLINE_KAFKA", access.login.bootstrap);
    env.put("SIGHTLINE_KAFKA_CA", access.login.ca.toAbsolutePath().toString());
    env.put("SIGHTLINE_KAFKA_PRINCIPAL", principal.name());
    env.put("SIGHTLINE_KAFKA_PASSWORD", access.password(principal));
    env.put("SIGHTLINE_REGISTRY", registry);
    env.put("SIGHTLINE_MEMBERS", members.toString());
    // As many as the intake topics were made with: the feed's keys pick those partitions.
    env.put("SIGHTLINE_PARTITIONS", Integer.toString(partitions));
    env.put("SIGHTLINE_PROCESSOR_PORT", Integer.toString(port));
    env.put("SIGHTLINE_PROCESSOR_MANAGEMENT_PORT", Integer.toString(managementPort));
    // Its interactive queries are mutual TLS: a key store signed by the bench broker's CA.
    ServiceTls tls =
        LocalCertificateAuthority.service(
            access.login.ca.toAbsolutePath().getParent(), Principal.PROCESSOR.name(), List.of());
    env.put("SIGHTLINE_TLS_KEYSTORE", tls.keystore().toString());
    env.put("SIGHTLINE_TLS_KEYSTORE_PASSWORD", tls.password());
    env.put("SIGHTLINE_STATE_DIR", stateDir.toString());
    env.put("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", applicationId);
    env.put("QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER", "localhost:" + port);
    Files.createDirectories(logs);
    this.log = logs.resolve(applicationId + ".log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    this.process = pb.start();
    // A bench stopped with Ctrl-C or kill must not leave a processor behind, reconnecting to a
    // broker that is gone and taking a core from the next run.
    this.orphanGuard = new Thread(process::destroyForcibly, "stop-bench-processor");
    Runtime.getRuntime().addShutdownHook(orphanGuard);
  }

  /** Waits until Kafka Streams reports RUNNING (the readiness check). */
  void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the processor exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the processor was not ready within " + timeout);
  }

  /**
   * How many produce requests its transactional producer had to retry because the broker answered
   * CONCURRENT_TRANSACTIONS (the next transaction's first write racing the previous one's
   * completion) or OUT_OF_ORDER_SEQUENCE_NUMBER (a batch behind a rejected one): one warning per
   * partition per retry in its log. Every one is a delay of at least {@code retry.backoff.ms}.
   */
  long transactionRetries() throws IOException {
    try (var lines = Files.lines(log)) {
      return lines
          .filter(l -> l.contains("Got error produce response"))
          .filter(
              l ->
                  l.contains("CONCURRENT_TRANSACTIONS")
                      || l.contains("OUT_OF_ORDER_SEQUENCE_NUMBER"))
          .count();
    }
  }

  /** Peak resident memory (VmHWM) of the processor's JVM, in bytes. */
  /** CPU time the processor's JVM has used so far, every thread (user + system). */
  java.time.Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
  }

  long peakRssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  /** Current resident memory (VmRSS) of the processor's JVM, in bytes. */
  long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  long pid() {
    return process.pid();
  }

  Path stateDir() {
    return stateDir;
  }

  /** The state directory's size: the sum of its files' lengths. */
  long stateBytes() throws IOException {
    try (Stream<Path> files = Files.walk(stateDir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Its interactive queries' port (HTTPS, mutual TLS). */
  int queryPort() {
    return port;
  }

  /** Stops the JVM (SIGTERM, as Kubernetes does) and keeps its state directory, to read it. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    Runtime.getRuntime().removeShutdownHook(orphanGuard);
    stop();
    // The state of a scale run reaches gigabytes: measured before close, never left in /tmp.
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + stateDir + ": " + e);
    }
  }
}
