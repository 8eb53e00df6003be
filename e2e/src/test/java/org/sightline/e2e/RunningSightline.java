package org.sightline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sightline.client.ServiceTls;
import org.sightline.members.AgencyId;
import org.sightline.members.Principal;
import org.sightline.testing.FreePorts;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;

/**
 * The whole backbone, once per test JVM: the test stack's broker and registry (topics and schemas
 * of {@link TestMembers}), then the processor, the intake and the consumers from their packaged
 * applications, each in its own JVM on a free port, stopped when the JVM exits.
 */
final class RunningSightline {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private static RunningSightline instance;

  final SightlineTestStack stack;
  final ServiceProcess processor;
  final ServiceProcess intake;
  final ServiceProcess consumers;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningSightline(
      SightlineTestStack stack,
      ServiceProcess processor,
      ServiceProcess intake,
      ServiceProcess consumers) {
    this.stack = stack;
    this.processor = processor;
    this.intake = intake;
    this.consumers = consumers;
  }

  /** Why the first start failed: later test classes report it instead of starting again. */
  private static RuntimeException failed;

  static synchronized RunningSightline get() {
    if (failed != null) {
      throw new IllegalStateException("the backbone did not start: " + failed.getMessage(), failed);
    }
    if (instance == null) {
      try {
        instance = start();
      } catch (RuntimeException e) {
        failed = e;
        throw e;
      }
    }
    return instance;
  }

  /** The repository's root, where the services' {@code target/quarkus-app} folders are. */
  static Path root() {
    return Path.of(System.getProperty("sightline.root", "..")).toAbsolutePath().normalize();
  }

  /** This module's {@code target}: logs and screenshots are kept there as test artifacts. */
  static Path out() {
    return Path.of(System.getProperty("sightline.e2e.out", "target")).toAbsolutePath().normalize();
  }

  private static RunningSightline start() {
    long t0 = System.nanoTime();
    Path root = root();
    // Every jar first: a missing one must not leave the others running.
    Path processorJar = ServiceProcess.jar(root, "processor", "processor");
    Path intakeJar = ServiceProcess.jar(root, "intake", "intake");
    Path consumersJar = ServiceProcess.jar(root, "consumers", "consumers");
    SightlineTestStack stack = SightlineTestStack.get();
    Path logs = out().resolve("e2e-logs");
    Path state = out().resolve("e2e-processor-state");
    deleteTree(state);
    Path consumersState = out().resolve("e2e-consumers-state");
    deleteTree(consumersState);
    int processorPort = FreePorts.next();
    int intakePort = FreePorts.next();
    int consumersPort = FreePorts.next();
    // The processor's queries: mutual TLS with the consumers and the intake, as ./sightline sets
    // up.
    ServiceTls processorTls = stack.serviceTls(Principal.PROCESSOR);
    ServiceTls consumersTls = stack.serviceTls(Principal.CONSUMERS);
    ServiceTls intakeTls = stack.serviceTls(Principal.INTAKE);
    Map<String, String> common =
        Map.of(
            "SIGHTLINE_KAFKA", stack.bootstrapServers(),
            "SIGHTLINE_KAFKA_CA", stack.caCertificate().toString(),
            "SIGHTLINE_REGISTRY", stack.registryUrl(),
            "SIGHTLINE_MEMBERS", stack.membersFile().toString(),
            "SIGHTLINE_WARNING_LISTS", root.resolve("demo/warninglists").toString());
    List<ServiceProcess> services = new ArrayList<>();
    try {
      services.add(
          ServiceProcess.start(
              "processor",
              processorJar,
              root,
              processorPort,
              FreePorts.next(),
              "SIGHTLINE_PROCESSOR_MANAGEMENT_PORT",
              with(
                  common,
                  "SIGHTLINE_PROCESSOR_PORT",
                  Integer.toString(processorPort),
                  "SIGHTLINE_TLS_KEYSTORE",
                  processorTls.keystore().toString(),
                  "SIGHTLINE_TLS_KEYSTORE_PASSWORD",
                  processorTls.password(),
                  "SIGHTLINE_PROCESSOR_HOST",
                  "localhost",
                  "SIGHTLINE_STATE_DIR",
                  state.toString(),
                  "SIGHTLINE_KAFKA_PASSWORD",
                  stack.access(Principal.PROCESSOR).password()),
              logs));
      services.add(
          ServiceProcess.start(
              "intake",
              intakeJar,
              root,
              intakePort,
              FreePorts.next(),
              "SIGHTLINE_INTAKE_MANAGEMENT_PORT",
              with(
                  common,
                  "SIGHTLINE_INTAKE_PORT",
                  Integer.toString(intakePort),
                  "SIGHTLINE_PROCESSOR_URL",
                  "https://localhost:" + processorPort,
                  "SIGHTLINE_TLS_KEYSTORE",
                  intakeTls.keystore().toString(),
                  "SIGHTLINE_TLS_KEYSTORE_PASSWORD",
                  intakeTls.password(),
                  "SIGHTLINE_KAFKA_PASSWORD",
                  stack.access(Principal.INTAKE).password()),
              logs));
      services.add(
          ServiceProcess.start(
              "consumers",
              consumersJar,
              root,
              consumersPort,
              FreePorts.next(),
              "SIGHTLINE_CONSUMERS_MANAGEMENT_PORT",
              with(
                  common,
                  "SIGHTLINE_CONSUMERS_PORT",
                  Integer.toString(consumersPort),
                  "SIGHTLINE_PROCESSOR_URL",
                  "https://localhost:" + processorPort,
                  "SIGHTLINE_TLS_KEYSTORE",
                  consumersTls.keystore().toString(),
                  "SIGHTLINE_TLS_KEYSTORE_PASSWORD",
                  consumersTls.password(),
                  "SIGHTLINE_STATE_DIR",
                  consumersState.toString(),
                  "SIGHTLINE_KAFKA_PASSWORD",
                  stack.access(Principal.CONSUMERS).password()),
              logs));
      for (ServiceProcess service : services) {
        service.awaitReady(START_TIMEOUT);
      }
    } catch (RuntimeException e) {
      services.forEach(ServiceProcess::close);
      throw e;
    }
    System.out.printf(
        "e2e: backbone ready in %d ms (processor :%d, intake :%d, consumers :%d)%n",
        (System.nanoTime() - t0) / 1_000_000, processorPort, intakePort, consumersPort);
    return new RunningSightline(stack, services.get(0), services.get(1), services.get(2));
  }

