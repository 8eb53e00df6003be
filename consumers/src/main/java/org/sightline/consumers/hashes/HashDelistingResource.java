package org.sightline.consumers.hashes;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.consumers.kafka.ConfirmedProducers;
import org.sightline.schema.HashDelisting;
import org.sightline.topics.Topics;

/**
 * {@code POST /api/v1/hash-delistings} {@code {"key":"sha256:<hex>","reason":"..."}}: the
 * secretariat takes a hash off the known-hash list (a false positive, a disputed file). Secretariat
 * users only. On the console's audit trail first, then a {@code HashDelisting} on {@code
 * hashes.delistings} with {@code console:<user>} as {@code requestedBy}; the processor writes the
 * tombstone, and only sightings observed afterwards can list the hash again.
 */
@Path("/api/v1/hash-delistings")
@Singleton
public class HashDelistingResource {

  /** The longest reason kept. */
  static final int MAX_REASON = 1000;

  private static final Pattern KEY = Pattern.compile("(md5|sha1|sha256|pdq):[0-9a-f]{32,64}");
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** What the console sends. */
  public record Request(String key, String reason) {}

  private final SignedIn signedIn;
  private final ConsoleAudit audit;
  private final KafkaProducer<String, HashDelisting> producer;

  HashDelistingResource(
      SignedIn signedIn, ConsoleAudit audit, ConsumersConfig config, KafkaAccess kafka) {
    this.signedIn = signedIn;
    this.audit = audit;
    this.producer =
        ConfirmedProducers.of(
            kafka,
            config.registryUrl(),
            Topics.HASHES_DELISTINGS,
            "sightline-consumers-hash-delistings",
            WAIT);
  }

  void stop(@Observes ShutdownEvent event) {
    producer.close();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response delist(Request request, @Context HttpServerRequest http) {
    signedIn.requireSecretariat();
    if (request == null) {
      throw new BadParameterException("a JSON body {key, reason} is required");
    }
    String key = request.key() == null ? "" : request.key().strip().toLowerCase(Locale.ROOT);
    if (!KEY.matcher(key).matches()) {
      throw new BadParameterException(
          "'key' must be a hash as the list names it: md5:, sha1:, sha256: or pdq: and its hex");
    }
    String reason = request.reason() == null ? "" : request.reason().strip();
    if (reason.isEmpty() || reason.length() > MAX_REASON) {
      throw new BadParameterException(
          "'reason' is required, at most " + MAX_REASON + " characters: the audit trail keeps it");
    }
    audit.require(signedIn.user(), "secretariat", "hash-delisting", key, 1, http);
    HashDelisting delisting =
        HashDelisting.newBuilder()
            .setKey(key)
            .setRequestedBy("console:" + signedIn.user().id())
            .setRequestedAt(Instant.now())
            .setReason(reason)
            .build();
    ConfirmedProducers.sendAndWait(
        producer, Topics.HASHES_DELISTINGS, key, delisting, WAIT, "delisting");
    return Response.accepted(
            Map.of("key", key, "requestedBy", delisting.getRequestedBy(), "reason", reason))
        .build();
  }
}
