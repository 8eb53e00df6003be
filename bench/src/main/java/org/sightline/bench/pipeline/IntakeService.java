package org.sightline.bench.pipeline;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sightline.client.ServiceTls;
import org.sightline.members.Principal;
import org.sightline.runtime.LocalCertificateAuthority;

/**
 * The HTTP intake as it is deployed: its Quarkus application in its own JVM, logged in to the
 * broker as the {@code intake} principal. With a processor's query port it asks that processor
 * (held-checks, lookups) with the intake's own certificate, signed by the bench broker's CA.
 */
final class IntakeService implements AutoCloseable {

  private final Process process;
  private final int port;
  private final int managementPort;

  /**
   * @param processorPort the processor's query port, or 0 for none
   */
  IntakeService(
      Path jar,
      BenchAccess access,
      String registry,
      Path members,
      int processorPort,
      List<String> jvmOptions,
      Path log)
      throws IOException {
    this.port = freePort();
    this.managementPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("SIGHTLINE_KAFKA", access.login.bootstrap);
    env.put("SIGHTLINE_KAFKA_CA", access.login.ca.toAbsolutePath().toString());
    env.put("SIGHTLINE_KAFKA_PRINCIPAL", Principal.INTAKE.name());
    env.put("SIGHTLINE_KAFKA_PASSWORD", access.password(Principal.INTAKE));
    env.put("SIGHTLINE_REGISTRY", registry);
    env.put("SIGHTLINE_MEMBERS", members.toString());
    env.put("SIGHTLINE_INTAKE_PORT", Integer.toString(port));
    env.put("SIGHTLINE_INTAKE_MANAGEMENT_PORT", Integer.toString(managementPort));
    if (processorPort > 0) {
      ServiceTls tls =
          LocalCertificateAuthority.service(
              access.login.ca.toAbsolutePath().getParent(), Principal.INTAKE.name(), List.of());
      env.put("SIGHTLINE_PROCESSOR_URL", "https://localhost:" + processorPort);
      env.put("SIGHTLINE_TLS_KEYSTORE", tls.keystore().toString());
      env.put("SIGHTLINE_TLS_KEYSTORE_PASSWORD", tls.password());
    } else {
      env.remove("SIGHTLINE_PROCESSOR_URL");
    }
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    this.process = pb.start();
  }

  /** CPU time the intake's JVM has used so far, every thread (user + system). */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** The public API's base URL. */
  String url() {
    return "http://localhost:" + port;
  }

  /** Until its readiness check (the receipt index loaded) answers 200. */
  void awaitReady(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the intake exited with " + process.exitValue());
      }
      try {
        if (http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the intake was not ready within " + timeout);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
