package org.sightline.consumers.iwol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.schema.ConsoleView;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolProposal;
import org.sightline.schema.IwolReview;
import org.sightline.schema.IwolVerdict;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * The secretariat's review desk on the real broker: the queue read from {@code iwol.proposals} as
 * the processor writes it, verdicts and delistings written to {@code iwol.reviews} and {@code
 * iwol.delistings} as the processor reads them, each look and decision on the audit trail.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class IwolReviewResourceTest {

  private static final String BASE = "/api/v1/iwol-review";

  @Test
  void theSecretariatSeesTheEvidenceAndItsVerdictReachesTheProcessorsTopic() throws Exception {
    String domain = "review-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    propose(domain, proposal(domain));
    TestAlerts.eventually(
        () ->
            TestAlerts.as(TestMembers.SECRETARIAT_USER)
                .get(BASE)
                .then()
                .statusCode(200)
                .body("proposals.domain", hasItem(domain)));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .get(BASE)
        .then()
        .body(
            "proposals.find { it.domain == '" + domain + "' }.agencies",
            equalTo(List.of("de-police", "nl-police")))
        .body(
            "proposals.find { it.domain == '" + domain + "' }.samples[0]",
            equalTo("url:http://" + domain + "/a"))
        .body(
            "proposals.find { it.domain == '" + domain + "' }.hostingCountries",
            equalTo(List.of("NL")));

    String ground = "verified by hand " + UUID.randomUUID();
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(
            Map.of("domain", "WWW." + domain.toUpperCase(), "verdict", "approve", "reason", ground))
        .post(BASE + "/verdicts")
        .then()
        .statusCode(202)
        .body("domain", is(domain))
        .body("decision", is("APPROVED"))
        .body("requestedBy", is("console:" + TestMembers.SECRETARIAT_USER));

    ConsumerRecord<String, IwolReview> written =
        SightlineTestStack.get()
            .await(
                Topics.IWOL_REVIEWS,
                r -> ground.equals(r.value().getReason()),
                1,
                Duration.ofSeconds(20))
            .get(0);
    assertThat(written.key()).isEqualTo(domain);
    assertThat(written.value().getVerdict()).isEqualTo(IwolVerdict.APPROVED);
    assertThat(written.value().getRequestedBy())
        .isEqualTo("console:" + TestMembers.SECRETARIAT_USER);
    assertThat(audited(domain, "iwol-approved")).isTrue();

    // The processor settles it with a tombstone: the queue no longer shows it, a verdict is a 409.
    propose(domain, null);
    TestAlerts.eventually(
        () ->
            TestAlerts.as(TestMembers.SECRETARIAT_USER)
                .get(BASE)
                .then()
                .body("proposals.domain", not(hasItem(domain))));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("domain", domain, "verdict", "reject", "reason", "too late"))
        .post(BASE + "/verdicts")
        .then()
        .statusCode(409)
        .body("error", containsString("not awaiting review"));
  }

  @Test
  void theSecretariatDelistsWithAGroundAndOnlyTheSecretariatMay() {
    String domain = "delist-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    String ground = "site cleaned up " + UUID.randomUUID();
    TestAlerts.as(TestMembers.NL_ANALYST)
        .contentType("application/json")
        .body(Map.of("domain", domain, "reason", ground))
        .post(BASE + "/delistings")
        .then()
        .statusCode(403);
    TestAlerts.as(TestMembers.NL_ANALYST).get(BASE).then().statusCode(403);
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("domain", domain))
        .post(BASE + "/delistings")
        .then()
        .statusCode(400)
        .body("error", containsString("'reason'"));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("domain", domain, "reason", ground))
        .post(BASE + "/delistings")
        .then()
        .statusCode(202)
        .body("decision", is("DELISTED"));
    ConsumerRecord<String, IwolDelisting> written =
        SightlineTestStack.get()
            .await(
                Topics.IWOL_DELISTINGS,
                r -> ground.equals(r.value().getReason()),
                1,
                Duration.ofSeconds(20))
            .get(0);
    assertThat(written.key()).isEqualTo(domain);
    assertThat(written.value().getRequestedBy())
        .isEqualTo("console:" + TestMembers.SECRETARIAT_USER);
  }

  @Test
  void aBadVerdictNamesTheField() {
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("domain", "a.example", "verdict", "maybe"))
        .post(BASE + "/verdicts")
        .then()
        .statusCode(400)
        .body("error", containsString("'verdict'"));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("domain", "a.example", "verdict", "reject"))
        .post(BASE + "/verdicts")
        .then()
        .statusCode(400)
        .body("error", containsString("'reason'"));
    TestAlerts.as(TestMembers.SECRETARIAT_USER)
        .contentType("application/json")
        .body(Map.of("domain", "not a domain", "verdict", "approve"))
        .post(BASE + "/verdicts")
        .then()
        .statusCode(400)
        .body("error", containsString("'domain'"));
  }

  private static IwolProposal proposal(String domain) {
    Instant now = Instant.now();
    return IwolProposal.newBuilder()
        .setDomain(domain)
        .setProposedAt(now)
        .setAgencies(List.of("de-police", "nl-police"))
        .setCountries(List.of("DE", "NL"))
        .setSightings(3)
        .setSightingIds(List.of("nl-1", "de-1", "de-2"))
        .setFirstSeen(now.minusSeconds(3600))
        .setLastSeen(now)
        .setSamples(List.of("url:http://" + domain + "/a", "url:http://" + domain + "/b"))
        .setHostingCountries(List.of("NL"))
        .setExpiresAt(null)
        .build();
  }

  /** As the processor writes the queue: a proposal, or the tombstone that settles it. */
  private static void propose(String domain, IwolProposal proposal) {
    try (KafkaProducer<String, IwolProposal> producer =
        SightlineTestStack.get().producer(Topics.IWOL_PROPOSALS)) {
      producer.send(new ProducerRecord<>(Topics.IWOL_PROPOSALS.name(), domain, proposal));
      producer.flush();
    }
  }

  private static boolean audited(String domain, String view) {
    return !SightlineTestStack.get()
        .await(
            Topics.AUDIT_CONSOLE_VIEWS,
            (ConsumerRecord<String, ConsoleView> r) ->
                domain.equals(r.value().getTarget()) && view.equals(r.value().getView()),
            1,
            Duration.ofSeconds(20))
        .isEmpty();
  }
}
