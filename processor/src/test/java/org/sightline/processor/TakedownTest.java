package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertAction;
import org.sightline.schema.AlertActionType;
import org.sightline.schema.AlertReason;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.TakedownView;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * Takedown follow-up: DE, where a site is hosted, records notice sent and removal on its
 * HOSTED_IN_YOUR_COUNTRY alert; the steps land in the indicator's state; the content back —
 * recorded so, or shown by a later sighting — alerts DE and the secretariat again.
 */
class TakedownTest {

  private static final String URL = "http://hosted.example/page";
  private static final String KEY = "url:" + URL;

  private static void hostedInDe(TopologyFixture f, String id, Instant at) {
    f.sighting(
        TestMembers.NL_POLICE,
        id,
        IndicatorType.URL,
        URL,
        Tlp.GREEN,
        at,
        b -> b.setHostingCountry("DE"));
  }

  private static void step(TopologyFixture f, String country, AlertActionType type, Instant at) {
    AlertAction action =
        AlertAction.newBuilder()
            .setAlertId("alert-" + type)
            .setCountry(country)
            .setAction(type)
            .setBy("de-analyst")
            .setAt(at)
            .setIndicator(KEY)
            .build();
    f.pipe(
        Topics.ALERTS_ACTIONS.name(),
        action.getAlertId(),
        action,
        Topics.ALERTS_ACTIONS.valueSerde(f.serdes()),
        at);
  }

  private static List<Alert> reappeared(List<Alert> alerts) {
    return alerts.stream()
        .filter(a -> "REAPPEARED".equals(a.getAttributes().get("takedown")))
        .toList();
  }

  @Test
  void theHostingCountrysStepsAreFoldedIntoTheState() {
    try (TopologyFixture f = new TopologyFixture()) {
      hostedInDe(f, "nl-1", T0);
      assertThat(f.alerts("DE").readValuesToList())
          .extracting(Alert::getReason)
          .contains(AlertReason.HOSTED_IN_YOUR_COUNTRY);

      step(f, "DE", AlertActionType.NOTICE_SENT, T0.plusSeconds(60));
      step(f, "DE", AlertActionType.REMOVED, T0.plusSeconds(3600));
      TakedownView de = f.states().get(KEY).getTakedowns().get("DE");
      assertThat(de.getStatus()).isEqualTo(AlertActionType.REMOVED);
      assertThat(de.getNoticeSentAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(de.getRemovedAt()).isEqualTo(T0.plusSeconds(3600));
      assertThat(de.getBy()).isEqualTo("de-analyst");
      assertThat(f.alerts("DE").isEmpty()).as("no alert for a notice or a removal").isTrue();

      // A country the content is not hosted in has no takedown to follow up.
      step(f, "NL", AlertActionType.REMOVED, T0.plusSeconds(3700));
      assertThat(f.states().get(KEY).getTakedowns()).containsOnlyKeys("DE");
    }
  }

  @Test
  void contentRecordedBackAlertsTheHostingCountryAndTheSecretariatAgain() {
    try (TopologyFixture f = new TopologyFixture()) {
      hostedInDe(f, "nl-1", T0);
      f.alerts("DE").readValuesToList();
      f.alerts("secretariat").readValuesToList();
      step(f, "DE", AlertActionType.REMOVED, T0.plusSeconds(3600));
      step(f, "DE", AlertActionType.REAPPEARED, T0.plusSeconds(7200));

      List<Alert> toDe = reappeared(f.alerts("DE").readValuesToList());
      assertThat(toDe).hasSize(1);
      Alert again = toDe.get(0);
      assertThat(again.getReason()).isEqualTo(AlertReason.HOSTED_IN_YOUR_COUNTRY);
      assertThat(again.getMessage()).contains("Back online in DE", "recorded by de-analyst");
      assertThat(again.getMessageKey()).isEqualTo("reappearedRecorded");
      assertThat(again.getMessageParams())
          .containsEntry("country", "DE")
          .containsEntry("by", "de-analyst");
      assertThat(again.getAgencies()).as("names no agency").isEmpty();
      assertThat(again.getSightingIds()).isEmpty();
      assertThat(reappeared(f.alerts("secretariat").readValuesToList())).hasSize(1);
      assertThat(reappeared(f.alerts("NL").readValuesToList())).isEmpty();
      assertThat(f.states().get(KEY).getTakedowns().get("DE").getReappearedAt())
          .isEqualTo(T0.plusSeconds(7200));
    }
  }

  @Test
  void aSightingAfterTheRemovalShowsItBack() {
    try (TopologyFixture f = new TopologyFixture()) {
      hostedInDe(f, "nl-1", T0);
      step(f, "DE", AlertActionType.REMOVED, T0.plusSeconds(3600));
      f.alerts("DE").readValuesToList();
      // Observed before the removal, reported late: not a reappearance.
      f.advanceWallClock(Duration.ofHours(3));
      hostedInDe(f, "nl-old", T0.plusSeconds(1800));
      assertThat(reappeared(f.alerts("DE").readValuesToList())).isEmpty();

      hostedInDe(f, "nl-new", T0.plusSeconds(7200));
      List<Alert> toDe = reappeared(f.alerts("DE").readValuesToList());
      assertThat(toDe).hasSize(1);
      assertThat(toDe.get(0).getMessage()).contains("a sighting observed at");
      TakedownView de = f.states().get(KEY).getTakedowns().get("DE");
      assertThat(de.getStatus()).isEqualTo(AlertActionType.REAPPEARED);
      assertThat(de.getBy()).isEqualTo("processor");

      // Once back, another sighting is no news.
      hostedInDe(f, "nl-newer", T0.plusSeconds(7300));
      assertThat(reappeared(f.alerts("DE").readValuesToList())).isEmpty();
    }
  }
}
