package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sightline.members.Principal;
import org.sightline.testing.TestMembers;

/**
 * Through the running services: a retraction of an id the agency never sent is answered 404 at once
 * (the intake asks the processor's ledger over mutual TLS with its own certificate), and an erasure
 * the secretariat makes in the console reaches the processor, which forgets the sighting.
 */
class RetractionAndErasureEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunningSightline sightline = RunningSightline.get();
  private final HttpClient http = HttpClient.newHttpClient();
  private final HttpClient asIntake =
      sightline.stack.serviceTls(Principal.INTAKE).httpClient(Duration.ofSeconds(5));
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aRetractionOfAnIdTheAgencyNeverSentIs404NamingTheField() throws Exception {
    // Once the processor answers, the intake's question is answered too.
    awaitHeld("never-" + run, false);
    HttpResponse<String> answer = retract("never-" + run);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("field").asText()).isEqualTo("id");
    assertThat(body.path("id").asText()).isEqualTo("never-" + run);
  }

  @Test
  void anErasureFromTheConsoleMakesTheProcessorForgetTheSighting() throws Exception {
    String id = "nl-erase-" + run;
    sightline.post(
        TestMembers.NL_POLICE,
        SightingJson.url(id, "http://erase-" + run + ".example/").toString());
    awaitHeld(id, true);

    String session = login(TestMembers.SECRETARIAT_USER);
    HttpResponse<String> erased =
        postToConsole(
            "/api/v1/erasures",
            session,
            Map.of(
                "agency", TestMembers.NL_POLICE.value(), "sighting", id, "reason", "court order"));
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
    awaitHeld(id, false);
  }

  private HttpResponse<String> retract(String id) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(sightline.intake.url("/api/v1/sightings/" + id + "/retraction")))
            .header("Authorization", "Bearer " + TestMembers.apiKey(TestMembers.NL_POLICE))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Asks the processor as the intake does, until it says {@code held}. */
  private void awaitHeld(String id, boolean held) throws Exception {
    URI uri =
        URI.create(
            "https://localhost:"
                + sightline.processor.port
                + "/api/v1/sightings/held?agency="
                + TestMembers.NL_POLICE.value()
                + "&id="
                + id);
    long deadline = System.currentTimeMillis() + 90_000;
    String last = "";
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> answer =
          asIntake.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      last = answer.statusCode() + " " + answer.body();
      if (answer.statusCode() == 200
          && JSON.readTree(answer.body()).path("held").asBoolean() == held) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "the processor never said held="
            + held
            + " of "
            + id
            + " (last: "
            + last
            + ")\n"
            + sightline.logTails());
  }

  private String login(String user) throws Exception {
    HttpResponse<String> answer =
        postToConsole(
            "/api/v1/login", null, Map.of("user", user, "password", TestMembers.password(user)));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
  }

  /** A JSON POST to the console, with the session's cookie when there is one. */
  private HttpResponse<String> postToConsole(String path, String cookie, Map<String, String> body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sightline.console(path)))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
