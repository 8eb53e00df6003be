package org.sightline.consumers.actions;

import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.alerts.ActionState;
import org.sightline.consumers.alerts.AlertFeed;
import org.sightline.consumers.alerts.Recipients;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.schema.AlertAction;
import org.sightline.schema.AlertActionType;

/** Acknowledge and assign alerts; see what the other analysts of the country did, live. */
@Path("/api/v1/actions")
public class ActionResource {

  /** What the page sends: {@code action} is ACKNOWLEDGED or ASSIGNED. */
  public record Request(String alertId, String country, String action, String assignee) {}

  private final AlertActions actions;
  private final AlertFeed feed;
  private final Recipients recipients;
  private final SignedIn signedIn;
  private final ConsoleAudit audit;

  ActionResource(
      AlertActions actions,
      AlertFeed feed,
      Recipients recipients,
      SignedIn signedIn,
      ConsoleAudit audit) {
    this.actions = actions;
    this.feed = feed;
    this.recipients = recipients;
    this.signedIn = signedIn;
    this.audit = audit;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<ActionState> states(
      @QueryParam("country") String country, @Context HttpServerRequest request) {
    String recipient = signedIn.requireRecipient(recipients.parse(country));
    List<ActionState> states = actions.states(recipient);
    audit.require(signedIn.user(), recipient, "actions", null, states.size(), request);
    return states;
  }

  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<ActionState> stream(@QueryParam("country") String country) {
    return actions.live(signedIn.requireRecipient(recipients.parse(country)));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response act(Request request) throws Exception {
    if (request == null) {
      throw new BadParameterException(
          "a JSON body {alertId, country, action, assignee} is required");
    }
    String country = signedIn.requireRecipient(recipients.parse(request.country()));
    if (request.alertId() == null || feed.find(country, request.alertId()).isEmpty()) {
      throw new BadParameterException("'alertId' names no alert of " + country);
    }
    AlertActionType type = parseAction(request.action());
    String assignee = request.assignee() == null ? null : request.assignee().strip();
    if (type == AlertActionType.ASSIGNED && (assignee == null || assignee.isEmpty())) {
      throw new BadParameterException("'assignee' is required to assign");
    }
    AlertAction action =
        AlertAction.newBuilder()
            .setAlertId(request.alertId())
            .setCountry(country)
            .setAction(type)
            .setAssignee(type == AlertActionType.ASSIGNED ? assignee : null)
            .setBy(signedIn.user().id())
            .setAt(Instant.now())
            .build();
    actions.record(action);
    return Response.accepted(
            Map.of("alertId", action.getAlertId(), "action", type.name(), "by", action.getBy()))
        .build();
  }

  /**
   * Acknowledge or assign only: the contact steps have their own endpoints, which check what they
   * are taken on and by whom (a consent given through this one would bypass that).
   */
  private static AlertActionType parseAction(String action) {
    String name = action == null ? "" : action.strip().toUpperCase(Locale.ROOT);
    if (name.equals(AlertActionType.ACKNOWLEDGED.name())) {
      return AlertActionType.ACKNOWLEDGED;
    }
    if (name.equals(AlertActionType.ASSIGNED.name())) {
      return AlertActionType.ASSIGNED;
    }
    throw new BadParameterException("'action' must be ACKNOWLEDGED or ASSIGNED");
  }
}
