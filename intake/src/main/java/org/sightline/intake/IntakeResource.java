package org.sightline.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.sightline.members.Agency;
import org.sightline.schema.Retraction;
import org.sightline.sighting.FieldError;
import org.sightline.sighting.SightingValidator;

/** The agencies' HTTP intake: one sighting, one retraction. Batches: {@link BatchResource}. */
@Path("/api/v1/sightings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "sightings", description = "What an agency observed, and its withdrawal")
@SecurityScheme(
    securitySchemeName = IntakeResource.AGENCY_KEY,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "The agency's API key (stored as SHA-256 in the member directory); the agency, its country"
            + " and its topic come from the key, never from the body. In production the same"
            + " identity can come from a client certificate (mTLS) or an OIDC token instead: see"
            + " intake/README.md.")
@SecurityRequirement(name = IntakeResource.AGENCY_KEY)
public class IntakeResource {

  static final String AGENCY_KEY = "agencyKey";

  /** Marks a receipt given again for a resend (the body is the first receipt, unchanged). */
  static final String REPLAYED = "Idempotent-Replayed";

  private static final Logger LOG = Logger.getLogger(IntakeResource.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String EXAMPLE =
      "{\"id\":\"nl-2026-000123\",\"observedAt\":\"2026-11-20T10:15:00Z\","
          + "\"indicator\":{\"type\":\"url\",\"value\":\"http://example.com/a\"},"
          + "\"category\":\"CSAM\",\"confidence\":80,\"tlp\":\"GREEN\",\"caseRef\":\"NL-42\"}";

  private final AgencyAuthenticator authenticator;
  private final IntakeService service;
  private final IntakeMetrics metrics;
  private final IntakeConfig config;
  private final Clock clock = Clock.systemUTC();

  private final Pseudonymiser pseudonyms;
  private final ProcessorLedger ledger;

  IntakeResource(
      AgencyAuthenticator authenticator,
      IntakeService service,
      IntakeMetrics metrics,
      IntakeConfig config,
      Pseudonymiser pseudonyms,
      ProcessorLedger ledger) {
    this.ledger = ledger;
    this.authenticator = authenticator;
    this.service = service;
    this.metrics = metrics;
    this.config = config;
    this.pseudonyms = pseudonyms;
  }

  /** One sighting. 202 with a receipt once the broker holds it; 400 with field errors otherwise. */
  @POST
  @Operation(
      summary = "Publish one sighting",
      description =
          "Answers once the broker acknowledged the write (acks=all). The id is the sender's: a"
              + " resend of the same sighting gets the first receipt again (header"
              + " Idempotent-Replayed: true) and writes nothing; the same id with different content"
              + " is 409.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "url", value = EXAMPLE)))
  @APIResponse(responseCode = "202", description = "Held by the broker: the receipt")
  @APIResponse(responseCode = "400", description = "errors: [{field, reason}] naming every problem")
  @APIResponse(responseCode = "401", description = "Missing, unknown or disabled key")
  @APIResponse(responseCode = "409", description = "The id was already used for another sighting")
  @APIResponse(responseCode = "413", description = "Body above sightline.intake.max-sighting-bytes")
  @APIResponse(responseCode = "503", description = "Not confirmed by the broker in time: resend")
  public Response publish(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
    long start = System.nanoTime();
    Response response = publishSighting(authorization, body);
    metrics.request("sighting", response.getStatus(), start);
    return response;
  }

  private Response publishSighting(String authorization, byte[] body) {
    Agency agency = authenticator.authenticate(authorization);
    if (!service.ready()) {
      return notReady();
    }
    if (body != null && body.length > config.maxSightingBytes().asLongValue()) {
      return Limits.tooLarge(
          "one sighting",
          config.maxSightingBytes().asLongValue(),
          "sightline.intake.max-sighting-bytes",
          "send many sightings to /api/v1/sightings/batch");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body == null ? new byte[0] : body);
    } catch (IOException e) {
      return invalid(
          List.of(new FieldError("(body)", "is not valid JSON: " + firstLine(e.getMessage()))));
    }
    // Without observedAt the sighting was observed as it is sent; a resend is still recognised,
    // since a time the intake filled in is not part of what the sender said.
    java.time.Instant now = clock.instant();
    SightingJson.Result parsed = SightingJson.parse(json, now, agency.country().value(), now);
    if (!parsed.ok()) {
      metrics.rejected("sighting", parsed.errors());
      return invalid(parsed.errors());
    }
    String id = parsed.sighting().getId();
    long deadline = System.nanoTime() + config.ackTimeout().toNanos();
    return answer(
        service.submit(
            agency.id(),
            pseudonyms.apply(parsed.sighting(), agency.country().value()),
            parsed.observedAtFilledIn(),
            agency.country().value()),
        deadline,
        "sighting",
        id,
        agency);
  }

  /**
   * The agency withdraws one of its own sightings: everything derived from it is recomputed (alerts
   * superseded, "worst of" entries removed). Only the agency that reported a sighting can retract
   * it, since the retraction goes to its own topic.
   */
  @POST
  @Path("/{id}/retraction")
  @Operation(
      summary = "Retract one of the agency's sightings",
      description =
          "Optional body {\"reason\":\"...\"}. Goes to the agency's own topic, so no agency can"
              + " retract another's. A second retraction of the same id gets the first receipt.")
  @APIResponse(responseCode = "202", description = "Held by the broker: the receipt")
  @APIResponse(responseCode = "400", description = "The id or the body is not valid")
  @APIResponse(responseCode = "401", description = "Missing, unknown or disabled key")
  @APIResponse(responseCode = "404", description = "The agency never sent a sighting with this id")
  @APIResponse(responseCode = "503", description = "Not confirmed by the broker in time: resend")
  public Response retract(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") String id,
      byte[] body) {
    long start = System.nanoTime();
    Response response = retractSighting(authorization, id, body);
    metrics.request("retraction", response.getStatus(), start);
    return response;
  }

  private Response retractSighting(String authorization, String id, byte[] body) {
    Agency agency = authenticator.authenticate(authorization);
    if (!service.ready()) {
      return notReady();
    }
    if (body != null && body.length > config.maxSightingBytes().asLongValue()) {
      return Limits.tooLarge(
          "a retraction",
          config.maxSightingBytes().asLongValue(),
          "sightline.intake.max-sighting-bytes",
          "a reason is a sentence, not a document");
    }
    String reason = null;
    boolean falsePositive = false;
    if (body != null && body.length > 0) {
      try {
        JsonNode json = JSON.readTree(body);
        reason = json.path("reason").isTextual() ? json.path("reason").asText() : null;
        falsePositive = json.path("falsePositive").asBoolean(false);
      } catch (IOException e) {
        return invalid(
            List.of(new FieldError("(body)", "is not valid JSON: " + firstLine(e.getMessage()))));
      }
    }
    if (id == null
        || id.isBlank()
        || id.length() > SightingValidator.MAX_ID_LENGTH
        || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      metrics.rejected("retraction", "id");
      return invalid(List.of(new FieldError("id", "must name one of your sightings")));
    }
    // An id without a receipt (older than the window, or sent through the agency's own producer):
    // the processor's ledger says whether the agency ever sent it.
    if (!service.knows(agency.id(), id)
        && ledger.held(agency.id(), id) == ProcessorLedger.Answer.NOT_HELD) {
      metrics.rejected("retraction", "unknown-id");
      Map<String, Object> notFound = new LinkedHashMap<>();
      notFound.put(
          "error",
          "no sighting of "
              + agency.id().value()
              + " has this id (if it was sent a moment ago through the agency's own producer,"
              + " retry)");
      notFound.put("field", "id");
      notFound.put("id", id);
      return Response.status(Response.Status.NOT_FOUND).entity(notFound).build();
    }
    Retraction retraction = new Retraction(id, clock.instant(), reason, null, falsePositive);
    long deadline = System.nanoTime() + config.ackTimeout().toNanos();
    return answer(service.retract(agency.id(), retraction), deadline, "retraction", id, agency);
  }

  /**
   * Waits for the outcome until {@code deadline} (ack-timeout after the submission began: time
   * spent in the producer's send, e.g. waiting for the broker's metadata, counts).
   */
  private Response answer(
      CompletableFuture<IntakeService.Outcome> pending,
      long deadline,
      String endpoint,
      String id,
      Agency agency) {
    IntakeService.Outcome outcome;
    try {
      outcome = pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unconfirmed(endpoint, id, agency, e);
    } catch (ExecutionException | TimeoutException e) {
      return unconfirmed(endpoint, id, agency, e);
    }
    switch (outcome.status()) {
      case WRITTEN:
        metrics.accepted(endpoint, "json", 1, 0);
        return Response.accepted(outcome.receipt()).build();
      case DUPLICATE:
        metrics.accepted(endpoint, "json", 0, 1);
        return Response.accepted(outcome.receipt()).header(REPLAYED, "true").build();
      default:
        metrics.rejected(endpoint, "conflict");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", conflictReason(id, outcome.receipt()));
        body.put("id", id);
        if (outcome.receipt() != null) {
          body.put("receipt", outcome.receipt());
        }
        return Response.status(Response.Status.CONFLICT).entity(body).build();
    }
  }

  private Response unconfirmed(String endpoint, String id, Agency agency, Exception e) {
    metrics.rejected(endpoint, "not-acknowledged");
    LOG.warnf("%s %s of %s not acknowledged: %s", endpoint, id, agency.id(), e.getMessage());
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .entity(Map.of("error", "the backbone did not confirm storage; retry with the same id"))
        .build();
  }

  static String conflictReason(String id, IntakePublisher.Receipt first) {
    return "id '"
        + id
        + "' was already used for a different sighting"
        + (first == null
            ? " (being written now)"
            : " ("
                + first.topic()
                + " partition "
                + first.partition()
                + " offset "
                + first.offset()
                + ")")
        + "; a sighting cannot be changed: retract it and send the new one under a new id";
  }

  static Response notReady() {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header("Retry-After", "2")
        .entity(
            Map.of(
                "error",
                "the intake is reading back what it already holds (receipt index); retry in a"
                    + " moment"))
        .build();
  }

  static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  static Response invalid(List<FieldError> errors) {
    return Response.status(Response.Status.BAD_REQUEST)
        .entity(Map.of("error", "the sighting was not accepted", "errors", errors))
        .build();
  }
}
