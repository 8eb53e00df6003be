package org.sightline.processor.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.sightline.processor.correlation.Viewer;

/**
 * Whether indicators are known, many at once, and what the viewer may learn of each ({@link
 * LookupAnswer}): the intake asks it for an agency's lookup, after writing the audit record;
 * instances ask each other for their own partitions' keys ({@code ?local=true}). Mutual TLS: only
 * the intake's and the processor's own certificates may ask (service-roles.properties).
 */
@Path(IndicatorQueries.LOOKUP_PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class LookupResource {

  /** The most keys one request may carry: the intake splits larger lookups. */
  public static final int MAX_KEYS = 100_000;

  private final QueryServices services;

  @Inject
  LookupResource(QueryServices services) {
    this.services = services;
  }

  @POST
  public Response lookup(
      IndicatorQueries.BatchRequest request,
      @QueryParam("local") @DefaultValue("false") boolean local) {
    if (request == null || request.keys() == null) {
      return bad("keys is required: {\"viewer\": \"agency:<id>\", \"keys\": [\"sha256:...\"]}");
    }
    if (request.keys().size() > MAX_KEYS) {
      return bad("keys: at most " + MAX_KEYS + " per request, was " + request.keys().size());
    }
    if (request.keys().stream().anyMatch(k -> k == null || k.isBlank())) {
      return bad("keys: every key must be a canonical indicator key, not empty");
    }
    Viewer who;
    try {
      who = services.viewer(request.viewer());
    } catch (IllegalArgumentException e) {
      return bad(e.getMessage());
    }
    IndicatorQueries.Batch answer = services.queries().lookupAll(request.keys(), who, local);
    if (answer instanceof IndicatorQueries.Batch.Answered answered) {
      return Response.ok(new IndicatorQueries.BatchResponse(answered.answers())).build();
    }
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .entity(Map.of("error", ((IndicatorQueries.Batch.Unavailable) answer).reason()))
        .build();
  }

  private static Response bad(String message) {
    return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", message)).build();
  }
}
