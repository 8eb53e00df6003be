package org.sightline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.TestMembers;

/** Prometheus series, the OpenAPI document, Swagger UI and the readiness of the receipt index. */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class ObservabilityTest {

  /** Health and metrics are on the management interface (its own port, loopback only). */
  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  @Test
  void acceptedRejectedAndLatencyAreExposedToPrometheus() {
    String id = "m-" + UUID.randomUUID();
    given()
        .header("Authorization", "Bearer " + TestMembers.apiKey(TestMembers.NL_POLICE))
        .contentType("application/x-ndjson")
        .body(
            (IdempotenceTest.json(id, "http://" + id + ".example/") + "\n{\"id\":\"x\"}\n")
                .getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/sightings/batch")
        .then()
        .statusCode(200);
    given()
        .get(metrics)
        .then()
        .statusCode(200)
        .body(
            containsString("sightline_intake_accepted_total{endpoint=\"batch\",format=\"ndjson\"}"))
        .body(
            containsString(
                "sightline_intake_rejected_total{endpoint=\"batch\",reason=\"indicator\"}"))
        .body(containsString("sightline_intake_request_seconds_bucket{endpoint=\"batch\""));
  }

  @Test
  void theOpenApiDocumentAndSwaggerUiAreServed() {
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/sightings/batch"))
        .body(containsString("/api/v1/sightings/{id}/retraction"))
        .body(containsString("agencyKey"));
    given().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void healthAndMetricsAreNotOnThePublicPort() {
    given().get("/q/metrics").then().statusCode(404);
    given().get("/q/health").then().statusCode(404);
  }

  @Test
  void readinessIncludesTheReceiptIndex() {
    given().get(ready).then().statusCode(200).body(containsString("receipt-index"));
  }
}
