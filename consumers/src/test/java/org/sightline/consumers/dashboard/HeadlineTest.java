package org.sightline.consumers.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.alerts.ActionState;
import org.sightline.consumers.alerts.AlertView;

class HeadlineTest {

  private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void anAlertIsOpenUntilTakenAndCriticalCountsOnlyUnacknowledged() {
    Map<String, List<AlertView>> alerts =
        Map.of(
            "NL",
            List.of(alert("a", "CRITICAL"), alert("b", "CRITICAL"), alert("c", "LOW")),
            "DE",
            List.of(alert("d", "HIGH"), alert("e", "CRITICAL")));
    Map<String, List<ActionState>> actions =
        Map.of(
            // Acknowledged: neither open nor unacknowledged.
            "NL",
                List.of(
                    new ActionState(
                        "a", "NL", "nl-analyst", AT, null, null, null, null, null, null, null)),
            // Assigned only: no longer open, still unacknowledged (and critical).
            "DE",
                List.of(
                    new ActionState(
                        "e", "DE", null, null, "Maria", "de-analyst", AT, null, null, null, null)));

    Headline headline = Headline.count(1000, alerts, actions);

    assertThat(headline.held()).isEqualTo(5);
    assertThat(headline.open()).isEqualTo(3); // b, c, d
    assertThat(headline.unacknowledged()).isEqualTo(4); // b, c, d, e
    assertThat(headline.criticalUnacknowledged()).isEqualTo(2); // b, e
    assertThat(headline.perCountry()).isEqualTo(1000);
  }

  @Test
  void anActionOfAnotherCountryDoesNotCount() {
    Headline headline =
        Headline.count(
            10,
            Map.of("NL", List.of(alert("x", "CRITICAL"))),
            Map.of(
                "DE",
                List.of(
                    new ActionState(
                        "x", "DE", "de-analyst", AT, null, null, null, null, null, null, null))));
    assertThat(headline.criticalUnacknowledged()).isEqualTo(1);
    assertThat(headline.open()).isEqualTo(1);
  }

  private static AlertView alert(String id, String severity) {
    return new AlertView(
        id,
        "CROSS_BORDER_MATCH",
        "NL",
        "url:http://example.com/" + id,
        "URL",
        severity,
        "FULL",
        List.of("NL", "DE"),
        List.of("nl-police", "de-police"),
        List.of("s-" + id),
        AT,
        AT,
        AT,
        "m",
        null,
        Map.of(),
        null,
        Map.of());
  }
}
