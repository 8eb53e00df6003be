package org.sightline.consumers.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.sightline.consumers.AlertFeed;
import org.sightline.consumers.AlertView;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.Recipients;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.members.User;
import org.sightline.security.ServiceClient;
import org.sightline.security.ServiceTls;

/**
 * The correlation state of an alert's indicator, fetched from the processor's interactive query.
 * Asked by alert, not by key: a user learns about indicators their alerts name, nothing else. The
 * processor cuts the state to what the user may see, with the same disclosure function its alerts
 * are written with: this service names the viewer (the secretariat; the analyst's agency when the
 * directory binds them to one; else their country) and never sees more than that.
 */
@Path("/api/v1/indicator-state")
@jakarta.inject.Singleton
@io.quarkus.runtime.Startup // a missing TLS identity stops the start, not the first request
public class IndicatorStateResource {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final AlertFeed feed;
  private final Recipients recipients;
  private final SignedIn signedIn;
  private final String processorUrl;
  private final ConsoleAudit audit;
  private final ServiceClient http;

  IndicatorStateResource(
      AlertFeed feed,
      Recipients recipients,
      SignedIn signedIn,
      ConsumersConfig config,
      ConsoleAudit audit) {
    this.feed = feed;
    this.recipients = recipients;
    this.signedIn = signedIn;
    this.processorUrl = config.processorUrl().replaceAll("/+$", "");
    this.audit = audit;
    // The processor answers only a certificate of the federation's CA issued to this service.
    this.http = new ServiceClient(ServiceTls.forService(config.kafkaPrincipal(), config.tls()));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response state(
      @QueryParam("country") String country,
      @QueryParam("alertId") String alertId,
      @Context HttpServerRequest request) {
    String recipient = signedIn.requireRecipient(recipients.parse(country));
    AlertView alert =
        feed.find(recipient, alertId == null ? "" : alertId)
            .orElseThrow(
                () -> new BadParameterException("'alertId' names no alert of " + recipient));
    if ("HIT_NO_HIT".equals(alert.disclosure())) {
      throw new ForbiddenException("a hit/no-hit notice discloses nothing more");
    }
    HttpResponse<String> answer;
    try {
      // The processor cuts the state to this user's view: its disclosure function, not ours.
      answer =
          http.get(
              ServiceClient.uri(
                  processorUrl,
                  "/api/v1/indicators",
                  Map.of("key", alert.indicator(), "viewer", viewer(signedIn.user()))),
              Duration.ofSeconds(5));
    } catch (IOException e) {
      return unavailable("the processor at " + processorUrl + " cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable("interrupted");
    }
    if (answer.statusCode() == 404) {
      return Response.status(Response.Status.NOT_FOUND)
          .entity(Map.of("error", "the processor holds no state for this indicator"))
          .build();
    }
    if (answer.statusCode() != 200) {
      return unavailable("the processor answered " + answer.statusCode());
    }
    try {
      JsonNode disclosed = JSON.readTree(answer.body());
      audit.require(signedIn.user(), recipient, "indicator-state", alert.indicator(), 1, request);
      return Response.ok(disclosed).build();
    } catch (IOException e) {
      return unavailable("the processor's answer is not JSON");
    }
  }

  /** Whose disclosure the processor applies for this user. */
  static String viewer(User user) {
    if (user.isSecretariat()) {
      return "secretariat";
    }
    return user.agency() != null
        ? "agency:" + user.agency().value()
        : "country:" + user.country().value();
  }

  private static Response unavailable(String why) {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", why, "processorUnavailable", true))
        .build();
  }
}
