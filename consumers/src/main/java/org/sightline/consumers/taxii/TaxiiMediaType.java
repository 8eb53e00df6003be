package org.sightline.consumers.taxii;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** TAXII 2.1 answers in its own media type only: a client that accepts none of it gets 406. */
public class TaxiiMediaType {

  @ServerRequestFilter
  public Optional<Response> requireTaxii(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().startsWith("/taxii2")) {
      return Optional.empty();
    }
    String accept = request.getHeaderString("Accept");
    if (accept == null
        || accept.isBlank()
        || accept.contains("application/taxii+json")
        || accept.contains("*/*")) {
      return Optional.empty();
    }
    return Optional.of(
        Response.status(406)
            .type(TaxiiResource.TAXII)
            .entity(
                Map.of(
                    "title", "not acceptable",
                    "description", "this server answers " + TaxiiResource.TAXII,
                    "http_status", "406"))
            .build());
  }
}
