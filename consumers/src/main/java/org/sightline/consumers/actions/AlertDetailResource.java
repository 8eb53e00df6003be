package org.sightline.consumers.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.alerts.ActionState;
import org.sightline.consumers.alerts.AlertFeed;
import org.sightline.consumers.alerts.AlertView;
import org.sightline.consumers.alerts.Recipients;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;

/**
 * Everything the console shows when an analyst opens one alert, in one request and one audit
 * record: the alert, where it stands, the recipient's other alerts on its indicator, and the
 * indicator's correlation state from the processor (cut to the user's view). One look, one record
 * on the secretariat's trail: the page asks again only when the person opens an alert again.
 */
@Path("/api/v1/alert-detail")
public class AlertDetailResource {

  /** Why the correlation state is or is not in the answer. */
  public enum StateStatus {
    OK,
    /** The processor holds nothing this user may see of the indicator. */
    NONE,
    /** The processor cannot be reached now; the alert itself is complete. */
    PROCESSOR_UNAVAILABLE,
    /** A hit/no-hit notice: nothing more is disclosed, so the processor is not asked. */
    NOT_DISCLOSED
  }

  /** The answer. {@code state} is present only when {@code stateStatus} is {@code OK}. */
  public record AlertDetail(
      AlertView alert,
      ActionState action,
      List<AlertView> history,
      StateStatus stateStatus,
      JsonNode state) {}

  private final AlertFeed feed;
  private final Recipients recipients;
  private final SignedIn signedIn;
  private final ConsoleAudit audit;
  private final IndicatorStates states;
  private final AlertActions actions;

  AlertDetailResource(
      AlertFeed feed,
      Recipients recipients,
      SignedIn signedIn,
      ConsoleAudit audit,
      IndicatorStates states,
      AlertActions actions) {
    this.feed = feed;
    this.recipients = recipients;
    this.signedIn = signedIn;
    this.audit = audit;
    this.states = states;
    this.actions = actions;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public AlertDetail detail(
      @QueryParam("country") String country,
      @QueryParam("alertId") String alertId,
      @Context HttpServerRequest request) {
    String recipient = signedIn.requireRecipient(recipients.parse(country));
    AlertView alert = held(feed, recipient, alertId);
    ActionState action =
        actions.state(recipient, alert.id()).orElse(ActionState.none(alert.id(), recipient));
    if ("HIT_NO_HIT".equals(alert.disclosure())) {
      // A notice names nothing: no history by indicator, no state, nothing to audit by indicator.
      audit.require(signedIn.user(), recipient, "alert-detail", null, 1, request);
      return new AlertDetail(alert, action, List.of(), StateStatus.NOT_DISCLOSED, null);
    }
    List<AlertView> history =
        feed.onIndicator(recipient, alert.indicator()).stream()
            .filter(a -> !"HIT_NO_HIT".equals(a.disclosure()))
            .filter(a -> !a.id().equals(alert.id()))
            .toList();
    IndicatorStates.Answer answer = states.ask(signedIn.user(), alert);
    StateStatus status =
        switch (answer.status()) {
          case OK -> StateStatus.OK;
          case NONE -> StateStatus.NONE;
          case UNAVAILABLE -> StateStatus.PROCESSOR_UNAVAILABLE;
        };
    audit.require(
        signedIn.user(),
        recipient,
        "alert-detail",
        alert.indicator(),
        1 + history.size() + (status == StateStatus.OK ? 1 : 0),
        request);
    return new AlertDetail(alert, action, history, status, answer.state());
  }

  /**
   * The recipient's alert with this id; a 404 that says so ({@code notInHistory}) once it has aged
   * out of the history (older than the alert topics' retention), so that the page does not take it
   * for the processor being down.
   */
  static AlertView held(AlertFeed feed, String recipient, String alertId) {
    if (alertId == null || alertId.isBlank()) {
      throw new BadParameterException("query parameter 'alertId' is required");
    }
    return feed.find(recipient, alertId)
        .orElseThrow(
            () ->
                new WebApplicationException(
                    Response.status(Response.Status.NOT_FOUND)
                        .type(MediaType.APPLICATION_JSON)
                        .entity(
                            Map.of(
                                "error",
                                "'alertId' names no alert in the history of " + recipient,
                                "notInHistory",
                                true))
                        .build()));
  }
}
