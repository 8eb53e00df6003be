package org.sightline.consumers;

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
}
