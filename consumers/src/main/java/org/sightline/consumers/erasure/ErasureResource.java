package org.sightline.consumers.erasure;

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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.consumers.kafka.ConfirmedProducers;
import org.sightline.erasure.ErasureRequests;
import org.sightline.schema.Erasure;
import org.sightline.topics.Topics;

/**
 * {@code POST /api/v1/erasures} {@code {"agency":"nl-police","sighting":"s-1","reason":"..."}}: the
 * secretariat erases one sighting, or every sighting of an agency ({@code "sighting"} absent and
 * {@code "allSightings": true}, so that no forgotten field erases an agency). Secretariat users
 * only. The request is on the console's audit trail, and the erasure itself on {@code
 * erasure.requests} with the user as {@code requestedBy}; 202 once the broker holds both.
 */
@Path("/api/v1/erasures")
@Singleton
public class ErasureResource {

  private static final Logger LOG = Logger.getLogger(ErasureResource.class);

  /** What the console sends. */
  public record Request(String agency, String sighting, Boolean allSightings, String reason) {}

  private final SignedIn signedIn;
  private final ConsoleAudit audit;
  private final KafkaProducer<String, Erasure> producer;

  ErasureResource(
      SignedIn signedIn, ConsoleAudit audit, ConsumersConfig config, KafkaAccess kafka) {
    this.signedIn = signedIn;
    this.audit = audit;
    this.producer =
        ConfirmedProducers.of(
            kafka,
            config.registryUrl(),
            Topics.ERASURE_REQUESTS,
            "sightline-consumers-erasures",
            java.time.Duration.ofSeconds(30));
  }

  void stop(@Observes ShutdownEvent event) {
    producer.close();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response erase(Request request, @Context HttpServerRequest http) {
    signedIn.requireSecretariat();
    if (request == null) {
      throw new BadParameterException(
          "a JSON body {agency, sighting | allSightings: true, reason} is required");
    }
    boolean all = Boolean.TRUE.equals(request.allSightings());
    if (all == (request.sighting() != null)) {
      throw new BadParameterException(
          "'sighting' names one sighting; 'allSightings': true erases every one of the agency;"
              + " give exactly one");
    }
    Erasure erasure;
    try {
      erasure =
          ErasureRequests.of(
              request.agency(),
              Optional.ofNullable(request.sighting()),
              "console:" + signedIn.user().id(),
              request.reason(),
              Instant.now());
    } catch (IllegalArgumentException e) {
      throw new BadParameterException("'" + e.getMessage().replaceFirst(":", "':"));
    }
    // The look at (and the act on) the agency's data is on the trail before anything is erased.
    audit.require(
        signedIn.user(),
        "secretariat",
        "erasure",
        erasure.getAgencyId()
            + "/"
            + (erasure.getSightingId() == null ? "*" : erasure.getSightingId()),
        1,
        http);
    int records;
    try {
      records = ErasureRequests.write(producer, erasure);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.warnf("erasure by %s not confirmed: %s", erasure.getRequestedBy(), e.getMessage());
      throw new ServiceUnavailableException(
          "the broker did not confirm the erasure; send it again (it erases once)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("interrupted");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agency", erasure.getAgencyId());
    body.put("sighting", erasure.getSightingId());
    body.put("requestedBy", erasure.getRequestedBy());
    body.put("records", records);
    return Response.accepted(body).build();
  }
}
