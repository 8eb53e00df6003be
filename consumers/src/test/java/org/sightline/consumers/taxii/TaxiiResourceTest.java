package org.sightline.consumers.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.members.CountryCode;
import org.sightline.schema.AlertReason;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * The TAXII 2.1 server through a client written from the specification alone (discovery, API root,
 * collections, objects with paging), on the real broker and registry.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class TaxiiResourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TAXII = "application/taxii+json;version=2.1";

  @TestHTTPResource("/taxii2/")
  URL discovery;

  /** A TAXII 2.1 client: Accept and Basic on every request, JSON back. */
  record Client(String user, String password) {
    HttpResponse<String> get(String url, String accept) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(30))
              .header("Accept", accept);
      if (user != null) {
        request.header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
      }
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String url) throws Exception {
      HttpResponse<String> r = get(url, TAXII);
      assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/taxii+json");
      return JSON.readTree(r.body());
    }

    static Client as(String user) {
      return new Client(user, TestMembers.password(user));
    }
  }

  @Test
  void aCountrysAnalystPollsItsAlertsPageByPageAndNothingElse() throws Exception {
    String run = UUID.randomUUID().toString();
    // Other tests fill NL's history too: this one asks for what was added after it began.
    String began = java.time.Instant.now().minusSeconds(1).toString();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id = "taxii-nl-" + i + "-" + run;
      ids.add(id);
      TestAlerts.publish(
          Topics.alerts(CountryCode.of("NL")),
          TestAlerts.alert(id, "NL", AlertReason.CROSS_BORDER_MATCH).build());
    }
    String deId = "taxii-de-" + run;
    TestAlerts.publish(
        Topics.alerts(CountryCode.of("DE")),
        TestAlerts.alert(deId, "DE", AlertReason.CROSS_BORDER_MATCH).build());
    TestAlerts.awaitAlert("NL", ids.get(3));
    TestAlerts.awaitAlert("DE", deId);

    Client nl = Client.as(TestMembers.NL_ANALYST);
    JsonNode server = nl.json(discovery.toString());
    String root = server.get("default").asText();
    assertThat(server.get("api_roots")).extracting(JsonNode::asText).containsExactly(root);
    assertThat(nl.json(root).get("versions")).extracting(JsonNode::asText).contains(TAXII);
    JsonNode collections = nl.json(root + "collections/").get("collections");
    assertThat(collections).hasSize(1);
    JsonNode collection = collections.get(0);
    assertThat(collection.get("title").asText()).isEqualTo("Alerts for NL");
    assertThat(collection.get("can_read").asBoolean()).isTrue();
    assertThat(collection.get("can_write").asBoolean()).isFalse();
    String objectsUrl = root + "collections/" + collection.get("id").asText() + "/objects/";

    List<JsonNode> objects = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      JsonNode envelope =
          nl.json(
              objectsUrl
                  + "?added_after="
                  + began
                  + "&limit=8"
                  + (next == null ? "" : "&next=" + next));
      envelope.get("objects").forEach(objects::add);
      assertThat(envelope.get("objects").size()).isLessThanOrEqualTo(8);
      next = envelope.path("more").asBoolean() ? envelope.get("next").asText() : null;
      pages++;
    } while (next != null && pages < 100);
    assertThat(pages).isGreaterThan(1);
    String all = objects.toString();
    for (String id : ids) {
      assertThat(all).contains("url:http://example.com/" + id);
    }
    assertThat(all).doesNotContain(deId).doesNotContain("nl-police").doesNotContain("de-police");

    // The DE collection is not the NL analyst's: it does not exist for them.
    JsonNode deCollection =
        Client.as(TestMembers.DE_ANALYST).json(root + "collections/").get("collections").get(0);
    HttpResponse<String> foreign =
        nl.get(root + "collections/" + deCollection.get("id").asText() + "/objects/", TAXII);
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(foreign.body()).get("http_status").asText()).isEqualTo("404");

    // Every read is on the console's audit trail.
    TestAlerts.eventually(
        () ->
            TestAlerts.asSecretariat()
                .queryParam("q", collection.get("id").asText())
                .get("/api/v1/audit/console-views")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("taxii-objects")));
  }

  @Test
  void withoutAUserOrWithAnotherMediaTypeTheServerSaysWhy() throws Exception {
    HttpResponse<String> anonymous = new Client(null, null).get(discovery.toString(), TAXII);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
    HttpResponse<String> wrong =
        new Client(TestMembers.NL_ANALYST, "not-the-password").get(discovery.toString(), TAXII);
    assertThat(wrong.statusCode()).isEqualTo(401);
    HttpResponse<String> html =
        Client.as(TestMembers.NL_ANALYST).get(discovery.toString(), "text/html");
    assertThat(html.statusCode()).isEqualTo(406);
    Client nl = Client.as(TestMembers.NL_ANALYST);
    String root = nl.json(discovery.toString()).get("default").asText();
    String id = nl.json(root + "collections/").get("collections").get(0).get("id").asText();
    HttpResponse<String> badLimit = nl.get(root + "collections/" + id + "/objects/?limit=0", TAXII);
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badLimit.body()).get("description").asText()).contains("limit");
  }
}
