package org.sightline.consumers.takedown;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.actions.AlertActions;
import org.sightline.consumers.actions.AlertSteps;
import org.sightline.consumers.alerts.ActionState;
import org.sightline.consumers.alerts.AlertFeed;
import org.sightline.consumers.alerts.AlertView;
import org.sightline.consumers.alerts.Recipients;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.members.User;
import org.sightline.schema.AlertAction;
import org.sightline.schema.AlertActionType;

/**
 * {@code POST /api/v1/alerts/{id}/takedown} {@code {"country":"DE","step":"NOTICE_SENT" | "REMOVED"
 * | "REAPPEARED","note":"..."}}: the hosting country's analyst follows a takedown up on its
 * HOSTED_IN_YOUR_COUNTRY alert. On the console's audit trail first, then an {@code AlertAction} on
 * {@code alerts.actions}: every console of the country shows it, the processor folds it into the
 * indicator's state and alerts again when the content is back, the dashboard times it. A step in
 * order only: a removal or a reappearance is recorded once, a reappearance after a removal.
 */
@Path("/api/v1/alerts/{id}/takedown")
public class TakedownResource {

  /** What the page sends. */
  public record Request(String country, String step, String note) {}

  private final AlertFeed feed;
  private final AlertActions actions;
  private final Recipients recipients;
  private final SignedIn signedIn;
  private final ConsoleAudit audit;

  TakedownResource(
      AlertFeed feed,
      AlertActions actions,
      Recipients recipients,
      SignedIn signedIn,
      ConsoleAudit audit) {
    this.feed = feed;
    this.actions = actions;
    this.recipients = recipients;
    this.signedIn = signedIn;
    this.audit = audit;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response step(@PathParam("id") String id, Request body, @Context HttpServerRequest http)
      throws Exception {
    if (body == null) {
      throw new BadParameterException("a JSON body {country, step, note} is required");
    }
    String recipient = signedIn.requireRecipient(recipients.parse(body.country()));
    User user = signedIn.user();
    if (user.isSecretariat() || recipient.startsWith("agency:")) {
      throw new ForbiddenException(
          "a takedown is followed up by the hosting country's analysts, on its own alerts");
    }
    AlertView alert = AlertSteps.alertOf(feed, recipient, id);
    if (!"HOSTED_IN_YOUR_COUNTRY".equals(alert.reason())) {
      throw new BadParameterException(
          "'id': a takedown is followed up on a HOSTED_IN_YOUR_COUNTRY alert only, not on a "
              + alert.reason()
              + " alert");
    }
    AlertActionType type =
        switch (body.step() == null ? "" : body.step().strip().toUpperCase(Locale.ROOT)) {
          case "NOTICE_SENT" -> AlertActionType.NOTICE_SENT;
          case "REMOVED" -> AlertActionType.REMOVED;
          case "REAPPEARED" -> AlertActionType.REAPPEARED;
          default ->
              throw new BadParameterException("'step' must be NOTICE_SENT, REMOVED or REAPPEARED");
        };
    refuseOutOfOrder(recipient, alert, type);
    String note = AlertSteps.note(body.note());
    audit.require(
        user, recipient, "takedown-" + type.name().toLowerCase(Locale.ROOT), alert.id(), 1, http);
    AlertAction step = AlertSteps.step(alert, recipient, type, user.id(), null, note);
    actions.record(step);
    return AlertSteps.accepted(step);
  }

  /** The same step twice, or a reappearance of what was never removed, is a 409. */
  private void refuseOutOfOrder(String recipient, AlertView alert, AlertActionType type) {
    ActionState.Takedown now =
        actions.state(recipient, alert.id()).map(ActionState::takedown).orElse(null);
    String status = now == null ? null : now.status();
    if (type.name().equals(status)) {
      throw AlertSteps.conflict(
          "this alert's takedown stands at " + status + " already (by " + now.by() + ")",
          "takedown",
          status);
    }
    if (type == AlertActionType.REAPPEARED && !"REMOVED".equals(status)) {
      throw AlertSteps.conflict(
          "a reappearance follows a recorded removal; this takedown stands at "
              + (status == null ? "nothing yet" : status),
          "takedown",
          status == null ? "NONE" : status);
    }
  }
}
