package org.sightline.intake.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sightline.intake.IntakeConfig;
import org.sightline.security.ServiceClient;
import org.sightline.security.ServiceTls;

/**
 * Asks the processor whether indicators are known ({@code POST /api/v1/lookup}, mutual TLS with the
 * intake's own certificate, role {@code indicator-lookup}), as the asking agency may see them: the
 * processor cuts each answer with the same disclosure function as the alerts.
 */
@Singleton
public class ProcessorLookup {

  /** The processor did not answer: the lookup cannot be answered either. */
  public static final class UnavailableException extends Exception {
    UnavailableException(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<String> processorUrl;
  private final ServiceClient http;
  private final Duration timeout;

  ProcessorLookup(IntakeConfig config) {
    this.processorUrl = config.processorUrl().map(u -> u.replaceAll("/+$", ""));
    this.http =
        processorUrl.isEmpty()
            ? null
            : new ServiceClient(ServiceTls.forService(config.kafkaPrincipal(), config.tls()));
    this.timeout = config.lookupTimeout();
  }

  public boolean configured() {
    return processorUrl.isPresent();
  }

  /** One answer object per key, in order, for {@code agency:<agencyId>}. */
  public List<JsonNode> ask(String agencyId, List<String> keys) throws UnavailableException {
    if (processorUrl.isEmpty()) {
      throw new UnavailableException(
          "lookups need the processor's query port: set sightline.intake.processor-url");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("viewer", "agency:" + agencyId);
    body.set("keys", JSON.valueToTree(keys));
    try {
      HttpResponse<String> response =
          http.post(
              ServiceClient.uri(processorUrl.get(), "/api/v1/lookup", Map.of()),
              JSON.writeValueAsString(body),
              timeout);
      JsonNode answer = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        throw new UnavailableException(
            "the processor answered "
                + response.statusCode()
                + ": "
                + answer.path("error").asText("(no reason given)"));
      }
      JsonNode results = answer.path("results");
      if (!results.isArray() || results.size() != keys.size()) {
        throw new UnavailableException(
            "the processor answered " + results.size() + " results for " + keys.size() + " keys");
      }
      List<JsonNode> out = new java.util.ArrayList<>(keys.size());
      results.forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UnavailableException(
          "the processor at " + processorUrl.get() + " did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted");
    }
  }
}
