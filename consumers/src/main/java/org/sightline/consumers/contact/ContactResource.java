package org.sightline.consumers.contact;

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
 * Consent behind hit/no-hit. The recipient of a hit/no-hit notice asks to be put in contact with
 * whoever holds the indicator; the processor, which alone knows the holders, sends each a
 * CONTACT_REQUEST alert naming the asker's country; a holding agency's analyst accepts (the asking
 * country gets a FULL alert with what the agency holds, and only it) or declines. Each step is on
 * the console's audit trail first, then an {@code AlertAction} on {@code alerts.actions}, which the
 * processor reads and every console shows.
 */
@Path("/api/v1/alerts/{id}")
public class ContactResource {

  /** What the asking page sends. */
  public record Request(String country, String note) {}

  /** What the holder's page sends: {@code decision} is ACCEPT or DECLINE. */
  public record Decision(String country, String decision, String note) {}

  private final AlertFeed feed;
  private final AlertActions actions;
  private final Recipients recipients;
  private final SignedIn signedIn;
  private final ConsoleAudit audit;

  ContactResource(
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
  @Path("/contact-request")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response request(@PathParam("id") String id, Request body, @Context HttpServerRequest http)
      throws Exception {
    if (body == null) {
      throw new BadParameterException("a JSON body {country, note} is required");
    }
    String recipient = signedIn.requireRecipient(recipients.parse(body.country()));
    User user = signedIn.user();
    if (user.isSecretariat()) {
      throw new ForbiddenException(
          "the secretariat sees every holder already: a contact request is for a member");
    }
    AlertView alert = AlertSteps.alertOf(feed, recipient, id);
    if (!"HIT_NO_HIT".equals(alert.reason()) || !"HIT_NO_HIT".equals(alert.disclosure())) {
      throw new BadParameterException(
          "'id': contact can be requested on a hit/no-hit notice only, not on a "
              + alert.reason()
              + " alert");
    }
    refuseRepeat(recipient, alert, "contact was requested on this alert already");
    String note = AlertSteps.note(body.note());
    audit.require(user, recipient, "contact-request", alert.id(), 1, http);
    AlertAction step = step(alert, recipient, AlertActionType.CONTACT_REQUESTED, null, note);
    actions.record(step);
    return AlertSteps.accepted(step);
  }

  @POST
  @Path("/contact-decision")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response decide(@PathParam("id") String id, Decision body, @Context HttpServerRequest http)
      throws Exception {
    if (body == null) {
      throw new BadParameterException("a JSON body {country, decision, note} is required");
    }
    String recipient = signedIn.requireRecipient(recipients.parse(body.country()));
    User user = signedIn.user();
    // Consent is the holder's: only an analyst of the holding agency gives or refuses it.
    if (user.agency() == null || !("agency:" + user.agency().value()).equals(recipient)) {
      throw new ForbiddenException(
          "only an analyst of the holding agency decides on its contact requests");
    }
    AlertView alert = AlertSteps.alertOf(feed, recipient, id);
    String askedFrom = alert.attributes().get("askedFrom");
    if (!"CONTACT_REQUEST".equals(alert.reason()) || askedFrom == null) {
      throw new BadParameterException(
          "'id': a decision is taken on a CONTACT_REQUEST alert only, not on a "
              + alert.reason()
              + " alert");
    }
    AlertActionType type =
        switch (body.decision() == null ? "" : body.decision().strip().toUpperCase(Locale.ROOT)) {
          case "ACCEPT" -> AlertActionType.CONTACT_ACCEPTED;
          case "DECLINE" -> AlertActionType.CONTACT_DECLINED;
          default -> throw new BadParameterException("'decision' must be ACCEPT or DECLINE");
        };
    refuseRepeat(recipient, alert, "this contact request was decided already");
    String note = AlertSteps.note(body.note());
    audit.require(
        user,
        recipient,
        type == AlertActionType.CONTACT_ACCEPTED ? "contact-accept" : "contact-decline",
        alert.id(),
        1,
        http);
    AlertAction step = step(alert, recipient, type, askedFrom, note);
    actions.record(step);
    return AlertSteps.accepted(step);
  }

  /** One step per alert: a second request (or decision) is a 409 saying who took the first. */
  private void refuseRepeat(String recipient, AlertView alert, String what) {
    ActionState state = actions.state(recipient, alert.id()).orElse(null);
    if (state != null && state.contact() != null) {
      throw AlertSteps.conflict(
          what + " (" + state.contact() + " by " + state.contactBy() + ")",
          "contact",
          state.contact());
    }
  }

  private AlertAction step(
      AlertView alert, String recipient, AlertActionType type, String counterpart, String note) {
    return AlertSteps.step(alert, recipient, type, signedIn.user().id(), counterpart, note);
  }
}
