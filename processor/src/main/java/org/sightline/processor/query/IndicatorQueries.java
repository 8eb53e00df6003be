package org.sightline.processor.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.sightline.client.ServiceClient;
import org.sightline.client.ServiceTls;
import org.sightline.indicator.Localities;
import org.sightline.processor.correlation.Viewer;
import org.sightline.schema.IndicatorState;
import org.sightline.topics.StoreNames;

/**
 * Interactive queries of the correlation state across processor instances: a key held here is read
 * from the local store; a key held by another instance is fetched from that instance's endpoint
 * (asked for its local copy only, so a request never travels further).
 */
public final class IndicatorQueries {

  /** The answer to a lookup. */
  public sealed interface Answer {
    record Found(IndicatorStateView state, String servedBy) implements Answer {}

    record NotFound() implements Answer {}

    /** Not running yet, rebalancing, or the owning instance did not answer. */
    record Unavailable(String reason) implements Answer {}
  }

  public static final String PATH = "/api/v1/indicators";

  /** Many keys at once, by POST: the intake's lookup for agencies, and instances among them. */
  public static final String LOOKUP_PATH = "/api/v1/lookup";

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final KafkaStreams streams;
  private final HostInfo self;
  private final ServiceClient http;
  private final int partitions;

  /**
   * @param tls this instance's identity: another instance answers only a client certificate of the
   *     federation's CA with an allowed common name (mutual TLS), and is asked over HTTPS only
   */
  public IndicatorQueries(KafkaStreams streams, HostInfo self, ServiceTls tls, int partitions) {
    this.streams = streams;
    this.self = self;
    this.http = new ServiceClient(tls);
    this.partitions = partitions;
  }

  /**
   * An indicator's state is in the partition of its locality (its registrable domain, for a URL),
   * chosen among the intake topics' partitions as the agencies' producers choose it.
   */
  private KeyQueryMetadata metadata(String key) {
    return streams.queryMetadataForKey(
        StoreNames.INDICATOR_STATE,
        key,
        (String topic, String k, Object value, int n) ->
            Optional.of(Set.of(Localities.partition(Localities.ofKey(k), partitions))));
  }

  /** Wherever the key lives, as {@code viewer} may see it. */
  public Answer lookup(String key, Viewer viewer) {
    KeyQueryMetadata meta;
    try {
      meta = metadata(key);
    } catch (IllegalStateException e) {
      return new Answer.Unavailable("the processor is not running yet");
    }
    if (meta == null || meta.activeHost() == null) {
      return new Answer.Unavailable("the processor is not running yet");
    }
    if (meta.activeHost().port() < 0) {
      // No application.server known (a single instance without one configured): all keys are here.
      return local(key, meta.partition(), viewer);
    }
    if (meta.activeHost().equals(self) || activeHere(meta.partition())) {
      return local(key, meta.partition(), viewer);
    }
    return remote(meta.activeHost(), key, viewer);
  }

  /**
   * Whether this instance runs the active task of the store's partition — asked of the running
   * threads rather than inferred from configured host names, which a proxy or a test port can skew.
   */
  private boolean activeHere(int partition) {
    String source = "-" + StoreNames.BY_INDICATOR + "-repartition";
    return streams.metadataForLocalThreads().stream()
        .flatMap(thread -> thread.activeTasks().stream())
        .flatMap(task -> task.topicPartitions().stream())
        .anyMatch(tp -> tp.partition() == partition && tp.topic().endsWith(source));
  }

  /** From this instance's store only. */
  public Answer local(String key, Viewer viewer) {
    KeyQueryMetadata meta = metadata(key);
    return meta == null ? new Answer.NotFound() : local(key, meta.partition(), viewer);
  }

  private Answer local(String key, int partition, Viewer viewer) {
    try {
      StoreQueryParameters<ReadOnlyKeyValueStore<String, IndicatorState>> params =
          StoreQueryParameters.fromNameAndType(
              StoreNames.INDICATOR_STATE, QueryableStoreTypes.keyValueStore());
      ReadOnlyKeyValueStore<String, IndicatorState> store =
          streams.store(partition >= 0 ? params.withPartition(partition) : params);
      IndicatorState state = store.get(key);
      IndicatorStateView view = state == null ? null : IndicatorStateView.from(state, viewer);
      return view == null
          ? new Answer.NotFound()
          : new Answer.Found(view, self.host() + ":" + self.port());
    } catch (InvalidStateStoreException e) {
      return new Answer.Unavailable("the store is migrating between instances; retry shortly");
    }
  }

