package org.sightline.consumers;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors as JSON a person (and a program) can read. */
public class ErrorMappers {

  @ServerExceptionMapper
  public Response badParameter(BadParameterException e) {
    // Explicit type: the stream endpoint would otherwise try to answer as text/event-stream.
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", e.getMessage()))
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return Response.status(Response.Status.FORBIDDEN)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", e.getMessage()))
        .build();
  }

  @ServerExceptionMapper
  public Response notLoggedIn(NotAuthorizedException e) {
    return Response.status(Response.Status.UNAUTHORIZED)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", "log in first: POST /api/v1/login"))
        .build();
  }
}
