package org.sightline.consumers.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.alerts.ActionState;
import org.sightline.consumers.alerts.AlertView;

class TakedownScorecardTest {

  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  private static AlertView hosted(String id, int seenMinutesBefore) {
    return hosted(id, seenMinutesBefore, Map.of());
  }

  private static AlertView hosted(
      String id, int seenMinutesBefore, Map<String, String> attributes) {
    return new AlertView(
        id,
        "HOSTED_IN_YOUR_COUNTRY",
        "DE",
        "url:http://x.example/" + id,
        "URL",
        "HIGH",
        "FULL",
        List.of("DE"),
        List.of(),
        List.of(),
        T.minusSeconds(60L * seenMinutesBefore),
        T,
        T,
        "hosted",
        null,
        attributes,
        null,
        Map.of());
  }

  private static ActionState state(String id, Integer ackMin, Takedown takedown) {
    return new ActionState(
        id,
        "DE",
        ackMin == null ? null : "de-analyst",
        ackMin == null ? null : T.plusSeconds(60L * ackMin),
        null,
        null,
        null,
        null,
        null,
        null,
        takedown == null
            ? null
            : new ActionState.Takedown(
                takedown.status, "de-analyst", T, takedown.notice, takedown.removed));
  }

  private record Takedown(String status, Instant notice, Instant removed) {}

  @Test
  void eachStepIsTimedFromTheAlertAndWhatIsNotRemovedIsOpen() {
    var row =
        TakedownScorecard.row(
            "DE",
            List.of(
                hosted("a", 10),
                hosted("b", 20),
                hosted("c", 30),
                hosted("d", 0, Map.of("takedown", "REAPPEARED"))),
            Map.of(
                "a",
                state("a", 5, new Takedown("REMOVED", T.plusSeconds(600), T.plusSeconds(3600))),
                "b",
                state(
                    "b", 15, new Takedown("REAPPEARED", T.plusSeconds(1200), T.plusSeconds(7200))),
                "c",
                state("c", null, null)));
    assertThat(row.alerts()).isEqualTo(4);
    assertThat(row.open()).as("c never followed up, d the re-alert for b").isEqualTo(2);
    assertThat(row.acknowledged()).isEqualTo(2);
    assertThat(row.noticeSent()).isEqualTo(2);
    assertThat(row.removed()).isEqualTo(2);
    assertThat(row.reappeared()).isEqualTo(1);
    assertThat(row.toAlert().median()).isEqualTo(1200.0);
    assertThat(row.toAlert().n()).isEqualTo(4);
    assertThat(row.toAcknowledge().n()).isEqualTo(2);
    assertThat(row.toRemoval().median()).isEqualTo(7200.0);
    assertThat(row.toRemoval().p90()).isEqualTo(7200.0);
    assertThat(row.toNotice().median()).isEqualTo(1200.0);
  }

  @Test
  void nothingMeasuredIsNullNotZero() {
    var row = TakedownScorecard.row("DE", List.of(hosted("a", 1)), Map.of());
    assertThat(row.toRemoval().n()).isZero();
    assertThat(row.toRemoval().median()).isNull();
    assertThat(row.open()).isEqualTo(1);
  }
}
