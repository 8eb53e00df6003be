package org.sightline.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Avro serdes bound to the schema registry, pinned to the Confluent wire format (magic byte 0, a
 * 4-byte content id, no headers) so that members using Confluent clients interoperate with members
 * using Apicurio's. They never write to the registry: every schema is registered beforehand by the
 * admin ({@code SchemaProvisioner}), and the serializer only looks its schema up.
 */
public final class RegistrySerdes {

  /** Apicurio's own REST API, which its serdes speak. */
  public static final String REGISTRY_API_PATH = "/apis/registry/v3";

  /** The Confluent-compatible API, for non-Java and Confluent clients. */
  public static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Object> config;
  private final RegistryClientFacade client;
  private final IntFunction<Schema> schemaById;

  private RegistrySerdes(Map<String, Object> config, RegistryClientFacade client) {
    this.config = Map.copyOf(config);
    this.client = client;
    String apiUrl = (String) config.get("apicurio.registry.url");
    this.schemaById =
        client != null
            ? id -> new Schema.Parser().parse(client.getSchemaByContentId((long) id))
            : confluentLookup(
                apiUrl.substring(0, apiUrl.length() - REGISTRY_API_PATH.length())
                    + CONFLUENT_API_PATH);
  }

  /** The schema with an id, as a Confluent client fetches it; ids never change, so never again. */
  private static IntFunction<Schema> confluentLookup(String confluentApi) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Map<Integer, Schema> cache = new ConcurrentHashMap<>();
    return id ->
        cache.computeIfAbsent(
            id,
            key -> {
              try {
                HttpResponse<String> response =
                    http.send(
                        HttpRequest.newBuilder(URI.create(confluentApi + "/schemas/ids/" + key))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                  throw new IllegalStateException(
                      "the registry answered " + response.statusCode() + ": " + response.body());
                }
                return new Schema.Parser()
                    .parse(JSON.readTree(response.body()).path("schema").asText());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
              }
            });
  }

  /**
   * Serdes for a registry at {@code baseUrl} (e.g. {@code http://localhost:8081}); the API path is
   * added here.
   */
  public static RegistrySerdes forRegistry(String baseUrl) {
    return new RegistrySerdes(wireFormatConfig(apiUrl(baseUrl)), null);
  }

  /** Serdes on an explicit registry client, e.g. an in-memory one for TopologyTestDriver tests. */
  public static RegistrySerdes withClient(RegistryClientFacade client) {
    return new RegistrySerdes(
        wireFormatConfig("http://in-memory.invalid" + REGISTRY_API_PATH),
        Objects.requireNonNull(client));
  }

  public static String apiUrl(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base.endsWith(REGISTRY_API_PATH) ? base : base + REGISTRY_API_PATH;
  }

  /**
   * The serde settings that pin the Confluent wire format; also usable as Kafka client properties.
   */
  public static Map<String, Object> wireFormatConfig(String registryApiUrl) {
    Map<String, Object> c = new HashMap<>();
    c.put("apicurio.registry.url", registryApiUrl);
    c.put("apicurio.registry.headers.enabled", false);
    c.put("apicurio.registry.id-handler", Default4ByteIdHandler.class.getName());
    c.put("apicurio.registry.use-id", "contentId");
    c.put("apicurio.registry.use-specific-avro-reader", true);
    // Clients only read: the admin registers every schema beforehand (SchemaProvisioner), and the
    // registry refuses writes from anyone else. The serializer looks its record's exact schema up
    // by content under the topic's subject (POST /search/versions, a read in Apicurio's
    // authorization) and writes that version's content id. Not find-latest: it would stamp the
    // subject's newest id on bytes written with the client's own, possibly older, schema. A
    // schema that was never provisioned fails the send instead of being registered.
    c.put("apicurio.registry.auto-register", false);
    c.put("apicurio.registry.find-latest", false);
    // Register whole schemas, nested records inlined, as Confluent's serializer does: otherwise
    // Apicurio registers each nested record as a separate referenced artifact, which a Confluent
    // client reading /schemas/ids/{id} does not expect.
    c.put("apicurio.registry.dereference-schema", true);
    return c;
  }

  /** The configuration these serdes use, for clients that configure serdes by class name. */
  public Map<String, Object> config() {
    return config;
  }

  /** A value serde for a generated Avro record class. */
  public <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
    return avro(type, false);
  }

  public <T extends SpecificRecord> Serde<T> avro(Class<T> type, boolean isKey) {
    AvroKafkaSerializer<T> serializer =
        client == null ? new AvroKafkaSerializer<>() : new AvroKafkaSerializer<>(client);
    AvroKafkaDeserializer<T> deserializer =
        client == null ? new AvroKafkaDeserializer<>() : new AvroKafkaDeserializer<>(client);
    Map<String, Object> c = new HashMap<>(config);
    c.put(
        isKey
            ? "apicurio.registry.deserializer.key.return-class"
            : "apicurio.registry.deserializer.value.return-class",
        type.getName());
    serializer.configure(c, isKey);
    deserializer.configure(c, isKey);
    return Serdes.serdeFrom(
        WireFormatCache.serializer(serializer),
        WireFormatCache.deserializer(deserializer, type, schemaById));
  }
}
