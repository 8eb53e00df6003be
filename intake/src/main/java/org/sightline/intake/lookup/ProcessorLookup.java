package org.sightline.intake.lookup;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sightline.client.KafkaLogin;
import org.sightline.client.ServiceClient;
import org.sightline.client.ServiceTls;
import org.sightline.intake.IntakeConfig;

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

  /** Why there is no lookup without the processor's query port. */
  static final String NOT_CONFIGURED =
      "lookups need the processor's query port: sightline.intake.processor-url is not set";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<String> processorUrl;
  private final ServiceClient http;
  private final Duration timeout;

  ProcessorLookup(IntakeConfig config, KafkaLogin login) {
    this.processorUrl = config.processorUrl().map(u -> u.replaceAll("/+$", ""));
    this.http =
        processorUrl.isEmpty()
            ? null
            : new ServiceClient(ServiceTls.forService(login.principal(), config.tls()));
    this.timeout = config.lookupTimeout();
  }

  public boolean configured() {
    return processorUrl.isPresent();
  }

  /**
   * One answer per key, in order, for {@code agency:<agencyId>}: each the processor's JSON object
   * as it sent it, cut out of its answer by a streaming pass rather than parsed into a tree and
   * written again (a tree of 100,000 objects was most of the intake's work on a lookup).
   */
  public List<String> ask(String agencyId, List<String> keys) throws UnavailableException {
    if (processorUrl.isEmpty()) {
      throw new UnavailableException(NOT_CONFIGURED);
    }
    try {
      // Written straight from the list: a tree of 100,000 text nodes first cost as much again.
      String body =
          JSON.writeValueAsString(
              new java.util.LinkedHashMap<>(Map.of("viewer", "agency:" + agencyId, "keys", keys)));
      HttpResponse<String> response =
          http.post(
              ServiceClient.uri(processorUrl.get(), "/api/v1/lookup", Map.of()), body, timeout);
      if (response.statusCode() != 200) {
        JsonNode error = JSON.readTree(response.body());
        throw new UnavailableException(
            "the processor answered "
                + response.statusCode()
                + ": "
                + error.path("error").asText("(no reason given)"));
      }
      List<String> results = results(response.body());
      if (results.size() != keys.size()) {
        throw new UnavailableException(
            "the processor answered " + results.size() + " results for " + keys.size() + " keys");
      }
      return results;
    } catch (IOException e) {
      throw new UnavailableException(
          "the processor at " + processorUrl.get() + " did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted");
    }
  }

  /** The objects of {@code {"results":[{...}, ...]}}, each as its own JSON text. */
  static List<String> results(String answer) throws IOException {
    List<String> out = new ArrayList<>();
    try (JsonParser p = JSON.getFactory().createParser(answer)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the processor's answer is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("results") || value != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          int from = (int) p.currentTokenLocation().getCharOffset();
          p.skipChildren();
          int to = (int) p.currentLocation().getCharOffset();
          out.add(answer.substring(from, to));
        }
      }
    }
    return out;
  }
}
