package org.sightline.consumers.disputes;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.actions.AlertSteps;
import org.sightline.schema.Dispute;
import org.sightline.schema.DisputeGround;

/** What a dispute request is checked for, and what it is answered with. */
final class DisputeRequests {

  /** What a disputer sends: the entry (a domain or a hash key), why, and a note. */
  public record Request(String domain, String key, String ground, String note) {}

  private DisputeRequests() {}

  static DisputeGround ground(String value) {
    String g = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (DisputeGround ground : DisputeGround.values()) {
      if (ground.name().equals(g)) {
        return ground;
      }
    }
    throw new BadParameterException(
        "'ground' must be FALSE_POSITIVE, CONTENT_REMOVED, OWNER_CHANGED or OTHER");
  }

  static String note(String note) {
    return AlertSteps.note(note);
  }

  static WebApplicationException notListed(String field, String value) {
    return new WebApplicationException(
        Response.status(Response.Status.CONFLICT)
            .type(MediaType.APPLICATION_JSON)
            .entity(Map.of("error", "'" + field + "' " + value + " is not on the list"))
            .build());
  }

  static Response accepted(Dispute dispute) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", dispute.getId());
    body.put("subject", dispute.getSubject().name());
    body.put("key", dispute.getKey());
    body.put("ground", dispute.getGround().name());
    body.put("raisedBy", dispute.getRaisedBy());
    if (dispute.getOutcome() != null) {
      body.put("outcome", dispute.getOutcome().name());
      body.put("resolution", dispute.getResolution());
    }
    return Response.accepted(body).build();
  }
}
