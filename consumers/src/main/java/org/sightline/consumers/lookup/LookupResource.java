package org.sightline.consumers.lookup;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.actions.IndicatorStates;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.consumers.kafka.ConfirmedProducers;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.lookup.LookupRequests;
import org.sightline.members.User;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Lookup;
import org.sightline.topics.Topics;

/**
 * The console's "is it known?": {@code POST /api/v1/lookup} {@code {"type":"url","value":"..."}}
 * answers whether the federation knows one indicator and what the signed-in user may see of it
 * (their agency's view when the directory binds them to one, else their country's; the secretariat
 * sees everything), as the processor's lookup cuts it. A user may ask about any indicator, not only
 * those their alerts name, so asking is on two trails before the answer goes out: the console's
 * ({@code audit.console-views}, view {@code lookup}) and the lookups' ({@code audit.lookups}), from
 * which the processor tells the holders of facts the user may not see that their country asked.
 */
@Path("/api/v1/lookup")
@Singleton
public class LookupResource {

  private static final Logger LOG = Logger.getLogger(LookupResource.class);
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** What the console sends: one indicator, as in a sighting ({@code chain} for a wallet). */
  public record Request(String type, String value, String chain) {}

  private final SignedIn signedIn;
  private final ConsoleAudit audit;
  private final IndicatorStates processor;
  private final KafkaProducer<String, Lookup> producer;

  LookupResource(
      SignedIn signedIn,
      ConsoleAudit audit,
      IndicatorStates processor,
      ConsumersConfig config,
      KafkaAccess kafka) {
    this.signedIn = signedIn;
    this.audit = audit;
    this.processor = processor;
    this.producer =
        ConfirmedProducers.of(
            kafka, config.registryUrl(), Topics.AUDIT_LOOKUPS, "sightline-consumers-lookups", WAIT);
  }

  void stop(@Observes ShutdownEvent event) {
    producer.close();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response lookup(Request request, @Context HttpServerRequest http) {
    User user = signedIn.user();
    String key = key(request, user);
    audit.require(user, recipient(user), "lookup", key, 1, http);
    record(user, key);
    IndicatorStates.Answer answer = processor.lookup(user, key);
    if (answer.status() != IndicatorStates.Status.OK) {
      LOG.warnf("lookup by %s not answered: %s", user.id(), answer.error());
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .type(MediaType.APPLICATION_JSON)
          .entity(java.util.Map.of("error", answer.error(), "processorUnavailable", true))
          .build();
    }
    return Response.ok(answer.state()).build();
  }

  /** The canonical key, or a 400 naming the field and the reason. */
  private static String key(Request request, User user) {
    if (request == null || request.type() == null || request.type().isBlank()) {
      throw new BadParameterException("'type': required, e.g. url, sha256, pdq, wallet");
    }
    if (request.value() == null || request.value().isBlank()) {
      throw new BadParameterException("'value': required, the indicator to look up");
    }
    IndicatorType type;
    try {
      type = IndicatorType.valueOf(request.type().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadParameterException("'type': '" + request.type() + "' is not an indicator type");
    }
    try {
      return Canonicalizer.canonicalize(
              new Indicator(type, request.value().strip(), request.chain(), null),
              user.country() == null ? null : user.country().value())
          .key();
    } catch (InvalidIndicatorException e) {
      String field = e.field().replaceFirst("^indicator\\.", "");
      throw new BadParameterException("'" + field + "': " + e.reason());
    }
  }

  private static String recipient(User user) {
    if (user.isSecretariat()) {
      return Topics.SECRETARIAT;
    }
    return user.agency() != null
        ? Topics.AGENCY_RECIPIENT_PREFIX + user.agency().value()
        : user.country().value();
  }

  /** On {@code audit.lookups}, as the intake writes an agency's, with the user named. */
  private void record(User user, String key) {
    LookupRequests.Asker asker =
        new LookupRequests.Asker(
            user.agency() == null ? null : user.agency().value(),
            user.country() == null ? null : user.country().value(),
            user.id());
    try {
      LookupRequests.write(
          producer, UUID.randomUUID().toString(), asker, Instant.now(), List.of(key), null, WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("interrupted");
    } catch (Exception e) {
      LOG.warnf("lookup by %s not recorded: %s", user.id(), e.getMessage());
      throw new ServiceUnavailableException(
          "this lookup cannot be recorded in the audit trail right now; try again in a moment");
    }
  }
}