  /** The console's address of a page, e.g. {@code /login.html}. */
  String console(String path) {
    return consumers.url(path);
  }

  /** Posts a sighting at the intake as the agency (its API key) and insists on 202. */
  void post(AgencyId agency, String sightingJson) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(intake.url("/api/v1/sightings")))
            .header("Authorization", "Bearer " + TestMembers.apiKey(agency))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(sightingJson))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 202) {
        throw new AssertionError(
            "the intake answered "
                + response.statusCode()
                + " to "
                + agency
                + "'s sighting: "
                + response.body()
                + "\n"
                + sightingJson);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The secretariat approves {@code domain} for the "worst of" list once the rule has proposed it
   * (within 90 s), through the console's API as a user of the secretariat would.
   */
  void approveWhenProposed(String domain) {
    try {
      String cookie = loginCookie(TestMembers.SECRETARIAT_USER);
      long deadline = System.currentTimeMillis() + 90_000;
      while (true) {
        HttpResponse<String> queue =
            http.send(
                HttpRequest.newBuilder(URI.create(console("/api/v1/iwol-review")))
                    .header("Cookie", cookie)
                    .header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(20))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (queue.statusCode() == 200 && queue.body().contains("\"domain\":\"" + domain + "\"")) {
          break;
        }
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError(
              domain + " was not proposed within 90 s: " + queue.body() + "\n" + logTails());
        }
        Thread.sleep(500);
      }
      HttpResponse<String> verdict =
          http.send(
              HttpRequest.newBuilder(URI.create(console("/api/v1/iwol-review/verdicts")))
                  .header("Cookie", cookie)
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(20))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"domain\":\"" + domain + "\",\"verdict\":\"approve\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (verdict.statusCode() != 202) {
        throw new AssertionError("approval of " + domain + ": " + verdict.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A console session of {@code user}: the cookie to send. */
  String loginCookie(String user) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(console("/api/v1/login")))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"user\":\""
                            + user
                            + "\",\"password\":\""
                            + TestMembers.password(user)
                            + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new AssertionError("login of " + user + ": " + answer.body());
    }
    return answer.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
  }

  /** The tails of every service's log, for a failure message. */
  String logTails() {
    return String.join("\n", processor.logTail(30), intake.logTail(15), consumers.logTail(30));
  }

  private static Map<String, String> with(Map<String, String> base, String... pairs) {
    Map<String, String> env = new java.util.HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not clear " + dir, e);
    }
  }
}
