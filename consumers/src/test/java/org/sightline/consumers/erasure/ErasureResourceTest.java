package org.sightline.consumers.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.erasure.ErasureRequests;
import org.sightline.schema.Erasure;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * Erasures from the console reach erasure.requests on the real broker, from the secretariat only.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class ErasureResourceTest {

  @Test
  void theSecretariatErasesOneSightingOrAWholeAgencyAndIsNamedOnTheRecord() {
    String sighting = "erase-" + UUID.randomUUID();
    String reason = "court order " + UUID.randomUUID();
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("agency", "nl-police", "sighting", sighting, "reason", reason))
        .post("/api/v1/erasures")
        .then()
        .statusCode(202)
        .body("records", is(1))
        .body("requestedBy", is("console:" + TestMembers.SECRETARIAT_USER));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("agency", "jo-police", "allSightings", true, "reason", reason))
        .post("/api/v1/erasures")
        .then()
        .statusCode(202)
        .body("records", is(SightlineTestStack.PARTITIONS));

    List<ConsumerRecord<String, Erasure>> written = read(reason, 1 + SightlineTestStack.PARTITIONS);
    assertThat(written)
        .filteredOn(r -> sighting.equals(r.value().getSightingId()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key()).as("keyed to the sighting's partition").isEqualTo(sighting);
              assertThat(r.value().getAgencyId()).isEqualTo("nl-police");
              assertThat(r.value().getRequestedBy())
                  .isEqualTo("console:" + TestMembers.SECRETARIAT_USER);
            });
    assertThat(written)
        .filteredOn(r -> r.value().getSightingId() == null)
        .allSatisfy(r -> assertThat(r.key()).isEqualTo(ErasureRequests.WHOLE_AGENCY))
        .extracting(ConsumerRecord::partition)
        .as("one per partition")
        .containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void anAnalystMayNotEraseAndABadRequestNamesTheField() {
    TestAlerts.as(TestMembers.NL_ANALYST)
        .contentType("application/json")
        .body(Map.of("agency", "nl-police", "sighting", "s-1", "reason", "mine"))
        .post("/api/v1/erasures")
        .then()
        .statusCode(403);
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("agency", "nl-police", "reason", "no target"))
        .post("/api/v1/erasures")
        .then()
        .statusCode(400)
        .body("error", containsString("allSightings"));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("agency", "nl-police", "sighting", "s-1"))
        .post("/api/v1/erasures")
        .then()
        .statusCode(400)
        .body("error", containsString("'reason'"));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("agency", "Not An Agency!", "sighting", "s-1", "reason", "x"))
        .post("/api/v1/erasures")
        .then()
        .statusCode(400)
        .body("error", containsString("'agency'"));
  }

  /** The erasures with this reason, as the processor reads them. */
  private static List<ConsumerRecord<String, Erasure>> read(String reason, int expected) {
    return SightlineTestStack.get()
        .await(
            Topics.ERASURE_REQUESTS,
            r -> reason.equals(r.value().getReason()),
            expected,
            Duration.ofSeconds(20));
  }
}
