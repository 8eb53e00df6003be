package org.sightline.consumers;

import java.time.Instant;
import org.sightline.schema.AlertAction;

/** Where an alert stands in its country: who acknowledged it, who it is assigned to. */
public record ActionState(
    String alertId,
    String country,
    String acknowledgedBy,
    Instant acknowledgedAt,
    String assignee,
    String assignedBy,
    Instant assignedAt) {

  public static ActionState none(String alertId, String country) {
    return new ActionState(alertId, country, null, null, null, null, null);
  }

  /** This state after {@code action}. */
  public ActionState with(AlertAction action) {
    return switch (action.getAction()) {
      case ACKNOWLEDGED ->
          new ActionState(
              alertId, country, action.getBy(), action.getAt(), assignee, assignedBy, assignedAt);
      case ASSIGNED ->
          new ActionState(
              alertId,
              country,
              acknowledgedBy,
              acknowledgedAt,
              action.getAssignee(),
              action.getBy(),
              action.getAt());
    };
  }
}
