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
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sightline.client.KafkaLogin;
import org.sightline.client.ServiceTls;
import org.sightline.processor.ProcessorConfig;

/**
 * {@code GET /api/v1/sightings/held?agency=nl-police&id=s-1}: {@code {"held": true|false,
 * "retracted": true|false}}. For the intake (role {@code sighting-checker}, mutual TLS): it says
 * nothing of what the sighting says.
 */
@Path(SightingQueries.PATH)
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class SightingResource {

  private final SightingQueries queries;

  @Inject
  SightingResource(
      KafkaStreams streams,
      @ConfigProperty(name = "quarkus.kafka-streams.application-server") String applicationServer,
      ProcessorConfig config,
      KafkaLogin login) {
    this.queries =
        new SightingQueries(
            streams,
            IndicatorQueries.hostInfo(applicationServer),
            ServiceTls.forService(login.principal(), config.tls()));
  }

  @GET
  public Response held(
      @QueryParam("agency") String agency,
      @QueryParam("id") String id,
      @QueryParam("local") @DefaultValue("false") boolean local) {
    if (agency == null || agency.isBlank() || id == null || id.isBlank()) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Map.of("error", "agency and id are required"))
          .build();
    }
    SightingQueries.Held held = queries.held(agency, id, local);
    if (held.unavailable() != null) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .entity(Map.of("error", held.unavailable()))
          .build();
    }
    return Response.ok(new Answer(held.held(), held.retracted())).build();
  }

  /** What the intake is told: nothing of what the sighting says. */
  public record Answer(boolean held, boolean retracted) {}
}
