package org.sightline.consumers.hashes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.imports.ImportDefaults;
import org.sightline.imports.ImportFormat;
import org.sightline.imports.ImportItem;
import org.sightline.imports.ImportReader;
import org.sightline.schema.Category;
import org.sightline.schema.HashDownload;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.KnownHash;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * The known-hash list on the real broker: written to {@code hashes.known} as the processor writes
 * it (entries and tombstones), downloaded by an agency as VICS 2.0 and parsed back by the project's
 * own VICS reader, by a platform as CSV, incrementally, and by nobody else; every request audited.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class HashListResourceTest {

  @io.quarkus.test.common.http.TestHTTPResource(value = "/health/live", management = true)
  java.net.URL live;

  @Test
  void itsReaderIsPartOfTheServicesLiveness() {
    given()
        .get(live)
        .then()
        .statusCode(200)
        .body(
            "checks.find { it.name == 'known-hash-reader' }.status",
            org.hamcrest.Matchers.is("UP"));
  }

  private static final String SHA256 = "1f".repeat(32);
  private static final String MD5 = "ab".repeat(16);
  private static final String SHA1 = "cd".repeat(20);
  private static final String PDQ = "f0".repeat(32);
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void agenciesAndPlatformsDownloadTheListAndNobodyElse() throws Exception {
    publish(entry(IndicatorType.SHA256, SHA256), entry(IndicatorType.MD5, MD5));
    publish(entry(IndicatorType.SHA1, SHA1), entry(IndicatorType.PDQ, PDQ));
    String agencyKey = TestMembers.apiKey(TestMembers.NL_POLICE);
    String platformKey = TestMembers.accessProviderKey(TestMembers.KE_PLATFORM);
    awaitCount(agencyKey, 4);

    // VICS 2.0, read back by the importer the intake uses for VICS hash sets.
    String vics = get(agencyKey, "/api/v1/hashes/known.json").asString();
    List<ImportItem> items = new ArrayList<>();
    try (ImportReader reader =
        ImportReader.open(
            ImportFormat.VICS,
            new ByteArrayInputStream(vics.getBytes(StandardCharsets.UTF_8)),
            new ImportDefaults("GREEN", null, 80, null, null))) {
      for (ImportItem item = reader.next(); item != null; item = reader.next()) {
        items.add(item);
      }
    }
    assertThat(items).allSatisfy(i -> assertThat(i.errors()).isEmpty());
    assertThat(items)
        .extracting(
            i ->
                i.sighting().path("indicator").path("type").asText()
                    + ":"
                    + i.sighting().path("indicator").path("value").asText().toLowerCase())
        .containsExactlyInAnyOrder("sha256:" + SHA256, "md5:" + MD5, "sha1:" + SHA1, "pdq:" + PDQ);
    assertThat(items)
        .allSatisfy(i -> assertThat(i.sighting().path("category").asText()).isEqualTo("CSAM"));
    assertThat(vics).doesNotContain("police", "NL\"");

    // A platform reads CSV, then only what changed since.
    ExtractableResponse<Response> whole = get(platformKey, "/api/v1/hashes/known.csv");
    assertThat(whole.asString())
        .startsWith("type,hash,category,listed_at\r\n")
        .contains("sha256," + SHA256 + ",CSAM,2026-12-01T10:00:00Z\r\n");
    String version = whole.header("X-Hashes-Version");
    String added = "2a".repeat(32);
    publish(tombstone("md5:" + MD5), entry(IndicatorType.SHA256, added));
    awaitCount(agencyKey, 4);
    String changes =
        given()
            .header("Authorization", "Bearer " + platformKey)
            .queryParam("since", version)
            .get("/api/v1/hashes/known.csv")
            .then()
            .statusCode(200)
            .header("X-Hashes-Full", "false")
            .extract()
            .asString();
    assertThat(changes)
        .startsWith("change,type,hash,category,listed_at\r\n")
        .contains("added,sha256," + added + ",CSAM,")
        .contains("removed,md5," + MD5 + ",,\r\n")
        .doesNotContain(SHA1);

    // An access provider's key opens the IWOL feed, not this; no key opens nothing.
    given()
        .header("Authorization", "Bearer " + TestMembers.accessProviderKey(TestMembers.NL_ISP))
        .get("/api/v1/hashes/known.csv")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("invalid_token"));
    given()
        .get("/api/v1/hashes/known.json")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("sightline-hashes"));
    // And a platform's key opens nothing but this list.
    given()
        .header("Authorization", "Bearer " + platformKey)
        .get("/api/v1/iwol/domains.txt")
        .then()
        .statusCode(401);

    List<HashDownload> audited =
        SightlineTestStack.get()
            .await(Topics.HASHES_DOWNLOADS, r -> true, 6, Duration.ofSeconds(20))
            .stream()
            .map(r -> r.value())
            .toList();
    assertThat(audited)
        .extracting(HashDownload::getPrincipalKind)
        .contains("agency", "platform", "unauthenticated");
    assertThat(audited)
        .filteredOn(d -> d.getPrincipalKind().equals("platform"))
        .allSatisfy(d -> assertThat(d.getPrincipal()).isEqualTo(TestMembers.KE_PLATFORM));
  }

  @Test
  void theSecretariatDelistsAHashAndOnlyTheSecretariat() {
    String key = "sha256:" + "3c".repeat(32);
    org.sightline.consumers.TestAlerts.as(TestMembers.NL_ANALYST)
        .contentType("application/json")
        .body(java.util.Map.of("key", key, "reason", "false positive"))
        .post("/api/v1/hash-delistings")
        .then()
        .statusCode(403);
    org.sightline.consumers.TestAlerts.asSecretariat()
        .contentType("application/json")
        .body(java.util.Map.of("key", "url:http://x.example/", "reason", "false positive"))
        .post("/api/v1/hash-delistings")
        .then()
        .statusCode(400)
        .body("error", containsString("'key'"));
    org.sightline.consumers.TestAlerts.asSecretariat()
        .contentType("application/json")
        .body(java.util.Map.of("key", key.toUpperCase()))
        .post("/api/v1/hash-delistings")
        .then()
        .statusCode(400)
        .body("error", containsString("'reason'"));
    org.sightline.consumers.TestAlerts.asSecretariat()
        .contentType("application/json")
        .body(java.util.Map.of("key", key.toUpperCase(), "reason", "a common icon"))
        .post("/api/v1/hash-delistings")
        .then()
        .statusCode(202);
    var written =
        SightlineTestStack.get()
            .await(Topics.HASHES_DELISTINGS, r -> key.equals(r.key()), 1, Duration.ofSeconds(20));
    assertThat(written)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.value().getKey()).isEqualTo(key);
              assertThat(r.value().getRequestedBy())
                  .isEqualTo("console:" + TestMembers.SECRETARIAT_USER);
              assertThat(r.value().getReason()).isEqualTo("a common icon");
            });
  }

  private static ExtractableResponse<Response> get(String key, String path) {
    return given()
        .header("Authorization", "Bearer " + key)
        .get(path)
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .extract();
  }

  /** Waits until the list holds {@code n} hashes (it is read from the topic in the background). */
  private static void awaitCount(String key, int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    int lines = -1;
    while (System.currentTimeMillis() < deadline) {
      Response response =
          given().header("Authorization", "Bearer " + key).get("/api/v1/hashes/known.csv");
      if (response.statusCode() == 200) {
        lines = response.asString().split("\r\n").length - 1;
        if (lines == n) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the list held " + lines + " hashes, not " + n);
  }

  private static KnownHash entry(IndicatorType type, String value) {
    return KnownHash.newBuilder()
        .setKey(type.name().toLowerCase() + ":" + value)
        .setType(type)
        .setValue(value)
        .setCategory(Category.CSAM)
        .setListedAt(AT)
        .build();
  }

  private static KnownHash tombstone(String key) {
    // Marks the key only: published with a null value.
    return KnownHash.newBuilder()
        .setKey(key)
        .setType(IndicatorType.MD5)
        .setValue("")
        .setCategory(Category.CSAM)
        .setListedAt(AT)
        .build();
  }

  private static void publish(KnownHash... entries) throws Exception {
    try (KafkaProducer<String, KnownHash> producer =
        SightlineTestStack.get().producer(Topics.HASHES_KNOWN)) {
      for (KnownHash e : entries) {
        boolean tomb = e.getValue().isEmpty();
        producer
            .send(new ProducerRecord<>(Topics.HASHES_KNOWN.name(), e.getKey(), tomb ? null : e))
            .get(15, TimeUnit.SECONDS);
      }
    }
  }
}
