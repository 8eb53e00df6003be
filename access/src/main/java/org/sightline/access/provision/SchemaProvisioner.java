package org.sightline.access.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.StoreNames;
import org.sightline.topics.TopicSpec;

/**
 * Registers each topic's value schema under {@code <topic>-value} through the registry's
 * Confluent-compatible API, so the contract is in the registry before the first record and a client
 * on a Confluent serializer finds it; and the processor's internal topics that carry Avro ({@link
 * StoreNames#avroInternalTopics}). The registry's global BACKWARD rule refuses an incompatible
 * change here, at provisioning time, rather than at the first produce. Only the admin writes to the
 * registry: registering sends its bearer token; reads need none.
 */
public final class SchemaProvisioner {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String confluentApi;
  private final Supplier<String> adminToken;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Reads only: {@link #register} without a token is refused by a registry with authorization. */
  public SchemaProvisioner(String registryBaseUrl) {
    this(registryBaseUrl, () -> null);
  }

  /**
   * @param adminToken a fresh bearer token with the registry's admin role, asked for at each write
   *     (tokens are short-lived); {@code null} from it sends none
   */
  public SchemaProvisioner(String registryBaseUrl, Supplier<String> adminToken) {
    String base =
        registryBaseUrl.endsWith("/")
            ? registryBaseUrl.substring(0, registryBaseUrl.length() - 1)
            : registryBaseUrl;
    this.confluentApi = base + RegistrySerdes.CONFLUENT_API_PATH;
    this.adminToken = Objects.requireNonNull(adminToken);
  }

  /** Registers every topic's value schema; returns {@code subject -> schema id}. */
  public Map<String, Integer> provision(List<TopicSpec<?>> topics) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (TopicSpec<?> topic : topics) {
      if (!topic.hasSchema()) {
        continue;
      }
      ids.put(topic.valueSubject(), register(topic.valueSubject(), topic.valueSchema()));
    }
    return ids;
  }

  /**
   * Registers only the subjects the registry does not have yet (a member just added): one look at
   * the subject list instead of a registration per topic. Schemas that changed are left alone:
   * {@link #provision} registers new versions.
   */
  public Map<String, Integer> provisionMissing(List<TopicSpec<?>> topics) {
    java.util.Set<String> known = new java.util.HashSet<>(subjects());
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (TopicSpec<?> topic : topics) {
      if (topic.hasSchema() && !known.contains(topic.valueSubject())) {
        ids.put(topic.valueSubject(), register(topic.valueSubject(), topic.valueSchema()));
      }
    }
    return ids;
  }

  /**
   * Registers the value schema of each internal topic of a processor with this application id
   * ({@link StoreNames#avroInternalTopics}); returns {@code subject -> schema id}.
   */
  public Map<String, Integer> provisionProcessor(String applicationId) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    StoreNames.avroInternalTopics(applicationId)
        .forEach((topic, schema) -> ids.put(topic + "-value", register(topic + "-value", schema)));
    return ids;
  }

  public int register(String subject, Schema schema) {
    try {
      String body =
          JSON.writeValueAsString(Map.of("schemaType", "AVRO", "schema", schema.toString()));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(confluentApi + "/subjects/" + subject + "/versions"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/vnd.schemaregistry.v1+json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      String token = adminToken.get();
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "the registry refused the schema for "
                + subject
                + " (HTTP "
                + response.statusCode()
                + "): "
                + response.body());
      }
      return JSON.readTree(response.body()).path("id").asInt();
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the registry at " + confluentApi + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while registering " + subject, e);
    }
  }

  /** The schema with this id, as a Confluent client fetches it to decode a record. */
  public Schema schemaById(int id) {
    String body = get("/schemas/ids/" + id);
    try {
      return new Schema.Parser().parse(JSON.readTree(body).path("schema").asText());
    } catch (IOException e) {
      throw new IllegalStateException("unreadable answer from the registry: " + body, e);
    }
  }

  /** The id the latest version of a subject is served under (Confluent API). */
  public int latestId(String subject) {
    String body = get("/subjects/" + subject + "/versions/latest");
    try {
      return JSON.readTree(body).path("id").asInt();
    } catch (IOException e) {
      throw new IllegalStateException("unreadable answer from the registry: " + body, e);
    }
  }

  /** The subjects the registry knows, through the Confluent-compatible API. */
  public List<String> subjects() {
    String body = get("/subjects");
    try {
      List<String> subjects = new ArrayList<>();
      JSON.readTree(body).forEach(n -> subjects.add(n.asText()));
      return subjects;
    } catch (IOException e) {
      throw new IllegalStateException("unreadable answer from the registry: " + body, e);
    }
  }

  private String get(String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(confluentApi + path))
              .timeout(Duration.ofSeconds(30))
              .GET()
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the registry answered HTTP "
                + response.statusCode()
                + " to "
                + path
                + ": "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the registry at " + confluentApi + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
