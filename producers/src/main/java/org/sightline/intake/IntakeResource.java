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
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.sightline.members.Agency;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Retraction;
import org.sightline.sighting.FieldError;
import org.sightline.sighting.SightingValidator;

/** The agencies' HTTP intake. */
@Path("/api/v1/sightings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IntakeResource {

  private static final Logger LOG = Logger.getLogger(IntakeResource.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AgencyAuthenticator authenticator;
  private final IntakePublisher publisher;
  private final Clock clock = Clock.systemUTC();

  IntakeResource(AgencyAuthenticator authenticator, IntakePublisher publisher) {
    this.authenticator = authenticator;
    this.publisher = publisher;
  }

  /** One sighting. 202 with a receipt once the broker holds it; 400 with field errors otherwise. */
  @POST
  public Response publish(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
    Agency agency = authenticator.authenticate(authorization);
    JsonNode json;
    try {
      json = JSON.readTree(body == null ? new byte[0] : body);
    } catch (IOException e) {
      return invalid(
          List.of(new FieldError("(body)", "is not valid JSON: " + firstLine(e.getMessage()))));
    }
    SightingJson.Result parsed =
        SightingJson.parse(json, clock.instant(), agency.country().value());
    if (!parsed.ok()) {
      return invalid(parsed.errors());
    }
    try {
      IntakePublisher.Receipt receipt =
          publisher.publish(
              agency.id(), parsed.sighting().getId(), new IntakeEvent(parsed.sighting()));
      return Response.accepted(receipt).build();
    } catch (IntakePublisher.NotAcknowledgedException e) {
      LOG.warnf(
          "sighting %s of %s not acknowledged: %s",
          parsed.sighting().getId(), agency.id(), e.getMessage());
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .entity(Map.of("error", "the backbone did not confirm storage; retry with the same id"))
          .build();
    }
  }

  /**
   * The agency withdraws one of its own sightings: everything derived from it is recomputed (alerts
   * superseded, "worst of" entries removed). Only the agency that reported a sighting can retract
   * it, since the retraction goes to its own topic.
   */
  @POST
  @Path("/{id}/retraction")
  public Response retract(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") String id,
      byte[] body) {
    Agency agency = authenticator.authenticate(authorization);
    String reason = null;
    if (body != null && body.length > 0) {
      try {
        JsonNode json = JSON.readTree(body);
        reason = json.path("reason").isTextual() ? json.path("reason").asText() : null;
      } catch (IOException e) {
        return invalid(
            List.of(new FieldError("(body)", "is not valid JSON: " + firstLine(e.getMessage()))));
      }
    }
    if (id == null || id.isBlank() || id.length() > SightingValidator.MAX_ID_LENGTH) {
      return invalid(List.of(new FieldError("id", "must name one of your sightings")));
    }
    Retraction retraction = new Retraction(id, clock.instant(), reason);
    try {
      return Response.accepted(publisher.publish(agency.id(), id, new IntakeEvent(retraction)))
          .build();
    } catch (IntakePublisher.NotAcknowledgedException e) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .entity(Map.of("error", "the backbone did not confirm storage; retry"))
          .build();
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  static Response invalid(List<FieldError> errors) {
    return Response.status(Response.Status.BAD_REQUEST)
        .entity(Map.of("error", "the sighting was not accepted", "errors", errors))
        .build();
  }
}
