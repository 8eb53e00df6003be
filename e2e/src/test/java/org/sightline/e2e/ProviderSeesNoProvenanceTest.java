package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.sightline.members.AgencyId;
import org.sightline.schema.IwolDownload;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * Private companies get the "worst of" list, never who reported what, on any path. Two agencies of
 * two countries report "worst of" material with case references; once the secretariat has approved
 * the proposed domain and it is listed, an access provider takes every format of the feed, and
 * neither those answers nor the list's topic (which no provider may read: it has no broker login,
 * see BrokerSecurityTest) hold an agency id, a reporting country, a case reference or a sighting
 * id; every download is on the audit trail.
 */
class ProviderSeesNoProvenanceTest {

  private final RunningSightline sightline = RunningSightline.get();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void theFeedAndTheListTopicNameNoAgencyCountryCaseOrSighting() throws Exception {
    java.time.Instant start = java.time.Instant.now().minusSeconds(1);
    String domain = "provenance-" + run + ".example";
    List<String> secrets = new ArrayList<>();
    post(TestMembers.NL_POLICE, "nl-prov-" + run, domain, "CASE-NL-" + run, secrets);
    post(TestMembers.DE_POLICE, "de-prov-" + run, domain, "CASE-DE-" + run, secrets);
    secrets.addAll(
        List.of(
            TestMembers.NL_POLICE.value(),
            TestMembers.DE_POLICE.value(),
            "agency",
            "police",
            "supporting"));

    String key = TestMembers.accessProviderKey(TestMembers.NL_ISP);
    // Proposed first; listed once the secretariat approves it.
    sightline.approveWhenProposed(domain);
    long deadline = System.currentTimeMillis() + 90_000;
    while (!get("/api/v1/iwol/domains.txt", key).body().contains(domain)) {
      assertThat(System.currentTimeMillis())
          .as("the domain listed within 90 s\n" + sightline.logTails())
          .isLessThan(deadline);
      Thread.sleep(500);
    }

    List<String> paths =
        List.of(
            "/api/v1/iwol/domains.txt",
            "/api/v1/iwol/domains.csv",
            "/api/v1/iwol/domains.csv?since=0:0",
            "/api/v1/iwol/rpz.zone",
            "/api/v1/iwol/changes",
            "/api/v1/iwol/changes?since=0:0");
    for (String path : paths) {
      HttpResponse<String> answer = get(path, key);
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      String everything = answer.headers().map() + "\n" + answer.body();
      assertThat(everything).as(path).contains(domain.substring(0, 12));
      assertThat(everything).as(path).doesNotContain(secrets);
      // No reporting country as a field: the country codes of the two reporters as tokens.
      assertThat(answer.body()).as(path).doesNotContainPattern("(?<![A-Za-z])(NL|DE)(?![A-Za-z])");
    }

    // The topic behind the feed: raw bytes, as anyone with a broker login could read them.
    String raw = rawRecordsOf(Topics.IWOL_DOMAINS.name(), domain);
    assertThat(raw).as("the list's records of " + domain).contains(domain);
    assertThat(raw).doesNotContain(secrets);

    // Every download is on the audit trail, with the provider's id.
    List<IwolDownload> downloads = downloadsOf(TestMembers.NL_ISP, start, paths.size());
    assertThat(downloads).hasSizeGreaterThanOrEqualTo(paths.size());
  }

  private void post(
      AgencyId agency, String id, String domain, String caseRef, List<String> secrets) {
    secrets.add(id);
    secrets.add(caseRef);
    sightline.post(
        agency,
        SightingJson.url(id, "http://" + domain + "/" + id)
            .category("BASELINE_CSAM")
            .caseRef(caseRef)
            .toString());
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sightline.console(path)))
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String rawRecordsOf(String topic, String domain) {
    StringBuilder raw = new StringBuilder();
    Map<String, Object> props = new HashMap<>(sightline.stack.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-raw-" + run);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (!raw.toString().contains(domain) && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (domain.equals(r.key()) && r.value() != null) {
            raw.append(r.key()).append(' ');
            raw.append(new String(r.value(), StandardCharsets.ISO_8859_1)).append('\n');
          }
        }
      }
    }
    return raw.toString();
  }

  private List<IwolDownload> downloadsOf(String provider, java.time.Instant since, int atLeast) {
    List<IwolDownload> ours = new ArrayList<>();
    try (KafkaConsumer<String, IwolDownload> consumer =
        sightline.stack.consumer(Topics.IWOL_DOWNLOADS, "e2e-downloads-" + run)) {
      consumer.subscribe(List.of(Topics.IWOL_DOWNLOADS.name()));
      long deadline = System.currentTimeMillis() + 30_000;
      while (ours.size() < atLeast && System.currentTimeMillis() < deadline) {
        consumer
            .poll(Duration.ofMillis(500))
            .forEach(
                r -> {
                  if (provider.equals(r.value().getAccessProvider())
                      && !r.value().getAt().isBefore(since)
                      && r.value().getStatus() == 200) {
                    ours.add(r.value());
                  }
                });
      }
    }
    return ours;
  }
}
