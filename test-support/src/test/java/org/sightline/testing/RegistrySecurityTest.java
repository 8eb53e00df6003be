package org.sightline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sightline.access.provision.SchemaProvisioner;
import org.sightline.runtime.RegistrySigningKey;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Sighting;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * The registry lets anyone read and only the admin write: anonymous reads work, an anonymous write
 * is 401, a token without the admin role is 403 (and one signed by another key, or expired, 401),
 * the admin's token writes; and a producer's serdes write and read the Confluent wire format while
 * the registry records no write of theirs.
 */
@ExtendWith(SightlineStackExtension.class)
class RegistrySecurityTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final String PROBE =
      "{\"schemaType\":\"AVRO\",\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Probe\\\","
          + "\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

  private static HttpResponse<String> send(
      SightlineTestStack stack, String path, String body, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.registryUrl() + path))
            .timeout(Duration.ofSeconds(30));
    if (body == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/vnd.schemaregistry.v1+json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String write(String subject) {
    return RegistrySerdes.CONFLUENT_API_PATH + "/subjects/" + subject + "/versions";
  }

  @Test
  void anyoneReadsOnlyTheAdminWrites(SightlineTestStack stack) throws Exception {
    RegistrySigningKey key = stack.registrySigningKey();

    HttpResponse<String> subjects =
        send(stack, RegistrySerdes.CONFLUENT_API_PATH + "/subjects", null, null);
    assertThat(subjects.statusCode()).isEqualTo(200);
    assertThat(subjects.body()).contains(Topics.ALERTS_SECRETARIAT.valueSubject());

    assertThat(send(stack, write("security-probe-value"), PROBE, null).statusCode())
        .as("anonymous write")
        .isEqualTo(401);
    String reader =
        key.token("some-client", List.of(RegistrySigningKey.READ_ONLY_ROLE), Duration.ofMinutes(1));
    assertThat(send(stack, write("security-probe-value"), PROBE, reader).statusCode())
        .as("a read-only token's write")
        .isEqualTo(403);
    String expired =
        key.token("admin", List.of(RegistrySigningKey.ADMIN_ROLE), Duration.ofMinutes(-10));
    assertThat(send(stack, write("security-probe-value"), PROBE, expired).statusCode())
        .as("an expired admin token")
        .isEqualTo(401);
    String forged =
        RegistrySigningKey.loadOrCreate(java.nio.file.Files.createTempDirectory("forger-"))
            .adminToken();
    assertThat(send(stack, write("security-probe-value"), PROBE, forged).statusCode())
        .as("an admin token signed by another key")
        .isEqualTo(401);
    assertThat(subjectsNow(stack)).doesNotContain("security-probe-value");

    HttpResponse<String> admin =
        send(stack, write("security-probe-value"), PROBE, stack.registryAdminToken());
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    assertThat(subjectsNow(stack)).contains("security-probe-value");

    assertThatThrownBy(
            () ->
                new SchemaProvisioner(stack.registryUrl())
                    .register("security-probe-2-value", IntakeEvent.getClassSchema()))
        .hasMessageContaining("401");
  }

  private static List<String> subjectsNow(SightlineTestStack stack) {
    return new SchemaProvisioner(stack.registryUrl()).subjects();
  }

  @Test
  void aProducersSerdesOnlyReadAndKeepTheWireFormat(SightlineTestStack stack) throws Exception {
    // A topic whose schema the admin has provisioned: the serdes find it, anonymously.
    TopicSpec<IntakeEvent> topic = Topics.intake(TestMembers.DE_POLICE);
    int versionsBefore = versions(stack, topic.valueSubject());
    Serde<IntakeEvent> serde = topic.valueSerde(stack.serdes());
    byte[] bytes = serde.serializer().serialize(topic.name(), RealStackTest.sighting("ro-1"));
    assertThat(bytes[0]).isZero();
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(new SchemaProvisioner(stack.registryUrl()).schemaById(id))
        .isEqualTo(new Schema.Parser().parse(IntakeEvent.getClassSchema().toString()));
    assertThat(((Sighting) serde.deserializer().deserialize(topic.name(), bytes).getPayload()))
        .extracting(Sighting::getId)
        .isEqualTo("ro-1");
    // The same id the admin's registration gave: the serdes looked it up, created nothing.
    assertThat(stack.schemaProvisioner().register(topic.valueSubject(), topic.valueSchema()))
        .isEqualTo(id);
    assertThat(versions(stack, topic.valueSubject())).isEqualTo(versionsBefore);

    // A subject nobody provisioned: the send fails rather than register a schema. (A fresh serde:
    // Apicurio's resolver caches a look-up by content, and a content id is the same whatever the
    // subject, so a serde that found the schema once reuses that id.)
    Serde<IntakeEvent> fresh = topic.valueSerde(stack.serdes());
    AtomicInteger sent = new AtomicInteger();
    Consumer<String> attempt =
        name -> {
          fresh.serializer().serialize(name, RealStackTest.sighting("ro-2"));
          sent.incrementAndGet();
        };
    assertThatThrownBy(() -> attempt.accept("never-provisioned")).isNotNull();
    assertThat(sent).hasValue(0);
    assertThat(subjectsNow(stack)).doesNotContain("never-provisioned-value");
  }

  private static int versions(SightlineTestStack stack, String subject) throws Exception {
    HttpResponse<String> r =
        send(
            stack,
            RegistrySerdes.CONFLUENT_API_PATH + "/subjects/" + subject + "/versions",
            null,
            null);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body().split(",").length;
  }
}
