package org.sightline.processor.query;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.sightline.schema.IndicatorState;
import org.sightline.topics.StoreNames;

/**
 * Interactive query: one indicator's correlation state, by canonical key (e.g. {@code
 * url:http://example.com/a}, as {@code ?key=}). When another instance holds the key, the answer
 * says which one.
 */
@Path("/api/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
public class IndicatorResource {

  private final KafkaStreams streams;

  IndicatorResource(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Query parameter rather than path: canonical keys contain slashes. */
  @GET
  public Response state(@QueryParam("key") String key) {
    if (key == null || key.isBlank()) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Map.of("error", "key is required, e.g. ?key=url:http://example.com/a"))
          .build();
    }
    KeyQueryMetadata meta =
        streams.queryMetadataForKey(StoreNames.INDICATOR_STATE, key, Serdes.String().serializer());
    if (meta == null || meta.activeHost() == null) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .entity(Map.of("error", "the processor is not running yet"))
          .build();
    }
    try {
      ReadOnlyKeyValueStore<String, IndicatorState> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                      StoreNames.INDICATOR_STATE,
                      QueryableStoreTypes.<String, IndicatorState>keyValueStore())
                  .withPartition(meta.partition()));
      IndicatorState state = store.get(key);
      if (state == null) {
        return Response.status(Response.Status.NOT_FOUND)
            .entity(Map.of("error", "no sighting of " + key))
            .build();
      }
      return Response.ok(IndicatorStateView.from(state)).build();
    } catch (InvalidStateStoreException e) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .entity(
              Map.of(
                  "error",
                  "this key is held by another instance",
                  "host",
                  meta.activeHost().host() + ":" + meta.activeHost().port()))
          .build();
    }
  }
}