  private Answer remote(HostInfo owner, String key, Viewer viewer) {
    URI uri =
        ServiceClient.uri(
            "https://" + owner.host() + ":" + owner.port(),
            PATH,
            Map.of("local", "true", "key", key, "viewer", viewerParameter(viewer)));
    try {
      HttpResponse<String> response = http.get(uri, Duration.ofSeconds(5));
      if (response.statusCode() == 404) {
        return new Answer.NotFound();
      }
      if (response.statusCode() != 200) {
        return new Answer.Unavailable(
            "instance " + owner.host() + ":" + owner.port() + " answered " + response.statusCode());
      }
      return new Answer.Found(
          JSON.readValue(response.body(), IndicatorStateView.class),
          owner.host() + ":" + owner.port());
    } catch (IOException e) {
      return new Answer.Unavailable(
          "instance " + owner.host() + ":" + owner.port() + " did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer.Unavailable("interrupted");
    }
  }

  /** The answer to a lookup of many keys. */
  public sealed interface Batch {
    /** One answer per key, in the order asked. */
    record Answered(List<LookupAnswer> answers) implements Batch {}

    /** Some key's partition could not be read: no partial answer, since "unknown" would lie. */
    record Unavailable(String reason) implements Batch {}
  }

  /** What a lookup request carries between instances (and from the intake). */
  public record BatchRequest(String viewer, List<String> keys) {}

  /** What a lookup answers. */
  public record BatchResponse(List<LookupAnswer> results) {}

  /**
   * Whether each key is known, and what {@code viewer} may learn of it ({@link LookupAnswer}):
   * grouped by partition, each partition's store opened once, the keys of another instance's
   * partitions sent to it in one request per instance.
   *
   * @param localOnly answer from this instance's stores only (a request forwarded by another)
   */
  public Batch lookupAll(List<String> keys, Viewer viewer, boolean localOnly) {
    Map<Integer, List<Integer>> byPartition = new TreeMap<>();
    String[] localities = new String[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      localities[i] = Localities.ofKey(keys.get(i));
      byPartition
          .computeIfAbsent(Localities.partition(localities[i], partitions), p -> new ArrayList<>())
          .add(i);
    }
    LookupAnswer[] answers = new LookupAnswer[keys.size()];
    Map<HostInfo, List<Integer>> elsewhere = new HashMap<>();
    for (Map.Entry<Integer, List<Integer>> e : byPartition.entrySet()) {
      int partition = e.getKey();
      if (!localOnly) {
        KeyQueryMetadata meta;
        try {
          meta = metadata(keys.get(e.getValue().get(0)));
        } catch (IllegalStateException ex) {
          return new Batch.Unavailable("the processor is not running yet");
        }
        if (meta == null || meta.activeHost() == null) {
          return new Batch.Unavailable("the processor is not running yet");
        }
        HostInfo owner = meta.activeHost();
        if (owner.port() >= 0 && !owner.equals(self) && !activeHere(partition)) {
          elsewhere.computeIfAbsent(owner, h -> new ArrayList<>()).addAll(e.getValue());
          continue;
        }
      }
      try {
        ReadOnlyKeyValueStore<String, IndicatorState> store =
            streams.store(
                StoreQueryParameters.fromNameAndType(
                        StoreNames.INDICATOR_STATE,
                        QueryableStoreTypes.<String, IndicatorState>keyValueStore())
                    .withPartition(partition));
        for (int i : e.getValue()) {
          String key = keys.get(i);
          IndicatorState state = store.get(key);
          // A URL's or a host's registrable domain is its locality: same partition, same store.
          IndicatorState domain =
              !localities[i].startsWith("domain:")
                  ? null
                  : localities[i].equals(key) ? state : store.get(localities[i]);
          answers[i] = LookupAnswer.of(key, state, domain, viewer);
        }
      } catch (InvalidStateStoreException ex) {
        return new Batch.Unavailable("the store is migrating between instances; retry shortly");
      }
    }
    for (Map.Entry<HostInfo, List<Integer>> e : elsewhere.entrySet()) {
      HostInfo owner = e.getKey();
      List<String> theirs = e.getValue().stream().map(keys::get).toList();
      String where = owner.host() + ":" + owner.port();
      try {
        HttpResponse<String> response =
            http.post(
                ServiceClient.uri("https://" + where, LOOKUP_PATH, Map.of("local", "true")),
                JSON.writeValueAsString(new BatchRequest(viewerParameter(viewer), theirs)),
                Duration.ofSeconds(30));
        if (response.statusCode() != 200) {
          return new Batch.Unavailable("instance " + where + " answered " + response.statusCode());
        }
        List<LookupAnswer> remote = JSON.readValue(response.body(), BatchResponse.class).results();
        for (int j = 0; j < theirs.size(); j++) {
          answers[e.getValue().get(j)] = remote.get(j);
        }
      } catch (IOException ex) {
        return new Batch.Unavailable("instance " + where + " did not answer: " + ex.getMessage());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return new Batch.Unavailable("interrupted");
      }
    }
    return new Batch.Answered(Arrays.asList(answers));
  }

  /**
   * How a viewer is named in a request: {@code secretariat}, {@code country:NL}, {@code agency:id}.
   */
  public static String viewerParameter(Viewer viewer) {
    return viewer.isSecretariat()
        ? "secretariat"
        : viewer.agency() != null
            ? Viewer.AGENCY_PREFIX + viewer.agency()
            : "country:" + viewer.country();
  }

  /** Parses {@code host:port}. */
  public static HostInfo hostInfo(String applicationServer) {
    int colon = applicationServer.lastIndexOf(':');
    return new HostInfo(
        applicationServer.substring(0, colon),
        Integer.parseInt(applicationServer.substring(colon + 1)));
  }
}
