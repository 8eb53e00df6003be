package org.sightline.consumers.disputes;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.consumers.kafka.ConfirmedProducers;
import org.sightline.schema.Dispute;
import org.sightline.schema.DisputeOutcome;
import org.sightline.schema.DisputeSubject;
import org.sightline.schema.HashDelisting;
import org.sightline.schema.IwolDelisting;
import org.sightline.topics.Topics;

/**
 * The secretariat resolves disputes. {@code GET /api/v1/disputes?status=open|all}; {@code POST
 * /api/v1/disputes/{id}/resolution} {@code {"outcome":"uphold"|"dismiss","reason"}}: upheld, the
 * entry comes off its list (an {@code IwolDelisting} or {@code HashDelisting} whose ground names
 * the dispute, first); either way the resolution, with the reason the disputer will read, is a
 * later record of the dispute. Secretariat users only, audited first.
 */
@Path("/api/v1/disputes")
@Singleton
public class DisputeReviewResource {

  static final int MAX_REASON = 1000;

  /** What the page sends. */
  public record Resolution(String outcome, String reason) {}

  private final SignedIn signedIn;
  private final ConsoleAudit audit;
  private final Disputes disputes;
  private final KafkaProducer<String, IwolDelisting> domainDelistings;
  private final KafkaProducer<String, HashDelisting> hashDelistings;

  DisputeReviewResource(
      SignedIn signedIn,
      ConsoleAudit audit,
      Disputes disputes,
      ConsumersConfig config,
      KafkaAccess kafka) {
    this.signedIn = signedIn;
    this.audit = audit;
    this.disputes = disputes;
    this.domainDelistings =
        ConfirmedProducers.of(
            kafka,
            config.registryUrl(),
            Topics.IWOL_DELISTINGS,
            "sightline-consumers-dispute-delistings",
            Disputes.WAIT);
    this.hashDelistings =
        ConfirmedProducers.of(
            kafka,
            config.registryUrl(),
            Topics.HASHES_DELISTINGS,
            "sightline-consumers-dispute-hash-delistings",
            Disputes.WAIT);
  }

  void stop(@Observes ShutdownEvent event) {
    domainDelistings.close();
    hashDelistings.close();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<Disputes.View> list(
      @QueryParam("status") String status, @Context HttpServerRequest http) {
    signedIn.requireSecretariat();
    disputes.requireLoaded();
    boolean all = "all".equalsIgnoreCase(status);
    if (!all && status != null && !status.isBlank() && !"open".equalsIgnoreCase(status)) {
      throw new BadParameterException("'status' must be open or all");
    }
    List<Disputes.View> views =
        disputes.all().stream().filter(d -> all || d.outcome() == null).toList();
    audit.require(
        signedIn.user(), "secretariat", "disputes", all ? "all" : "open", views.size(), http);
    return views;
  }

  @POST
  @Path("/{id}/resolution")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response resolve(
      @PathParam("id") String id, Resolution body, @Context HttpServerRequest http) {
    signedIn.requireSecretariat();
    if (body == null) {
      throw new BadParameterException("a JSON body {outcome, reason} is required");
    }
    DisputeOutcome outcome =
        switch (body.outcome() == null ? "" : body.outcome().strip().toLowerCase(Locale.ROOT)) {
          case "uphold", "upheld" -> DisputeOutcome.UPHELD;
          case "dismiss", "dismissed" -> DisputeOutcome.DISMISSED;
          default -> throw new BadParameterException("'outcome' must be uphold or dismiss");
        };
    String reason = body.reason() == null ? "" : body.reason().strip();
    if (reason.isEmpty() || reason.length() > MAX_REASON) {
      throw new BadParameterException(
          "'reason' is required, at most " + MAX_REASON + " characters: the disputer reads it");
    }
    disputes.requireLoaded();
    Dispute open =
        disputes
            .get(id)
            .orElseThrow(
                () ->
                    new WebApplicationException(
                        Response.status(Response.Status.NOT_FOUND)
                            .type(MediaType.APPLICATION_JSON)
                            .entity(Map.of("error", "'id' names no dispute"))
                            .build()));
    if (open.getOutcome() != null) {
      throw new WebApplicationException(
          Response.status(Response.Status.CONFLICT)
              .type(MediaType.APPLICATION_JSON)
              .entity(
                  Map.of(
                      "error",
                      "this dispute was resolved already ("
                          + open.getOutcome()
                          + " by "
                          + open.getResolvedBy()
                          + ")"))
              .build());
    }
    String by = "console:" + signedIn.user().id();
    audit.require(
        signedIn.user(),
        "secretariat",
        "dispute-" + outcome.name().toLowerCase(Locale.ROOT),
        id,
        1,
        http);
    if (outcome == DisputeOutcome.UPHELD) {
      delist(open, by, "dispute " + id + " upheld: " + reason);
    }
    return DisputeRequests.accepted(disputes.resolve(open, outcome, reason, by));
  }

  /**
   * The entry comes off its list first, so an upheld dispute is never shown as done before it is.
   */
  private void delist(Dispute dispute, String by, String ground) {
    Instant now = Instant.now();
    if (dispute.getSubject() == DisputeSubject.DOMAIN) {
      ConfirmedProducers.sendAndWait(
          domainDelistings,
          Topics.IWOL_DELISTINGS,
          dispute.getKey(),
          IwolDelisting.newBuilder()
              .setDomain(dispute.getKey())
              .setRequestedBy(by)
              .setRequestedAt(now)
              .setReason(ground)
              .build(),
          Disputes.WAIT,
          "delisting");
    } else {
      ConfirmedProducers.sendAndWait(
          hashDelistings,
          Topics.HASHES_DELISTINGS,
          dispute.getKey(),
          HashDelisting.newBuilder()
              .setKey(dispute.getKey())
              .setRequestedBy(by)
              .setRequestedAt(now)
              .setReason(ground)
              .build(),
          Disputes.WAIT,
          "delisting");
    }
  }
}
