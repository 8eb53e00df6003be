package org.sightline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sightline.runtime.JdkLocator;
import org.sightline.runtime.LocalRuntime;
import org.sightline.runtime.RegistryCommand;
import org.sightline.runtime.RegistrySigningKey;

/**
 * A real Apicurio Registry as a child process (it needs a JDK 21+, which {@link JdkLocator} finds),
 * on a free port, with the launcher's durable storage (an H2 file in a temporary folder), global
 * compatibility BACKWARD and the launcher's authorization: anonymous reads, writes only with a
 * token of its {@link RegistrySigningKey} (kept in a temporary folder). {@link #restart()} brings
 * the same registry back on the same port with the same data. A shutdown hook stops it even when
 * the test JVM exits abruptly.
 */
public final class RegistryProcess implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final List<String> command;
  private volatile Process process;
  private final int port;
  private final Path log;
  private final Path keyDirectory;
  private final Path dataDirectory;
  private final Thread shutdownHook;

  private RegistryProcess(
      List<String> command, int port, Path log, Path keyDirectory, Path dataDirectory)
      throws IOException {
    this.command = command;
    this.port = port;
    this.log = log;
    this.keyDirectory = keyDirectory;
    this.dataDirectory = dataDirectory;
    this.process = spawn();
    this.shutdownHook =
        new Thread(
            () -> {
              process.destroyForcibly();
              EmbeddedKafkaBroker.deleteRecursively(dataDirectory);
            },
            "registry-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private Process spawn() throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /**
   * Stops the registry (as SIGTERM does) and starts it again on the same port with the same data
   * and key; returns once it answers.
   */
  public void restart() {
    stopProcess();
    try {
      process = spawn();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart the schema registry", e);
    }
    awaitReady();
  }

  private void stopProcess() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Starts the registry and waits until it answers. */
  public static RegistryProcess start() {
    RegistryProcess registry = launch();
    registry.awaitReady();
    return registry;
  }

  /** Starts the registry without waiting, so the caller can do other work meanwhile. */
  public static RegistryProcess launch() {
    JdkLocator.Jdk jdk = new JdkLocator().require(RegistryCommand.MIN_JAVA);
    Path runJar = LocalRuntime.fromBuild().registryRunJar();
    int port = FreePorts.next();
    Path keyDirectory;
    Path dataDirectory;
    try {
      keyDirectory = Files.createTempDirectory("sightline-registry-key-");
      dataDirectory = Files.createTempDirectory("sightline-registry-data-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RegistrySigningKey key = RegistrySigningKey.loadOrCreate(keyDirectory);
    List<String> command =
        RegistryCommand.command(jdk, runJar, HOST, port, FreePorts.next(), key, dataDirectory);
    try {
      Path log = Files.createTempFile("sightline-registry-", ".log");
      return new RegistryProcess(command, port, log, keyDirectory, dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the schema registry: " + command, e);
    }
  }

  public void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(RegistryCommand.readinessUrl(HOST, port)))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the schema registry exited with " + process.exitValue() + "; its log: " + tail());
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the registry", e);
      }
      sleep(200);
    }
    close();
    throw new IllegalStateException(
        "the schema registry did not answer within " + STARTUP_TIMEOUT + "; its log: " + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Base URL, e.g. {@code http://127.0.0.1:41234}; serdes and provisioners add their API path. */
  public String baseUrl() {
    return "http://" + HOST + ":" + port;
  }

  /** The folder of the registry's signing key (owner-only): whoever reads it is the admin. */
  public Path keyDirectory() {
    return keyDirectory;
  }

  @Override
  public void close() {
    stopProcess();
    EmbeddedKafkaBroker.deleteRecursively(dataDirectory);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // temp file; harmless
    }
    EmbeddedKafkaBroker.deleteRecursively(keyDirectory);
  }
}
