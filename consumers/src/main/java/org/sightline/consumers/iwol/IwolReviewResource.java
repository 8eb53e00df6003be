package org.sightline.consumers.iwol;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
import org.sightline.indicator.CanonicalIndicator;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolReview;
import org.sightline.schema.IwolVerdict;
import org.sightline.topics.Topics;

/**
 * The secretariat's review of the "worst of" list. Secretariat users only; every look and every
 * decision on the console's audit trail first.
 *
 * <ul>
 *   <li>{@code GET /api/v1/iwol-review}: the domains awaiting review with their evidence (oldest
 *       first), and the domains listed now;
 *   <li>{@code POST /api/v1/iwol-review/verdicts} {@code {"domain", "verdict": "approve" |
 *       "reject", "reason"}}: an {@code IwolReview} on {@code iwol.reviews}; a rejection must say
 *       why; 409 when the domain does not await review;
 *   <li>{@code POST /api/v1/iwol-review/delistings} {@code {"domain", "reason"}}: an {@code
 *       IwolDelisting} on {@code iwol.delistings}, for a listed domain, one awaiting review, or one
 *       to keep off the list (its support so far is set aside).
 * </ul>
 *
 * 202 once the broker holds the decision; the processor applies it, and the queue and the list
 * follow within a second or so. {@code requestedBy} is {@code console:<user>}.
 */
@Path("/api/v1/iwol-review")
@Singleton
public class IwolReviewResource {

  /** The longest reason kept. */
  static final int MAX_REASON = 1000;

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** What the dashboard sends for a verdict. */
  public record Verdict(String domain, String verdict, String reason) {}

  /** What the dashboard sends for a delisting. */
  public record Delisting(String domain, String reason) {}

  /** A listed domain as the secretariat sees it. */
  public record Listed(String domain, Instant listedAt, Instant expiresAt) {}

  private final SignedIn signedIn;
  private final ConsoleAudit audit;
  private final IwolProposals proposals;
  private final IwolList list;
  private final KafkaProducer<String, IwolReview> reviews;
  private final KafkaProducer<String, IwolDelisting> delistings;

  IwolReviewResource(
      SignedIn signedIn,
      ConsoleAudit audit,
      IwolProposals proposals,
      IwolList list,
      ConsumersConfig config,
      KafkaAccess kafka) {
    this.signedIn = signedIn;
    this.audit = audit;
    this.proposals = proposals;
    this.list = list;
    this.reviews =
        ConfirmedProducers.of(
            kafka,
            config.registryUrl(),
            Topics.IWOL_REVIEWS,
            "sightline-consumers-iwol-reviews",
            WAIT);
    this.delistings =
        ConfirmedProducers.of(
            kafka,
            config.registryUrl(),
            Topics.IWOL_DELISTINGS,
            "sightline-consumers-iwol-delistings",
            WAIT);
  }

  void stop(@Observes ShutdownEvent event) {
    reviews.close();
    delistings.close();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> queue(@Context HttpServerRequest http) {
    signedIn.requireSecretariat();
    requireLoaded();
    List<IwolProposals.Item> pending = proposals.all();
    List<Listed> listed =
        list.snapshot().items().stream()
            .map(i -> new Listed(i.domain(), i.addedAt(), i.expiresAt()))
            .sorted(Comparator.comparing(Listed::listedAt).reversed())
            .toList();
    // The proposals name the reporting agencies: the look is on the audit trail.
    audit.require(signedIn.user(), "secretariat", "iwol-review", "proposals", pending.size(), http);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("proposals", pending);
    answer.put("listed", listed);
    return answer;
  }

  @POST
  @Path("/verdicts")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response verdict(Verdict request, @Context HttpServerRequest http) {
    signedIn.requireSecretariat();
    if (request == null) {
      throw new BadParameterException("a JSON body {domain, verdict, reason} is required");
    }
    String domain = domain(request.domain());
    IwolVerdict verdict = verdictOf(request.verdict());
    String reason = reason(request.reason(), verdict == IwolVerdict.REJECTED);
    requireLoaded();
    if (proposals.get(domain).isEmpty()) {
      throw new WebApplicationException(
          Response.status(Response.Status.CONFLICT)
              .type(MediaType.APPLICATION_JSON)
              .entity(
                  Map.of(
                      "error",
                      "'domain' " + domain + " is not awaiting review (decided, or withdrawn)"))
              .build());
    }
    audit.require(
        signedIn.user(),
        "secretariat",
        "iwol-" + verdict.name().toLowerCase(Locale.ROOT),
        domain,
        1,
        http);
    IwolReview review =
        IwolReview.newBuilder()
            .setDomain(domain)
            .setVerdict(verdict)
            .setRequestedBy("console:" + signedIn.user().id())
            .setRequestedAt(Instant.now())
            .setReason(reason)
            .build();
    ConfirmedProducers.sendAndWait(reviews, Topics.IWOL_REVIEWS, domain, review, WAIT, "verdict");
    return accepted(domain, verdict.name(), review.getRequestedBy(), reason);
  }

  @POST
  @Path("/delistings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response delist(Delisting request, @Context HttpServerRequest http) {
    signedIn.requireSecretariat();
    if (request == null) {
      throw new BadParameterException("a JSON body {domain, reason} is required");
    }
    String domain = domain(request.domain());
    String reason = reason(request.reason(), true);
    audit.require(signedIn.user(), "secretariat", "iwol-delisting", domain, 1, http);
    IwolDelisting delisting =
        IwolDelisting.newBuilder()
            .setDomain(domain)
            .setRequestedBy("console:" + signedIn.user().id())
            .setRequestedAt(Instant.now())
            .setReason(reason)
            .build();
    ConfirmedProducers.sendAndWait(
        delistings, Topics.IWOL_DELISTINGS, domain, delisting, WAIT, "delisting");
    return accepted(domain, "DELISTED", delisting.getRequestedBy(), reason);
  }

  private void requireLoaded() {
    if (!proposals.isLoaded()) {
      throw new ServiceUnavailableException(
          "the review queue is still being read from the broker; try again in a moment");
    }
  }

  /**
   * The registrable domain, as the processor keys the list: {@code WWW.Site.example} is {@code
   * site.example}.
   */
  public static String domain(String value) {
    if (value == null || value.isBlank()) {
      throw new BadParameterException("'domain' is required");
    }
    CanonicalIndicator canonical;
    try {
      canonical = Canonicalizer.canonicalize("domain", value.strip(), null);
    } catch (InvalidIndicatorException e) {
      throw new BadParameterException("'domain' " + e.reason());
    }
    if (canonical.type() != IndicatorType.DOMAIN) {
      throw new BadParameterException("'domain' is not a domain");
    }
    return canonical.key().substring("domain:".length());
  }

  private static IwolVerdict verdictOf(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "approve", "approved" -> IwolVerdict.APPROVED;
      case "reject", "rejected" -> IwolVerdict.REJECTED;
      default -> throw new BadParameterException("'verdict' must be approve or reject");
    };
  }

  private static String reason(String value, boolean required) {
    String reason = value == null ? "" : value.strip();
    if (reason.length() > MAX_REASON) {
      throw new BadParameterException("'reason' must be at most " + MAX_REASON + " characters");
    }
    if (reason.isEmpty()) {
      if (required) {
        throw new BadParameterException(
            "'reason' is required: the audit trail keeps it, and it is the ground others read");
      }
      return null;
    }
    return reason;
  }

  private static Response accepted(String domain, String decision, String by, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("domain", domain);
    body.put("decision", decision);
    body.put("requestedBy", by);
    body.put("reason", reason);
    return Response.accepted(body).build();
  }
}
