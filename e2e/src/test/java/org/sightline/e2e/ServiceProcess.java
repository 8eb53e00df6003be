package org.sightline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Sightline service as it is deployed: its Quarkus application ({@code quarkus-run.jar}) in a
 * JVM of its own, configured through the same environment variables as {@code ./sightline} sets,
 * its output in a log file that a failed wait quotes.
 */
final class ServiceProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int port;
  final int managementPort;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, int port, int managementPort, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.managementPort = managementPort;
    this.process = process;
    this.log = log;
  }

  /**
   * The packaged application of a module; fails, and says what to do, when the module has not been
   * packaged.
   */
  static Path jar(Path root, String module, String name) {
    Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the "
              + name
              + " service is not built ("
              + jar.normalize()
              + " is missing): run ./mvnw install -DskipTests first");
    }
    return jar;
  }

  /**
   * Starts the application in {@code root} (relative paths in the services' defaults mean the
   * repository root), stopped when this JVM exits even if nobody closes it.
   */
  static ServiceProcess start(
      String name,
      Path jar,
      Path root,
      int port,
      int managementPort,
      String managementPortVariable,
      Map<String, String> env,
      Path logs) {
    try {
      Files.createDirectories(logs);
      Path log = logs.resolve(name + ".log");
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx512m",
              "-jar",
              jar.toString());
      pb.environment().putAll(env);
      pb.environment().put(managementPortVariable, Integer.toString(managementPort));
      pb.directory(root.toFile());
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      ServiceProcess service = new ServiceProcess(name, port, managementPort, pb.start(), log);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(service::close, "sightline-e2e-stop-" + name));
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the " + name + " service", e);
    }
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  /**
   * Waits for {@code /q/health/ready} on the management interface to answer 200: the service's own
   * idea of being ready.
   */
  void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with status " + process.exitValue() + "\n" + logTail(60));
      }
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // Starting: the port opens only once Quarkus is up.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + name, e);
      }
      sleep(250);
    }
    throw new IllegalStateException(name + " was not ready within " + timeout + "\n" + logTail(60));
  }

  /** The last lines of the service's output, to put in a failure message. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- last lines of "
          + log
          + " ---\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log at " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
