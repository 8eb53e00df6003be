package org.sightline.consumers.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sightline.client.KafkaLogin;
import org.sightline.client.ServiceClient;
import org.sightline.client.ServiceTls;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.alerts.AlertView;
import org.sightline.members.User;

/**
 * Asks the processor's interactive query for an alert's indicator, cut to one user's view. The
 * processor applies the same disclosure function its alerts are written with: this service names
 * the viewer (the secretariat; the analyst's agency when the directory binds them to one; else
 * their country) and never sees more than that.
 */
@Singleton
@Startup // a missing TLS identity stops the start, not the first request
public class IndicatorStates {

  /** What the processor said. */
  public enum Status {
    /** The state, cut to the viewer. */
    OK,
    /** The processor holds nothing this viewer may see. */
    NONE,
    /** The processor could not be asked, or did not answer properly. */
    UNAVAILABLE
  }

  /** The processor's answer: {@code state} only when {@code OK}, {@code error} otherwise. */
  public record Answer(Status status, JsonNode state, String error) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String processorUrl;
  private final ServiceClient http;

  IndicatorStates(ConsumersConfig config, KafkaLogin login) {
    this.processorUrl = config.processorUrl().replaceAll("/+$", "");
    // The processor answers only a certificate of the federation's CA issued to this service.
    this.http = new ServiceClient(ServiceTls.forService(login.principal(), config.tls()));
  }

  /** The state of {@code alert}'s indicator as {@code user} may see it. */
  public Answer ask(User user, AlertView alert) {
    HttpResponse<String> answer;
    try {
      answer =
          http.get(
              ServiceClient.uri(
                  processorUrl,
                  "/api/v1/indicators",
                  Map.of("key", alert.indicator(), "viewer", viewer(user))),
              Duration.ofSeconds(5));
    } catch (IOException e) {
      return unavailable("the processor at " + processorUrl + " cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable("interrupted");
    }
    if (answer.statusCode() == 404) {
      return new Answer(Status.NONE, null, "the processor holds no state for this indicator");
    }
    if (answer.statusCode() != 200) {
      return unavailable("the processor answered " + answer.statusCode());
    }
    try {
      return new Answer(Status.OK, JSON.readTree(answer.body()), null);
    } catch (IOException e) {
      return unavailable("the processor's answer is not JSON");
    }
  }

  /**
   * Whether {@code key} is known, and what {@code user} may learn of it: the processor's lookup
   * answer for one key ({@code known}, {@code disclosure} and, with {@code DETAILS}, counts, times,
   * categories; never another agency's name), {@code OK} with it, {@code UNAVAILABLE} otherwise.
   */
  public Answer lookup(User user, String key) {
    HttpResponse<String> answer;
    try {
      answer =
          http.post(
              ServiceClient.uri(processorUrl, "/api/v1/lookup", Map.of()),
              JSON.writeValueAsString(Map.of("viewer", viewer(user), "keys", List.of(key))),
              Duration.ofSeconds(10));
    } catch (IOException e) {
      return unavailable("the processor at " + processorUrl + " cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable("interrupted");
    }
    if (answer.statusCode() != 200) {
      return unavailable("the processor answered " + answer.statusCode());
    }
    try {
      JsonNode result = JSON.readTree(answer.body()).path("results").path(0);
      return result.isObject()
          ? new Answer(Status.OK, result, null)
          : unavailable("the processor's answer holds no result");
    } catch (IOException e) {
      return unavailable("the processor's answer is not JSON");
    }
  }

  /** Whose disclosure the processor applies for this user. */
  public static String viewer(User user) {
    if (user.isSecretariat()) {
      return "secretariat";
    }
    return user.agency() != null
        ? "agency:" + user.agency().value()
        : "country:" + user.country().value();
  }

  private static Answer unavailable(String why) {
    return new Answer(Status.UNAVAILABLE, null, why);
  }
}
