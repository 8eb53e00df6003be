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
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.auth.BearerKey;
import org.sightline.consumers.iwol.IwolList;
import org.sightline.consumers.iwol.IwolReviewResource;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.schema.DisputeSubject;

/**
 * An access provider disputes a domain of the "worst of" list (a false positive, content removed, a
 * new owner) with its key: {@code POST /api/v1/iwol/disputes} {@code {"domain","ground","note"}};
 * {@code GET /api/v1/iwol/disputes} gives its own disputes and how the secretariat resolved them.
 */
@Path("/api/v1/iwol/disputes")
public class IwolDisputeResource {

  private final Disputes disputes;
  private final IwolList list;
  private final LiveMemberDirectory members;

  IwolDisputeResource(Disputes disputes, IwolList list, LiveMemberDirectory members) {
    this.disputes = disputes;
    this.list = list;
    this.members = members;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response raise(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, DisputeRequests.Request body) {
    String provider = provider(authorization);
    if (body == null) {
      throw new BadParameterException("a JSON body {domain, ground, note} is required");
    }
    String domain = IwolReviewResource.domain(body.domain());
    var ground = DisputeRequests.ground(body.ground());
    String note = DisputeRequests.note(body.note());
    if (list.snapshot().items().stream().noneMatch(i -> i.domain().equals(domain))) {
      throw DisputeRequests.notListed("domain", domain);
    }
    disputes.requireLoaded();
    return DisputeRequests.accepted(
        disputes.raise(DisputeSubject.DOMAIN, domain, ground, note, provider));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<Disputes.View> mine(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    String provider = provider(authorization);
    disputes.requireLoaded();
    return disputes.raisedBy(provider);
  }

  private String provider(String authorization) {
    return BearerKey.of(authorization)
        .flatMap(key -> members.get().authenticateAccessProvider(key))
        .map(p -> "access-provider:" + p.id())
        .orElseThrow(
            () ->
                new NotAuthorizedException(
                    "an access provider's key is required: Authorization: Bearer <key>", "Bearer"));
  }
}
