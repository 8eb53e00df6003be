package org.sightline.consumers.alerts;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;

/**
 * A recipient's alerts: its whole history (the alert topics' retention) in pages, filtered, and the
 * new ones as server-sent events.
 */
@Path("/api/v1/alerts")
public class AlertResource {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final AlertFeed feed;
  private final Recipients recipients;
  private final SignedIn signedIn;
  private final ConsoleAudit audit;
  private final AlertStandings standings;

  AlertResource(
      AlertFeed feed,
      Recipients recipients,
      SignedIn signedIn,
      ConsoleAudit audit,
      AlertStandings standings) {
    this.standings = standings;
    this.feed = feed;
    this.recipients = recipients;
    this.signedIn = signedIn;
    this.audit = audit;
  }

  /**
   * A page of the recipient's history, newest first, each alert with where it stands; a {@code
   * Link: <...>; rel="next"} header names the next page while there is one. A page may hold fewer
   * than {@code limit} alerts when the filters are narrow (one request reads at most {@value
   * AlertStore#SCAN_BUDGET} alerts): follow {@code next} until it is absent.
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response page(
      @QueryParam("country") String country,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor,
      @QueryParam("from") String from,
      @QueryParam("until") String until,
      @QueryParam("reason") String reason,
      @QueryParam("severity") String severity,
      @QueryParam("type") String type,
      @QueryParam("indicator") String indicator,
      @QueryParam("status") String status,
      @Context UriInfo uri,
      @Context HttpServerRequest request) {
    String recipient = signedIn.requireRecipient(recipients.parse(country));
    int n = parseLimit(limit);
    AlertFilter filter = AlertFilter.parse(from, until, reason, severity, type, indicator, status);
    AlertStore.Page page =
        feed.page(
            recipient,
            filter.query(recipient, standings, feed),
            cursor == null || cursor.isBlank() ? null : cursor,
            n);
    List<AlertEntry> entries =
        page.alerts().stream()
            .map(
                a ->
                    new AlertEntry(
                        a,
                        standings
                            .state(recipient, a.id())
                            .orElse(ActionState.none(a.id(), recipient)),
                        feed.supersededBy(recipient, a.id()).orElse(null)))
            .toList();
    audit.require(
        signedIn.user(), recipient, "alerts", filter.indicator(), entries.size(), request);
    Response.ResponseBuilder ok = Response.ok(entries);
    page.next()
        .ifPresent(
            next ->
                ok.link(
                    uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build(), "next"));
    return ok.build();
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
