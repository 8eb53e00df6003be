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
import org.sightline.processor.ProcessorConfig;
import org.sightline.security.ServiceTls;

/**
 * Interactive query: one indicator's correlation state, by canonical key (e.g. {@code
 * url:http://example.com/a}, as {@code ?key=}: canonical keys contain slashes). Answers for keys
 * held by any instance: another instance's keys are fetched from it.
 */
@Path(IndicatorQueries.PATH)
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class IndicatorResource {

  private final IndicatorQueries queries;

  @Inject
  IndicatorResource(
      KafkaStreams streams,
      @ConfigProperty(name = "quarkus.kafka-streams.application-server") String applicationServer,
      ProcessorConfig config) {
    this.queries =
        new IndicatorQueries(
            streams,
            IndicatorQueries.hostInfo(applicationServer),
            ServiceTls.forService(
                config.kafkaPrincipal(),
                config.tlsKeystore(),
                config.tlsKeystorePassword(),
                config.tlsCa()));
  }

  @GET
  public Response state(
      @QueryParam("key") String key, @QueryParam("local") @DefaultValue("false") boolean local) {
    if (key == null || key.isBlank()) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Map.of("error", "key is required, e.g. ?key=url:http://example.com/a"))
          .build();
    }
    IndicatorQueries.Answer answer = local ? queries.local(key) : queries.lookup(key);
    if (answer instanceof IndicatorQueries.Answer.Found found) {
      return Response.ok(found.state()).header("X-Served-By", found.servedBy()).build();
    }
    if (answer instanceof IndicatorQueries.Answer.Unavailable unavailable) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .entity(Map.of("error", unavailable.reason()))
          .build();
    }
    return Response.status(Response.Status.NOT_FOUND)
        .entity(Map.of("error", "no sighting of " + key))
        .build();
  }
}
