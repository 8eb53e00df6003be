package org.sightline.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaLogin;
import org.sightline.client.ServiceClient;
import org.sightline.client.ServiceTls;
import org.sightline.members.AgencyId;

/**
 * Asks the processor whether it holds a sighting ({@code GET /api/v1/sightings/held}, mutual TLS
 * with the intake's own certificate, which lets it ask that and nothing else). The intake asks only
 * for a retraction of an id its receipt index does not know (older than its window, or sent through
 * the agency's own producer), so that a retraction of a sighting the agency never sent is answered
 * 404 at once instead of being accepted and refused later, unseen, on {@code intake.rejected}.
 *
 * <p>When the processor cannot say (not configured, not reachable, rebalancing) the retraction is
 * accepted: refusing would lose a genuine withdrawal, and the processor still refuses an unknown id
 * itself.
 */
@Singleton
@io.quarkus.runtime.Startup // a missing TLS identity stops the start, not the first retraction
public class ProcessorLedger {

  private static final Logger LOG = Logger.getLogger(ProcessorLedger.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the processor said. */
  public enum Answer {
    HELD,
    NOT_HELD,
    UNKNOWN
  }

  private final Optional<String> processorUrl;
  private final ServiceClient http;

  ProcessorLedger(IntakeConfig config, KafkaLogin login) {
    this.processorUrl = config.processorUrl().map(u -> u.replaceAll("/+$", ""));
    this.http =
        processorUrl.isEmpty()
            ? null
            : new ServiceClient(ServiceTls.forService(login.principal(), config.tls()));
    if (processorUrl.isEmpty()) {
      LOG.info(
          "sightline.intake.processor-url is not set: retractions of ids the intake has no receipt"
              + " for are accepted, and the processor refuses unknown ones on intake.rejected");
    }
  }

  public Answer held(AgencyId agency, String id) {
    if (processorUrl.isEmpty()) {
      return Answer.UNKNOWN;
    }
    URI uri =
        ServiceClient.uri(
            processorUrl.get(),
            "/api/v1/sightings/held",
            Map.of("agency", agency.value(), "id", id));
    try {
      HttpResponse<String> response = http.get(uri, Duration.ofSeconds(3));
      if (response.statusCode() != 200) {
        LOG.warnf(
            "the processor answered %d to a held-check; the retraction is accepted",
            response.statusCode());
        return Answer.UNKNOWN;
      }
      JsonNode json = JSON.readTree(response.body());
      return json.path("held").asBoolean(false) ? Answer.HELD : Answer.NOT_HELD;
    } catch (IOException e) {
      LOG.warnf(
          "the processor at %s cannot be reached (%s); the retraction is accepted",
          processorUrl.get(), e.getMessage());
      return Answer.UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.UNKNOWN;
    }
  }
}
