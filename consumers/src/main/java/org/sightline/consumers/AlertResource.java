package org.sightline.consumers;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;

/** A recipient's alerts: the recent ones as a list, the new ones as server-sent events. */
@Path("/api/v1/alerts")
public class AlertResource {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final AlertFeed feed;
  private final Recipients recipients;
  private final SignedIn signedIn;
  private final ConsoleAudit audit;

  AlertResource(AlertFeed feed, Recipients recipients, SignedIn signedIn, ConsoleAudit audit) {
    this.feed = feed;
    this.recipients = recipients;
    this.signedIn = signedIn;
    this.audit = audit;
  }

  /** Newest first. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<AlertView> recent(
      @QueryParam("country") String country,
      @QueryParam("limit") String limit,
      @Context HttpServerRequest request) {
    String recipient = signedIn.requireRecipient(recipients.parse(country));
    List<AlertView> alerts = feed.recent(recipient, parseLimit(limit));
    audit.require(signedIn.user(), recipient, "alerts", null, alerts.size(), request);
    return alerts;
  }

  /** The recipient's alerts on one indicator (its canonical key), newest first. */
  @GET
  @Path("/history")
  @Produces(MediaType.APPLICATION_JSON)
  public List<AlertView> history(
      @QueryParam("country") String country,
      @QueryParam("indicator") String indicator,
      @Context HttpServerRequest request) {
    String recipient = signedIn.requireRecipient(recipients.parse(country));
    if (indicator == null || indicator.isBlank()) {
      throw new BadParameterException("query parameter 'indicator' is required");
    }
    // A hit/no-hit notice names nothing: it must not be found by asking about its indicator.
    List<AlertView> alerts =
        feed.onIndicator(recipient, indicator).stream()
            .filter(a -> !"HIT_NO_HIT".equals(a.disclosure()))
            .toList();
    audit.require(signedIn.user(), recipient, "alert-history", indicator, alerts.size(), request);
    return alerts;
  }

  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Blocking // waits for the audit record before the stream opens
  public Multi<AlertView> stream(
      @QueryParam("country") String country, @Context HttpServerRequest request) {
    String recipient = signedIn.requireRecipient(recipients.parse(country));
    audit.require(signedIn.user(), recipient, "alert-stream", null, 0, request);
    return feed.live(recipient);
  }

  // Taken as a string so that "limit=ten" is a 400 naming the parameter, not a bare 404.
  static int parseLimit(String limit) {
    if (limit == null || limit.isBlank()) {
      return DEFAULT_LIMIT;
    }
    int n;
    try {
      n = Integer.parseInt(limit.strip());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MAX_LIMIT) {
      throw new BadParameterException(
          "query parameter 'limit' must be a whole number from 1 to " + MAX_LIMIT);
    }
    return n;
  }
}
