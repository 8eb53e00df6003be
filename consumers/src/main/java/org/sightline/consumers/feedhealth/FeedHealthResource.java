package org.sightline.consumers.feedhealth;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.BearerKey;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.members.Agency;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.members.User;
import org.sightline.topics.Topics;

/**
 * Feed health: what of an agency's feed was refused, so that it can fix it. An agency sees its own
 * (an analyst bound to it, in the console; its systems, with its intake key); the secretariat sees
 * every agency's, and an overview.
 *
 * <ul>
 *   <li>{@code GET /api/v1/feed-health?agency=<id>&hours=24} (a session): the agency's rejections
 *       in the last hours (1–720), by field and per hour, and the newest samples; without {@code
 *       agency}, an analyst's own agency, or for the secretariat the overview of every agency;
 *   <li>{@code GET /api/v1/agency/feed-health?hours=24} ({@code Authorization: Bearer <intake
 *       key>}): the same for the key's agency.
 * </ul>
 */
@Singleton
@Path("/api/v1")
public class FeedHealthResource {

  private final SignedIn signedIn;
  private final ConsoleAudit audit;
  private final RejectedRecords rejected;
  private final LiveMemberDirectory members;

  FeedHealthResource(
      SignedIn signedIn,
      ConsoleAudit audit,
      RejectedRecords rejected,
      LiveMemberDirectory members) {
    this.signedIn = signedIn;
    this.audit = audit;
    this.rejected = rejected;
    this.members = members;
  }

  @GET
  @Path("/feed-health")
  @Produces(MediaType.APPLICATION_JSON)
  public Object forUser(
      @QueryParam("agency") String agency,
      @QueryParam("hours") Integer hours,
      @Context HttpServerRequest http) {
    User user = signedIn.user();
    int window = hours(hours);
    requireLoaded();
    boolean secretariat = user.isSecretariat();
    if (agency == null || agency.isBlank()) {
      if (secretariat) {
        var overview = rejected.overview(window, Instant.now());
        audit.require(user, Topics.SECRETARIAT, "feed-health", "*", overview.size(), http);
        return Map.of("hours", window, "agencies", overview);
      }
      if (user.agency() == null) {
        throw new ForbiddenException(
            "feed health is an agency's own: log in as an analyst of the agency");
      }
      agency = user.agency().value();
    }
    if (!secretariat && (user.agency() == null || !user.agency().value().equals(agency))) {
      throw new ForbiddenException("an analyst sees the feed health of their own agency only");
    }
    var health = rejected.health(agency, window, Instant.now());
    audit.require(
        user,
        secretariat ? Topics.SECRETARIAT : "agency:" + agency,
        "feed-health",
        agency,
        health.samples().size(),
        http);
    return health;
  }

  @GET
  @Path("/agency/feed-health")
  @Produces(MediaType.APPLICATION_JSON)
  public RejectedRecords.Health forAgencyKey(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("hours") Integer hours) {
    Agency agency =
        BearerKey.of(authorization)
            .flatMap(key -> members.get().authenticate(key))
            .orElseThrow(
                () ->
                    new NotAuthorizedException(
                        "an agency's intake key is required: Authorization: Bearer <key>",
                        "Bearer"));
    int window = hours(hours);
    requireLoaded();
    return rejected.health(agency.id().value(), window, Instant.now());
  }

  private void requireLoaded() {
    if (!rejected.isLoaded()) {
      throw new ServiceUnavailableException(
          "the rejected records are still being read from the broker; try again in a moment");
    }
  }

  private static int hours(Integer hours) {
    int h = hours == null ? 24 : hours;
    if (h < 1 || h > 720) {
      throw new BadParameterException("'hours' must be 1 to 720 (30 days, the topic's retention)");
    }
    return h;
  }
}
