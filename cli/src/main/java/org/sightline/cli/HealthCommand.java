package org.sightline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sightline.client.LagProbe;
import org.sightline.members.Principal;
import org.sightline.topics.StoreNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code health}: whether each service says it is healthy (its management interface's readiness,
 * with the checks that fail), the processor's Kafka Streams state, and how far the processor is
 * behind the intake (its consumer group's lag, read from the broker). Exit 0 when all is well, 1
 * otherwise, so that {@code ./sightline status} and the demo can say it loudly.
 */
@Command(
    name = "health",
    description = {
      "Each service's health (its management port's /q/health/ready), the processor's Kafka"
          + " Streams state and its lag behind the intake.",
      "Exit 0 when all is well, 1 when something is not."
    })
final class HealthCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--service",
      split = ",",
      paramLabel = "NAME=PORT",
      description = "A service and its management port, e.g. processor=9282 (repeatable)")
  Map<String, Integer> services = new LinkedHashMap<>();

  @Option(
      names = "--max-lag",
      defaultValue = "10000",
      description =
          "Intake records waiting beyond which the processor is behind (${DEFAULT-VALUE})")
  long maxLag;

  @Option(names = "--quiet", description = "Print only what is wrong")
  boolean quiet;

  @Option(
      names = "--processor-application-id",
      defaultValue = StoreNames.PROCESSOR_APPLICATION_ID,
      description = "The processor's consumer group (default: ${DEFAULT-VALUE})")
  String group;

  @Mixin BrokerOptions broker = new BrokerOptions();

  PrintStream out = System.out;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Integer> service : services.entrySet()) {
      String verdict = health(service.getKey(), service.getValue());
      lines.add(String.format("%-10s %s", service.getKey(), verdict));
      if (!verdict.startsWith("UP")) {
        problems.add(service.getKey() + ": " + verdict);
      }
    }
    try (LagProbe probe =
        new LagProbe(
            broker.access(Principal.ADMIN), group, Duration.ofSeconds(5), "sightline-health")) {
      LagProbe.Sample lag = probe.sample();
      String verdict;
      if (!lag.measured()) {
        verdict = "cannot be measured: " + lag.error();
        problems.add("lag: " + verdict);
      } else if (lag.waiting() > maxLag) {
        verdict = lag.waiting() + " intake records waiting: BEHIND (more than " + maxLag + ")";
        problems.add("lag: " + verdict + " " + lag.byAgency());
      } else {
        verdict = lag.waiting() + " intake records waiting";
      }
      lines.add(String.format("%-10s %s", "lag", verdict));
    } catch (RuntimeException e) {
      problems.add("lag: cannot be measured: " + e.getMessage());
    }
    if (quiet) {
      problems.forEach(p -> out.println("!! " + p));
    } else {
      lines.forEach(out::println);
    }
    return problems.isEmpty() ? 0 : 1;
  }

  /** "UP", "UP (RUNNING)" for the processor, or what is wrong. */
  private String health(String name, int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode health = JSON.readTree(response.body());
      List<String> down = new ArrayList<>();
      String state = null;
      for (JsonNode check : health.path("checks")) {
        if (!"UP".equals(check.path("status").asText())) {
          down.add(check.path("name").asText());
        }
        if (check.path("data").has("state")) {
          state = check.path("data").path("state").asText();
        }
      }
      String status = health.path("status").asText("?");
      String suffix = state == null ? "" : " (Kafka Streams " + state + ")";
      return "UP".equals(status) && down.isEmpty()
          ? "UP" + suffix
          : "DOWN" + suffix + (down.isEmpty() ? "" : ": " + String.join(", ", down));
    } catch (IOException e) {
      return "NOT ANSWERING on management port " + port;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
