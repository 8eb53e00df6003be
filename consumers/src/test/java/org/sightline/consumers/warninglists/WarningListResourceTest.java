package org.sightline.consumers.warninglists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.schema.WarningListAction;
import org.sightline.schema.WarningListChange;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * The secretariat manages warning lists on the real broker: a change is on {@code
 * warninglists.changes} in canonical form, as the processor reads it, and the page's list follows
 * the topic.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class WarningListResourceTest {

  private static final String BASE = "/api/v1/warning-lists";

  @Test
  void aPatternIsAddedInCanonicalFormListedAndRemoved() throws Exception {
    String domain = "wl-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(
            Map.of(
                "pattern",
                "*." + domain.toUpperCase(),
                "list",
                "file-hosting",
                "note",
                "a file host"))
        .post(BASE)
        .then()
        .statusCode(202)
        .body("pattern", is("*." + domain))
        .body("action", is("ADD"));
    ConsumerRecord<String, WarningListChange> written =
        SightlineTestStack.get()
            .await(
                Topics.WARNINGLISTS_CHANGES,
                r -> ("*." + domain).equals(r.key()),
                1,
                Duration.ofSeconds(20))
            .get(0);
    assertThat(written.value().getAction()).isEqualTo(WarningListAction.ADD);
    assertThat(written.value().getList()).isEqualTo("file-hosting");
    assertThat(written.value().getRequestedBy())
        .isEqualTo("console:" + TestMembers.SECRETARIAT_USER);

    TestAlerts.eventually(
        () ->
            TestAlerts.as(TestMembers.SECRETARIAT_USER)
                .get(BASE)
                .then()
                .statusCode(200)
                .body("pattern", hasItem("*." + domain)));

    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("pattern", "*." + domain, "note", "no longer a file host"))
        .post(BASE + "/removals")
        .then()
        .statusCode(202)
        .body("action", is("REMOVE"));
    TestAlerts.eventually(
        () ->
            TestAlerts.as(TestMembers.SECRETARIAT_USER)
                .get(BASE)
                .then()
                .body("pattern", not(hasItem("*." + domain))));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("pattern", "*." + domain))
        .post(BASE + "/removals")
        .then()
        .statusCode(409)
        .body("error", containsString("not on a managed warning list"));
  }

  @Test
  void aBadPatternOrListNamesTheFieldAndOnlyTheSecretariatMay() {
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("pattern", "*.www.example.com"))
        .post(BASE)
        .then()
        .statusCode(400)
        .body("error", containsString("'pattern' a wildcard names a registrable domain"));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("pattern", "cidr:192.0.2.0/40"))
        .post(BASE)
        .then()
        .statusCode(400)
        .body("error", containsString("'pattern'"));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("pattern", "host:cdn.example.com", "list", "Not A List!"))
        .post(BASE)
        .then()
        .statusCode(400)
        .body("error", containsString("'list'"));
    TestAlerts.as(TestMembers.NL_ANALYST)
        .contentType("application/json")
        .body(Map.of("pattern", "host:cdn.example.com"))
        .post(BASE)
        .then()
        .statusCode(403);
    TestAlerts.as(TestMembers.NL_ANALYST).get(BASE).then().statusCode(403);
  }
}
