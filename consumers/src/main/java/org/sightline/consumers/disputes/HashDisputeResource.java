package org.sightline.consumers.disputes;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.auth.BearerKey;
import org.sightline.consumers.hashes.KnownHashes;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.schema.DisputeSubject;

/**
 * An agency (its intake key) or a platform (its key) disputes a hash of the known-hash list: {@code
 * POST /api/v1/hashes/disputes} {@code {"key":"sha256:<hex>","ground","note"}}; {@code GET
 * /api/v1/hashes/disputes} gives its own disputes and how the secretariat resolved them.
 */
@Path("/api/v1/hashes/disputes")
public class HashDisputeResource {

  private final Disputes disputes;
  private final KnownHashes hashes;
  private final LiveMemberDirectory members;

  HashDisputeResource(Disputes disputes, KnownHashes hashes, LiveMemberDirectory members) {
    this.disputes = disputes;
    this.hashes = hashes;
    this.members = members;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response raise(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, DisputeRequests.Request body) {
    String holder = holder(authorization);
    if (body == null) {
      throw new BadParameterException("a JSON body {key, ground, note} is required");
    }
    String key = body.key() == null ? "" : body.key().strip().toLowerCase(Locale.ROOT);
    var ground = DisputeRequests.ground(body.ground());
    String note = DisputeRequests.note(body.note());
    if (hashes.list().snapshot().items().stream().noneMatch(h -> h.key().equals(key))) {
      throw DisputeRequests.notListed("key", key);
    }
    disputes.requireLoaded();
    return DisputeRequests.accepted(disputes.raise(DisputeSubject.HASH, key, ground, note, holder));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<Disputes.View> mine(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    String holder = holder(authorization);
    disputes.requireLoaded();
    return disputes.raisedBy(holder);
  }

  /** An enabled agency or platform, as the known-hash list itself admits them. */
  private String holder(String authorization) {
    var members = this.members.get();
    return BearerKey.of(authorization)
        .flatMap(
            key ->
                members
                    .authenticate(key)
                    .map(a -> "agency:" + a.id().value())
                    .or(() -> members.authenticatePlatform(key).map(p -> "platform:" + p.id())))
        .orElseThrow(
            () ->
                new NotAuthorizedException(
                    "an agency's or a platform's key is required: Authorization: Bearer <key>",
                    "Bearer"));
  }
}
