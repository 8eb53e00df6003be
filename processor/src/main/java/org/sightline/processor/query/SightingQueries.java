package org.sightline.processor.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.sightline.client.ServiceClient;
import org.sightline.client.ServiceTls;
import org.sightline.processor.topology.Deduplicator;
import org.sightline.topics.StoreNames;

/**
 * Whether the processor holds a sighting (the ledger {@value StoreNames#SIGHTING_KEYS}): yes or no,
 * and whether it was retracted — nothing of what it says. The intake asks before it accepts a
 * retraction of an id it has no receipt for, so that one the agency never sent is answered 404.
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

  /**
   * The ledger entry of an id is in the task of its sighting's locality, which the id alone does
   * not tell: every partition this instance holds is looked in, then every other instance is asked
   * for its own ({@code local}). Rare (a retraction the intake has no receipt for), so a look in
   * each is cheap enough.
   */
  public Held held(String agency, String id, boolean localOnly) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      return new Held(null, false, "the processor is not running now (" + streams.state() + ")");
    }
    Held here = local(agency, id);
    if (localOnly || here.unavailable() != null || Boolean.TRUE.equals(here.held())) {
      return here;
    }
    // This instance is told apart by the partitions it runs, not by its configured name, which a
    // proxy or a test port can skew.
    Set<TopicPartition> mine =
        streams.metadataForLocalThreads().stream()
            .flatMap(thread -> thread.activeTasks().stream())
            .flatMap(task -> task.topicPartitions().stream())
            .collect(Collectors.toSet());
    for (StreamsMetadata other : streams.metadataForAllStreamsClients()) {
      HostInfo host = other.hostInfo();
      if (host.port() < 0
          || host.equals(self)
          || !Collections.disjoint(other.topicPartitions(), mine)) {
        continue;
      }
      Held there = remote(host, agency, id);
      if (there.unavailable() != null || Boolean.TRUE.equals(there.held())) {
        return there;
      }
    }
    return here;
  }

  private Held local(String agency, String id) {
    try {
      ReadOnlyKeyValueStore<String, String> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  StoreNames.SIGHTING_KEYS, QueryableStoreTypes.<String, String>keyValueStore()));
      String entry = store.get(agency + "/" + id);
      return new Held(entry != null, entry != null && Deduplicator.retracted(entry), null);
    } catch (InvalidStateStoreException e) {
      return new Held(null, false, "the ledger is migrating between instances; retry shortly");
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
