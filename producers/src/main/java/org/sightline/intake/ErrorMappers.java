package org.sightline.intake;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
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
}
