package org.sightline.consumers.iwol;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Category;
import org.sightline.schema.IwolDownload;
import org.sightline.schema.IwolEntry;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;
import org.xbill.DNS.Name;
import org.xbill.DNS.Zone;

/**
 * The feed through the real broker and registry: entries and tombstones published to {@code
 * iwol.domains} as the processor writes them, every format read back with a standard parser, and
 * the audit trail read from {@code iwol.downloads}.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class IwolResourceTest {

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  private static final String PROVIDER_KEY = TestMembers.accessProviderKey(TestMembers.NL_ISP);
  private static final String BASE = "/api/v1/iwol";

  @Test
  void everyFormatReadsBackWithAStandardParser() throws Exception {
    String listed = domain("listed");
    String delisted = domain("delisted");
    Instant listedAt = Instant.parse("2026-11-20T10:15:00Z");
    publish(listed, entry(listed, listedAt, Category.BASELINE_CSAM));
    publish(delisted, entry(delisted, listedAt, Category.BASELINE_CSAM));
    publish(delisted, null);
    awaitText(lines -> lines.contains(listed) && !lines.contains(delisted));

    Response text = download("/domains.txt");
    text.then().statusCode(200).contentType(startsWith("text/plain"));
    List<String> lines = text.asString().lines().toList();
    assertThat(lines).contains(listed).doesNotContain(delisted).isSorted();
    assertThat(lines).as("pure domains, no comment lines").allMatch(l -> l.matches("[a-z0-9.-]+"));
    assertThat(text.header(IwolDownloads.VERSION_HEADER)).matches("[0-9a-f]+:[0-9]+");

    Response csv = download("/domains.csv");
    csv.then().statusCode(200).contentType(startsWith("text/csv"));
    List<CSVRecord> records = DomainsCsvTest.parse(csv.asString());
    assertThat(records.get(0).getParser().getHeaderNames())
        .containsExactly("domain", "added_at", "category", "expires_at");
    CSVRecord row =
        records.stream().filter(r -> r.get("domain").equals(listed)).findFirst().orElseThrow();
    assertThat(row.get("added_at")).isEqualTo("2026-11-20T10:15:00Z");
    assertThat(row.get("category")).isEqualTo("BASELINE_CSAM");
    assertThat(records).noneMatch(r -> r.get("domain").equals(delisted));

    Response zoneFile = download("/rpz.zone");
    zoneFile.then().statusCode(200);
    Zone zone = RpzZoneTest.load("rpz.sightline.local.", zoneFile.asString());
    Name stop = Name.fromString("stop.sightline.local.");
    assertThat(RpzZoneTest.stopPageOf(zone, listed + ".rpz.sightline.local.")).isEqualTo(stop);
    assertThat(RpzZoneTest.stopPageOf(zone, "*." + listed + ".rpz.sightline.local."))
        .isEqualTo(stop);
    assertThat(RpzZoneTest.stopPageOf(zone, delisted + ".rpz.sightline.local.")).isNull();
    assertThat(RpzZoneTest.stopPageOf(zone, "*." + delisted + ".rpz.sightline.local.")).isNull();
    String version = zoneFile.header(IwolDownloads.VERSION_HEADER);
    assertThat(zone.getSOA().getSerial())
        .isEqualTo(Long.parseLong(version.substring(version.indexOf(':') + 1)));
  }

  @Test
  void anIncrementalDownloadNamesOnlyWhatChangedSince() throws Exception {
    String kept = domain("kept");
    String dropped = domain("dropped");
    Instant at = Instant.parse("2026-11-21T08:00:00Z");
    publish(kept, entry(kept, at, Category.BASELINE_CSAM));
    publish(dropped, entry(dropped, at, Category.BASELINE_CSAM));
    Response full = awaitChanges(null, c -> c.jsonPath().getList("added.domain").contains(dropped));
    full.then().body("full", equalTo(true));
    String beforeDelisting = full.jsonPath().getString("version");
    assertThat(full.header(IwolDownloads.VERSION_HEADER)).isEqualTo(beforeDelisting);

    publish(dropped, null);
    Response changes =
        awaitChanges(
            beforeDelisting, c -> c.jsonPath().getList("removed", String.class).contains(dropped));
    changes.then().body("full", equalTo(false));
    assertThat(changes.jsonPath().getList("added.domain", String.class))
        .doesNotContain(dropped, kept);
    assertThat(changes.jsonPath().getString("version")).isNotEqualTo(beforeDelisting);

    Response csv =
        given()
            .header("Authorization", "Bearer " + PROVIDER_KEY)
            .queryParam("since", beforeDelisting)
            .get(BASE + "/domains.csv");
    csv.then().statusCode(200).header(IwolDownloads.FULL_HEADER, "false");
    List<CSVRecord> rows = DomainsCsvTest.parse(csv.asString());
    assertThat(rows)
        .anySatisfy(
            r -> {
              assertThat(r.get("change")).isEqualTo("removed");
              assertThat(r.get("domain")).isEqualTo(dropped);
            });
    assertThat(rows).noneMatch(r -> r.get("domain").equals(kept));

    String epoch = beforeDelisting.substring(0, beforeDelisting.indexOf(':'));
    String otherEpoch = epoch.equals("0") ? "1" : "0";
    for (String unusable : List.of(otherEpoch + ":1", epoch + ":999999999", "yesterday")) {
      Response answer = changes(unusable);
      answer.then().statusCode(200).body("full", equalTo(true));
      assertThat(answer.jsonPath().getList("added.domain", String.class))
          .as("the whole list for since=%s", unusable)
          .contains(kept)
          .doesNotContain(dropped);
    }
  }

  @Test
  void withoutAnAccessProviderKeyEveryFormatIs401AndAudited() throws Exception {
    Instant start = Instant.now();
    given()
        .get(BASE + "/domains.txt")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("error", containsString("API key"));
    given()
        .header("Authorization", "Bearer not-a-key")
        .get(BASE + "/domains.csv")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("invalid_token"));
    given()
        .header("Authorization", "Bearer " + TestMembers.apiKey(TestMembers.NL_POLICE))
        .get(BASE + "/rpz.zone")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"));
    given()
        .header("Authorization", "Bearer " + TestMembers.apiKey(TestMembers.DE_POLICE))
        .queryParam("since", "0:0")
        .get(BASE + "/changes")
        .then()
        .statusCode(401);

    for (String format : List.of("txt", "csv", "rpz", "changes")) {
      IwolDownload refused =
          awaitAudit(
              d ->
                  d.getStatus() == 401
                      && d.getFormat().equals(format)
                      && !d.getAt().isBefore(start.minusSeconds(1)));
      assertThat(refused.getAccessProvider()).isEqualTo(IwolAudit.UNAUTHENTICATED);
      assertThat(refused.getEntries()).isZero();
      assertThat(refused.getRemoteAddress()).isNotBlank();
    }
  }

  @Test
  void aServedDownloadIsAuditedWithProviderVersionAndEntries() throws Exception {
    String listed = domain("audited");
    publish(listed, entry(listed, Instant.now(), Category.BASELINE_CSAM));
    awaitText(lines -> lines.contains(listed));
    Instant start = Instant.now();

    Response text = download("/domains.txt");
    String version = text.header(IwolDownloads.VERSION_HEADER);
    long entries = text.asString().lines().count();

    IwolDownload served =
        awaitAudit(
            d ->
                d.getStatus() == 200
                    && d.getFormat().equals("txt")
                    && (d.getEpoch() + ":" + d.getVersion()).equals(version)
                    && !d.getAt().isBefore(start.minusSeconds(1)));
    assertThat(served.getAccessProvider()).isEqualTo(TestMembers.NL_ISP);
    assertThat(served.getEntries()).isEqualTo((int) entries);
    assertThat(served.getSinceVersion()).isNull();
    assertThat(served.getRemoteAddress()).isNotBlank();
  }

  @Test
  void theServiceIsReadyOnceTheListIsLoaded() {
    given()
        .get(ready)
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'iwol-list' }.status", equalTo("UP"));
  }

  private static String domain(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
  }

  private static IwolEntry entry(String domain, Instant listedAt, Category category) {
    return IwolEntry.newBuilder()
        .setDomain(domain)
        .setListedAt(listedAt)
        .setCategory(category)
        .setExpiresAt(listedAt.plus(java.time.Duration.ofDays(90)))
        .build();
  }

  /**
   * An entry, or a tombstone when {@code entry} is null, keyed by the domain as the processor does.
   */
  private static void publish(String domain, IwolEntry entry) throws Exception {
    try (KafkaProducer<String, IwolEntry> producer =
        SightlineTestStack.get().producer(Topics.IWOL_DOMAINS)) {
      producer
          .send(new ProducerRecord<>(Topics.IWOL_DOMAINS.name(), domain, entry))
          .get(15, TimeUnit.SECONDS);
    }
  }

  private static Response download(String path) {
    return given().header("Authorization", "Bearer " + PROVIDER_KEY).get(BASE + path);
  }

  private static Response changes(String since) {
    var request = given().header("Authorization", "Bearer " + PROVIDER_KEY);
    if (since != null) {
      request = request.queryParam("since", since);
    }
    return request.get(BASE + "/changes");
  }

  private static void awaitText(Predicate<List<String>> done) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    List<String> lines = List.of();
    while (System.currentTimeMillis() < deadline) {
      Response text = download("/domains.txt");
      if (text.statusCode() == 200) {
        lines = text.asString().lines().toList();
        if (done.test(lines)) {
          return;
        }
      }
      Thread.sleep(200);
    }
    assertThat(done.test(lines)).as("domains.txt after 20 s: %s", lines).isTrue();
  }

  private static Response awaitChanges(String since, Predicate<Response> done)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    Response last = null;
    while (System.currentTimeMillis() < deadline) {
      last = changes(since);
      if (last.statusCode() == 200 && done.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "changes since " + since + " after 20 s: " + (last == null ? "" : last.asString()));
  }

  private static IwolDownload awaitAudit(Predicate<IwolDownload> wanted) {
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, IwolDownload> consumer =
        SightlineTestStack.get()
            .consumer(Topics.IWOL_DOWNLOADS, "iwol-audit-test-" + UUID.randomUUID())) {
      consumer.subscribe(List.of(Topics.IWOL_DOWNLOADS.name()));
      long deadline = System.currentTimeMillis() + 20_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, IwolDownload> record : consumer.poll(Duration.ofMillis(500))) {
          if (wanted.test(record.value())) {
            assertThat(record.key()).isEqualTo(record.value().getAccessProvider());
            return record.value();
          }
          seen.add(record.value().toString());
        }
      }
    }
    throw new AssertionError(
        "no such audit record after 20 s; seen: " + seen.stream().limit(50).toList());
  }
}
