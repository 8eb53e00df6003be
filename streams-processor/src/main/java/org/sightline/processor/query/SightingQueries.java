package org.sightline.processor.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.sightline.processor.topology.Deduplicator;
import org.sightline.security.ServiceClient;
import org.sightline.security.ServiceTls;
import org.sightline.topics.StoreNames;

/**
 * Whether the processor holds a sighting (the ledger {@value StoreNames#SIGHTING_KEYS}): yes or no,
 * and whether it was retracted — nothing of what it says. The intake asks before it accepts a
 * retraction of an id it has no receipt for, so that one the agency never sent is answered 404. The
 * ledger is partitioned as the intake topics are (by the sighting id), so the partition of an id is
 * the partition of its intake record; an id held by another instance is asked of it.
 */
public final class SightingQueries {

  public static final String PATH = "/api/v1/sightings/held";

  /** The answer: held or not, retracted, or unknown for now (with why). */
  public record Held(Boolean held, boolean retracted, String unavailable) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaStreams streams;
  private final HostInfo self;
  private final ServiceClient http;

  public SightingQueries(KafkaStreams streams, HostInfo self, ServiceTls tls) {
    this.streams = streams;
    this.self = self;
    this.http = new ServiceClient(tls);
  }

  public Held held(String agency, String id, boolean localOnly) {
    KeyQueryMetadata meta;
    try {
      meta =
          streams.queryMetadataForKey(StoreNames.SIGHTING_KEYS, id, Serdes.String().serializer());
    } catch (IllegalStateException e) {
      return new Held(null, false, "the processor is not running yet");
    }
    if (meta == null || meta.activeHost() == null) {
      return new Held(null, false, "the processor is not running yet");
    }
    if (localOnly || meta.activeHost().port() < 0 || meta.activeHost().equals(self)) {
      return local(agency, id, meta.partition());
    }
    Held here = local(agency, id, meta.partition());
    return here.unavailable() == null ? here : remote(meta.activeHost(), agency, id);
  }

  private Held local(String agency, String id, int partition) {
    try {
      ReadOnlyKeyValueStore<String, String> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                      StoreNames.SIGHTING_KEYS, QueryableStoreTypes.<String, String>keyValueStore())
                  .withPartition(partition));
      String entry = store.get(agency + "/" + id);
      return new Held(entry != null, entry != null && Deduplicator.retracted(entry), null);
    } catch (InvalidStateStoreException e) {
      return new Held(null, false, "the partition is not served here now");
    }
  }

  private Held remote(HostInfo owner, String agency, String id) {
    URI uri =
        ServiceClient.uri(
            "https://" + owner.host() + ":" + owner.port(),
            PATH,
            Map.of("local", "true", "agency", agency, "id", id));
    try {
      HttpResponse<String> response = http.get(uri, Duration.ofSeconds(5));
      if (response.statusCode() != 200) {
        return new Held(null, false, "instance " + owner + " answered " + response.statusCode());
      }
      var json = JSON.readTree(response.body());
      return new Held(json.path("held").asBoolean(), json.path("retracted").asBoolean(), null);
    } catch (IOException e) {
      return new Held(null, false, "instance " + owner + " did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Held(null, false, "interrupted");
    }
  }
}
