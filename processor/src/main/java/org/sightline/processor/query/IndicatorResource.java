package org.sightline.processor.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.sightline.processor.correlation.Viewer;

/**
 * Interactive query: one indicator's correlation state, by canonical key (e.g. {@code
 * url:http://example.com/a}, as {@code ?key=}: canonical keys contain slashes). Answers for keys
 * held by any instance: another instance's keys are fetched from it.
 */
@Path(IndicatorQueries.PATH)
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class IndicatorResource {

  private final QueryServices services;

  @Inject
  IndicatorResource(QueryServices services) {
    this.services = services;
  }

  /**
   * @param viewer whose disclosure applies: {@code secretariat}, {@code country:NL} or {@code
   *     agency:<id>}; the consumers name the signed-in user's, and only they and the processor's
   *     own instances may ask (mutual TLS)
   */
  @GET
  public Response state(
      @QueryParam("key") String key,
      @QueryParam("viewer") String viewer,
      @QueryParam("local") @DefaultValue("false") boolean local) {
    if (key == null || key.isBlank()) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Map.of("error", "key is required, e.g. ?key=url:http://example.com/a"))
          .build();
    }
    Viewer who;
    try {
      who = services.viewer(viewer);
    } catch (IllegalArgumentException e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Map.of("error", e.getMessage()))
          .build();
    }
    IndicatorQueries.Answer answer =
        local ? services.queries().local(key, who) : services.queries().lookup(key, who);
    if (answer instanceof IndicatorQueries.Answer.Found found) {
      return Response.ok(found.state()).header("X-Served-By", found.servedBy()).build();
    }
    if (answer instanceof IndicatorQueries.Answer.Unavailable unavailable) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .entity(Map.of("error", unavailable.reason()))
          .build();
    }
    return Response.status(Response.Status.NOT_FOUND)
        .entity(Map.of("error", "no sighting of " + key + " that " + who + " may see"))
        .build();
  }
}
