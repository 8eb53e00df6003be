package org.sightline.consumers.actions;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.sightline.consumers.alerts.AlertFeed;
import org.sightline.consumers.alerts.AlertView;
import org.sightline.consumers.alerts.Recipients;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;

/**
 * The correlation state of an alert's indicator alone, from the processor's interactive query.
 * Asked by alert, not by key: a user learns about indicators their alerts name, nothing else. The
 * console asks {@link AlertDetailResource} instead, which answers this and the rest in one request.
 */
@Path("/api/v1/indicator-state")
public class IndicatorStateResource {

  private final AlertFeed feed;
  private final Recipients recipients;
  private final SignedIn signedIn;
  private final ConsoleAudit audit;
  private final IndicatorStates states;

  IndicatorStateResource(
      AlertFeed feed,
      Recipients recipients,
      SignedIn signedIn,
      ConsoleAudit audit,
      IndicatorStates states) {
    this.feed = feed;
    this.recipients = recipients;
    this.signedIn = signedIn;
    this.audit = audit;
    this.states = states;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response state(
      @QueryParam("country") String country,
      @QueryParam("alertId") String alertId,
      @Context HttpServerRequest request) {
    String recipient = signedIn.requireRecipient(recipients.parse(country));
    AlertView alert = AlertDetailResource.held(feed, recipient, alertId);
    if ("HIT_NO_HIT".equals(alert.disclosure())) {
      throw new ForbiddenException("a hit/no-hit notice discloses nothing more");
    }
    IndicatorStates.Answer answer = states.ask(signedIn.user(), alert);
    return switch (answer.status()) {
      case OK -> {
        audit.require(signedIn.user(), recipient, "indicator-state", alert.indicator(), 1, request);
        yield Response.ok(answer.state()).build();
      }
      case NONE ->
          Response.status(Response.Status.NOT_FOUND)
              .type(MediaType.APPLICATION_JSON)
              .entity(Map.of("error", answer.error()))
              .build();
      case UNAVAILABLE ->
          Response.status(Response.Status.SERVICE_UNAVAILABLE)
              .type(MediaType.APPLICATION_JSON)
              .entity(Map.of("error", answer.error(), "processorUnavailable", true))
              .build();
    };
  }
}
