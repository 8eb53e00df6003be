package org.sightline.consumers.dashboard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sightline.consumers.alerts.ActionState;
import org.sightline.consumers.alerts.AlertView;

/**
 * The dashboard's headline tiles: where the member countries' alerts stand, counted over what this
 * service holds (the newest {@code perCountry} alerts of each country), with the actions analysts
 * took on them. An alert is open while nobody has acknowledged it or been assigned it.
 */
public record Headline(
    int perCountry, int held, int open, int unacknowledged, int criticalUnacknowledged) {

  /** Counts {@code alerts} (one country's) against that country's {@code actions}. */
  static Headline count(
      int perCountry, Map<String, List<AlertView>> alerts, Map<String, List<ActionState>> actions) {
    int held = 0;
    int open = 0;
    int unacknowledged = 0;
    int critical = 0;
    for (Map.Entry<String, List<AlertView>> country : alerts.entrySet()) {
      Map<String, ActionState> states = new HashMap<>();
      actions.getOrDefault(country.getKey(), List.of()).forEach(s -> states.put(s.alertId(), s));
      for (AlertView alert : country.getValue()) {
        ActionState state = states.get(alert.id());
        boolean acknowledged = state != null && state.acknowledgedBy() != null;
        boolean assigned = state != null && state.assignee() != null;
        held++;
        if (!acknowledged && !assigned) {
          open++;
        }
        if (!acknowledged) {
          unacknowledged++;
          if ("CRITICAL".equals(alert.severity())) {
            critical++;
          }
        }
      }
    }
    return new Headline(perCountry, held, open, unacknowledged, critical);
  }
}
