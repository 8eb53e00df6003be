package org.sightline.consumers.audit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.TestMembers;

/**
 * The secretariat reads the audit trails on the real broker: an analyst's looks at NL's alerts are
 * found by the analyst's id in the last day's console views, newest first; nobody else may read
 * them, and a bad trail or window names the parameter.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class AuditTrailResourceTest {

  @Test
  void theSecretariatFindsAnAnalystsLooksInTheConsoleViews() {
    TestAlerts.as(TestMembers.NL_ANALYST_2)
        .queryParam("country", "NL")
        .get("/api/v1/alerts")
        .then()
        .statusCode(200);
    TestAlerts.asSecretariat()
        .queryParam("q", TestMembers.NL_ANALYST_2)
        .get("/api/v1/audit/console-views")
        .then()
        .statusCode(200)
        .body("trail", is("console-views"))
        .body("matched", greaterThanOrEqualTo(1))
        .body("entries.record.user", everyItem(is(TestMembers.NL_ANALYST_2)))
        .body("entries.record.recipient", hasItem("NL"));
    TestAlerts.asSecretariat()
        .queryParam("q", TestMembers.NL_ANALYST_2)
        .queryParam("limit", 1)
        .get("/api/v1/audit/console-views")
        .then()
        .body("entries.size()", is(1));
    // The secretariat's own reading is on the trail too.
    TestAlerts.asSecretariat()
        .queryParam("q", "audit-console-views")
        .get("/api/v1/audit/console-views")
        .then()
        .body("entries.record.view", hasItem("audit-console-views"));
  }

  @Test
  void onlyTheSecretariatReadsTheTrailsAndABadRequestNamesTheParameter() {
    TestAlerts.as(TestMembers.NL_ANALYST).get("/api/v1/audit/console-views").then().statusCode(403);
    TestAlerts.asSecretariat()
        .get("/api/v1/audit/secrets")
        .then()
        .statusCode(400)
        .body("error", containsString("'trail'"));
    TestAlerts.asSecretariat()
        .queryParam("from", "yesterday")
        .get("/api/v1/audit/lookups")
        .then()
        .statusCode(400)
        .body("error", containsString("'from'"));
    TestAlerts.asSecretariat()
        .queryParam("limit", 501)
        .get("/api/v1/audit/iwol-downloads")
        .then()
        .statusCode(400)
        .body("error", containsString("'limit'"));
    TestAlerts.asSecretariat().get("/api/v1/audit/hash-downloads").then().statusCode(200);
  }
}
