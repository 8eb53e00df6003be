package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sightline.members.AgencyId;
import org.sightline.members.CountryCode;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * A fault of {@code ./sightline faults}: the schema registry stops and starts again (an upgrade, a
 * crash) while the processor runs. Its schemas and ids are durable, so nothing written before or
 * after decodes otherwise: a cross-border match made of one sighting from before the restart and
 * one from after is alerted, and the processor stays healthy throughout (no stream thread lost).
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
@Tag("faults")
class RegistryRestartTest {

  @TestHTTPResource(value = "/health", management = true)
  URL health;

  private final SightlineTestStack stack = SightlineTestStack.get();

  @Test
  void aRegistryRestartWhileRunningLosesNoSightingAndStopsNoThread() throws Exception {
    awaitHealthy(Duration.ofSeconds(90));
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String url = "http://registry-restart-" + suffix + ".example/";
    send(TestMembers.NL_POLICE, "nl-before-" + suffix, url);

    stack.restartRegistry();

    // A second match, on an indicator first seen after the restart, proves new look-ups work too.
    String after = "http://after-restart-" + suffix + ".example/";
    send(TestMembers.JO_POLICE, "jo-after-" + suffix, url);
    send(TestMembers.NL_POLICE, "nl-after-" + suffix, after);
    send(TestMembers.JO_POLICE, "jo-after2-" + suffix, after);

    List<Alert> alerts = new ArrayList<>();
    TopicSpec<Alert> jo = Topics.alerts(CountryCode.of("JO"));
    try (KafkaConsumer<String, Alert> consumer = stack.consumer(jo, "registry-" + suffix)) {
      consumer.subscribe(List.of(jo.name()));
      long deadline = System.currentTimeMillis() + 120_000;
      while (System.currentTimeMillis() < deadline && !both(alerts, url, after)) {
        consumer.poll(Duration.ofMillis(250)).forEach(r -> alerts.add(r.value()));
      }
    }
    assertThat(alerts)
        .filteredOn(a -> a.getReason() == AlertReason.CROSS_BORDER_MATCH)
        .extracting(Alert::getIndicator)
        .contains("url:" + url, "url:" + after);
    assertThat(QueryClient.status(health)).as("still healthy").isEqualTo(200);
  }

  private static boolean both(List<Alert> alerts, String first, String second) {
    return alerts.stream().anyMatch(a -> a.getIndicator().equals("url:" + first))
        && alerts.stream().anyMatch(a -> a.getIndicator().equals("url:" + second));
  }

  private void awaitHealthy(Duration within) throws Exception {
    long deadline = System.currentTimeMillis() + within.toMillis();
    while (QueryClient.status(health) != 200) {
      assertThat(System.currentTimeMillis()).as("healthy in time").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private void send(AgencyId agency, String id, String url) {
    stack.publishUrl(agency, id, url, Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }
}
