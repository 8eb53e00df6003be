package org.sightline.consumers.takedown;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sightline.consumers.alerts.ActionState;
import org.sightline.consumers.alerts.AlertView;
import org.sightline.consumers.dashboard.LatencySamples;

/**
 * How each hosting country responds to HOSTED_IN_YOUR_COUNTRY alerts, from the alerts it holds and
 * the steps its analysts recorded: first seen → alert, alert → acknowledged, alert → notice sent,
 * alert → removed (median and 90th percentile, in seconds), and what is still open (not removed). A
 * re-alert for content back online counts as an item of its own.
 */
public final class TakedownScorecard {

  /** One country's row. */
  public record Row(
      String country,
      int alerts,
      int open,
      int acknowledged,
      int noticeSent,
      int removed,
      int reappeared,
      Latency toAlert,
      Latency toAcknowledge,
      Latency toNotice,
      Latency toRemoval) {}

  /** Median and 90th percentile in seconds (null when nothing was measured), over n items. */
  public record Latency(int n, Double median, Double p90) {
    static Latency of(List<Double> seconds) {
      return new Latency(
          seconds.size(),
          LatencySamples.quantile(seconds, 0.5),
          LatencySamples.quantile(seconds, 0.9));
    }
  }

  private TakedownScorecard() {}

  /** A row for one country from its hosted alerts and the states of its alerts by id. */
  public static Row row(String country, List<AlertView> hosted, Map<String, ActionState> states) {
    List<Double> toAlert = new ArrayList<>();
    List<Double> toAck = new ArrayList<>();
    List<Double> toNotice = new ArrayList<>();
    List<Double> toRemoval = new ArrayList<>();
    int open = 0;
    int acknowledged = 0;
    int noticeSent = 0;
    int removed = 0;
    int reappeared = 0;
    for (AlertView alert : hosted) {
      Instant created = alert.createdAt();
      if (alert.firstSeen() != null && created != null) {
        toAlert.add(seconds(alert.firstSeen(), created));
      }
      ActionState state = states.get(alert.id());
      ActionState.Takedown takedown = state == null ? null : state.takedown();
      if (state != null && state.acknowledgedAt() != null) {
        acknowledged++;
        toAck.add(seconds(created, state.acknowledgedAt()));
      }
      if (takedown != null && takedown.noticeSentAt() != null) {
        noticeSent++;
        toNotice.add(seconds(created, takedown.noticeSentAt()));
      }
      if (takedown != null && takedown.removedAt() != null) {
        removed++;
        toRemoval.add(seconds(created, takedown.removedAt()));
      }
      // The processor's re-alert for content back online: the follow-up moves to it.
      if ("REAPPEARED".equals(alert.attributes().get("takedown"))) {
        reappeared++;
      }
      if (takedown == null || "NOTICE_SENT".equals(takedown.status())) {
        open++;
      }
    }
    return new Row(
        country,
        hosted.size(),
        open,
        acknowledged,
        noticeSent,
        removed,
        reappeared,
        Latency.of(toAlert),
        Latency.of(toAck),
        Latency.of(toNotice),
        Latency.of(toRemoval));
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
  }
}
