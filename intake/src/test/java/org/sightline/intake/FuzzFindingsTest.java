package org.sightline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.TestMembers;

/** What {@link IntakeFuzzTest} found, kept as plain regression tests of the default build. */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class FuzzFindingsTest {

  private static final String KEY = "Bearer " + TestMembers.apiKey(TestMembers.NL_POLICE);

  @Test
  void aContentTypeTheEndpointDoesNotReadIs415WithJsonNamingTheHeader() {
    for (String type : new String[] {"text/csv", "application/xml", "garbage"}) {
      given()
          .header("Authorization", KEY)
          .contentType(type)
          .body("{}".getBytes(StandardCharsets.UTF_8))
          .post("/api/v1/sightings")
          .then()
          .statusCode(415)
          .contentType(containsString("json"))
          .body("field", equalTo("Content-Type"))
          .body("error", containsString(type));
    }
  }

  @Test
  void aRetractionWithAnEmptyIdIs404WithJsonNotAPage() {
    given()
        .header("Authorization", KEY)
        .contentType("application/json")
        .post("/api/v1/sightings//retraction")
        .then()
        .statusCode(404)
        .contentType(containsString("json"))
        .body("error", containsString("must not be empty"));
  }

  @Test
  void aFieldWithAnEmptyNameIsNamedInTheError() {
    given()
        .header("Authorization", KEY)
        .contentType("application/json")
        .body("{\"\":1}".getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/sightings")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("(empty name)"));
  }
}
