package org.sightline.consumers.audit;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.QueryParameters;
import org.sightline.consumers.auth.SignedIn;

/**
 * {@code GET /api/v1/audit/{trail}?from=&until=&q=&limit=}: the secretariat reads an audit trail —
 * {@code console-views}, {@code lookups}, {@code iwol-downloads}, {@code hash-downloads} — over a
 * window (default the last 24 hours; an instant or a UTC day, as the alert history takes them),
 * filtered by a text the record contains, newest first, at most {@code limit} (1–500, default 100).
 * Secretariat only; the reading is on the console views' trail itself.
 */
@Path("/api/v1/audit/{trail}")
@Singleton
public class AuditTrailResource {

  private final SignedIn signedIn;
  private final ConsoleAudit audit;
  private final AuditTrails trails;

  AuditTrailResource(
      SignedIn signedIn, ConsoleAudit audit, ConsumersConfig config, KafkaAccess kafka) {
    this.signedIn = signedIn;
    this.audit = audit;
    this.trails = new AuditTrails(kafka, config.registryUrl());
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public AuditTrails.Page read(
      @PathParam("trail") String trail,
      @QueryParam("from") String from,
      @QueryParam("until") String until,
      @QueryParam("q") String q,
      @QueryParam("limit") Integer limit,
      @Context HttpServerRequest http) {
    signedIn.requireSecretariat();
    var topic = AuditTrails.TRAILS.get(trail);
    if (topic == null) {
      throw new BadParameterException(
          "path parameter 'trail' must be one of "
              + String.join(", ", AuditTrails.TRAILS.keySet()));
    }
    int n = limit == null ? 100 : limit;
    if (n < 1 || n > 500) {
      throw new BadParameterException("'limit' must be 1 to 500");
    }
    if (q != null && q.length() > 200) {
      throw new BadParameterException("'q' must be at most 200 characters");
    }
    Instant end =
        until == null || until.isBlank()
            ? Instant.now()
            : QueryParameters.instant("until", until, true);
    Instant start =
        from == null || from.isBlank()
            ? end.minus(Duration.ofDays(1))
            : QueryParameters.instant("from", from, false);
    if (!start.isBefore(end)) {
      throw new BadParameterException("'from' must be before 'until'");
    }
    AuditTrails.Page page = trails.read(trail, topic, start, end, q, n);
    audit.require(
        signedIn.user(),
        "secretariat",
        "audit-" + trail,
        q == null ? "*" : q,
        page.entries().size(),
        http);
    return page;
  }
}
