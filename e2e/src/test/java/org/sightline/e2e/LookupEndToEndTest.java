package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.members.AgencyId;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Lookup;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * "Is this known?" through the running services, on the real broker: an agency asks the intake, the
 * request is on {@code audit.lookups} before it is answered, the processor answers from its stores
 * as the agency may see them, and the holder of a RED sighting learns that a country asked.
 */
class LookupEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunningSightline sightline = RunningSightline.get();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void anAgencyLearnsWhatItMaySeeAndTheRedHolderLearnsThatACountryAsked() throws Exception {
    String shared = "http://shared-" + run + ".example/gallery/1.html";
    String red = "http://red-" + run + ".example/p/1.html";
    sightline.post(TestMembers.NL_POLICE, SightingJson.url("nl-s-" + run, shared).toString());
    sightline.post(
        TestMembers.NL_POLICE, SightingJson.url("nl-r-" + run, red).tlp("RED").toString());
    String body =
        "{\"indicators\":["
            + "{\"type\":\"url\",\"value\":\""
            + shared
            + "\"},{\"type\":\"url\",\"value\":\""
            + red
            + "\"},{\"type\":\"sha256\",\"value\":\""
            + "d".repeat(64)
            + "\"},{\"type\":\"sha256\",\"value\":\"not-a-hash\"}]}";

    // The processor correlates asynchronously: ask until the shared URL is known.
    JsonNode answer = null;
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> response = lookup(TestMembers.DE_POLICE, body);
      assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
      if (response.statusCode() == 200) {
        answer = JSON.readTree(response.body());
        if (answer.path("results").path(0).path("known").asBoolean()
            && answer.path("results").path(1).path("known").asBoolean()) {
          break;
        }
      }
      Thread.sleep(500);
    }
    assertThat(answer).as("no answer within 90 s\n" + sightline.logTails()).isNotNull();
    JsonNode results = answer.path("results");
    assertThat(results.size()).isEqualTo(4);

    JsonNode sharedAnswer = results.get(0);
    assertThat(sharedAnswer.path("known").asBoolean()).as(sharedAnswer.toString()).isTrue();
    assertThat(sharedAnswer.path("disclosure").asText()).isEqualTo("DETAILS");
    assertThat(sharedAnswer.path("key").asText()).startsWith("url:");
    assertThat(sharedAnswer.path("agencies").asInt()).isEqualTo(1);
    assertThat(sharedAnswer.path("countries").asInt()).isEqualTo(1);
    assertThat(sharedAnswer.path("yours").asBoolean()).isFalse();

    JsonNode redAnswer = results.get(1);
    assertThat(redAnswer.path("known").asBoolean()).as(redAnswer.toString()).isTrue();
    assertThat(redAnswer.path("disclosure").asText()).isEqualTo("HIT_NO_HIT");
    assertThat(redAnswer.has("agencies")).isFalse();
    assertThat(redAnswer.has("firstSeen")).isFalse();

    assertThat(results.get(2).path("known").asBoolean()).isFalse();
    assertThat(results.get(3).path("known").asBoolean()).isFalse();
    assertThat(results.get(3).path("errors").path(0).path("field").asText())
        .isEqualTo("indicators[3].value");
    assertThat(answer.toString()).doesNotContain("nl-police", "nl-s-", "nl-r-");

    String requestId = answer.path("requestId").asText();
    List<ConsumerRecord<String, Lookup>> audited =
        sightline.stack.await(
            Topics.AUDIT_LOOKUPS,
            r -> r.value().getRequestId().equals(requestId),
            1,
            Duration.ofSeconds(30));
    assertThat(audited).as("the lookup is on the audit trail").isNotEmpty();
    assertThat(audited.stream().flatMap(r -> r.value().getKeys().stream()))
        .contains(redAnswer.path("key").asText());
    assertThat(audited.get(0).value().getAgencyId()).isEqualTo("de-police");

    List<ConsumerRecord<String, Alert>> notices =
        sightline.stack.await(
            Topics.alerts(TestMembers.NL_POLICE),
            r ->
                r.value().getReason() == AlertReason.HIT_NO_HIT
                    && redAnswer.path("key").asText().equals(r.value().getIndicator())
                    && requestId.equals(r.value().getAttributes().get("requestId")),
            1,
            Duration.ofSeconds(60));
    assertThat(notices).as("the RED holder is told\n" + sightline.logTails()).hasSize(1);
    assertThat(notices.get(0).value().getCountries()).containsExactly("DE");
    assertThat(notices.get(0).value().toString()).doesNotContain("de-police");
  }

  @Test
  void aStreamOfIndicatorsIsAnsweredLineForLineAndAudited() throws Exception {
    String url = "http://stream-" + run + ".example/x";
    sightline.post(TestMembers.JO_POLICE, SightingJson.url("jo-st-" + run, url).toString());
    String body =
        "{\"type\":\"url\",\"value\":\""
            + url
            + "\"}\nnot json\n{\"type\":\"sha256\",\"value\":\""
            + "e".repeat(64)
            + "\"}\n";
    List<String> lines = List.of();
    String requestId = null;
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(sightline.intake.url("/api/v1/lookup")))
                  .header("Authorization", "Bearer " + TestMembers.apiKey(TestMembers.DE_POLICE))
                  .header("Content-Type", "application/x-ndjson")
                  .header("Accept", "application/x-ndjson")
                  .timeout(Duration.ofSeconds(40))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      lines = response.body().lines().toList();
      requestId = response.headers().firstValue("X-Sightline-Request-Id").orElse(null);
      if (!lines.isEmpty() && JSON.readTree(lines.get(0)).path("known").asBoolean()) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(lines).as("one result per line").hasSize(3);
    assertThat(JSON.readTree(lines.get(0)).path("disclosure").asText()).isEqualTo("DETAILS");
    assertThat(JSON.readTree(lines.get(1)).path("errors").path(0).path("field").asText())
        .isEqualTo("line 2");
    assertThat(JSON.readTree(lines.get(2)).path("known").asBoolean()).isFalse();
    String id = requestId;
    assertThat(id).isNotNull();
    assertThat(
            sightline.stack.await(
                Topics.AUDIT_LOOKUPS,
                r -> r.value().getRequestId().equals(id),
                1,
                Duration.ofSeconds(30)))
        .as("the stream is on the audit trail")
        .isNotEmpty();
  }

  @Test
  void aLookupWithoutAKeyIs401AndABodyWithoutIndicatorsIs400NamingTheField() throws Exception {
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(sightline.intake.url("/api/v1/lookup")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"indicators\":[]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> bad = lookup(TestMembers.DE_POLICE, "{\"hashes\":[]}");
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).path("errors").path(0).path("field").asText())
        .isEqualTo("indicators");
  }

  private HttpResponse<String> lookup(AgencyId agency, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sightline.intake.url("/api/v1/lookup")))
            .header("Authorization", "Bearer " + TestMembers.apiKey(agency))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(40))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
