package org.sightline.intake;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors as JSON a person (and a program) can read. */
public class ErrorMappers {

  @ServerExceptionMapper
  public Response unauthorized(NotAuthorizedException e) {
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sightline\"")
        .entity(Map.of("error", e.getMessage()))
        .build();
  }

  /** A Content-Type the endpoint does not read (or cannot be parsed): 415 naming the header. */
  @ServerExceptionMapper
  public Response unsupported(NotSupportedException e, HttpHeaders headers) {
    String type = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "error",
        (type == null ? "no Content-Type" : "Content-Type '" + type + "' is not accepted here")
            + ": send application/json (batches: ?format= or their own Content-Type, see"
            + " /q/openapi)");
    body.put("field", HttpHeaders.CONTENT_TYPE);
    return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).entity(body).build();
  }

  /** No endpoint at this path (e.g. an empty sighting id in a retraction): JSON, not a page. */
  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    return Response.status(Response.Status.NOT_FOUND)
        .entity(
            Map.of(
                "error",
                "no such endpoint: POST /api/v1/sightings, /api/v1/sightings/batch or"
                    + " /api/v1/sightings/{id}/retraction (the id must not be empty)"))
        .build();
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e) {
    return Response.status(Response.Status.METHOD_NOT_ALLOWED)
        .entity(Map.of("error", "this endpoint only accepts POST"))
        .build();
  }
}
