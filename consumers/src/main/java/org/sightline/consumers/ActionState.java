package org.sightline.consumers;

import java.time.Instant;
import org.sightline.schema.AlertAction;

/**
 * Where an alert stands in its country: who acknowledged it, who it is assigned to, and the latest
 * contact step on it ({@code CONTACT_REQUESTED} on a hit/no-hit notice, {@code CONTACT_ACCEPTED} or
 * {@code CONTACT_DECLINED} on a holder's contact request), by whom and when.
 */
public record ActionState(
    String alertId,
    String country,
    String acknowledgedBy,
    Instant acknowledgedAt,
    String assignee,
    String assignedBy,
    Instant assignedAt,
    String contact,
    String contactBy,
    Instant contactAt) {

  public static ActionState none(String alertId, String country) {
    return new ActionState(alertId, country, null, null, null, null, null, null, null, null);
  }

  /** This state after {@code action}. */
  public ActionState with(AlertAction action) {
    return switch (action.getAction()) {
      case ACKNOWLEDGED ->
          new ActionState(
              alertId,
              country,
              action.getBy(),
              action.getAt(),
              assignee,
              assignedBy,
              assignedAt,
              contact,
              contactBy,
              contactAt);
      case ASSIGNED ->
          new ActionState(
              alertId,
              country,
              acknowledgedBy,
              acknowledgedAt,
              action.getAssignee(),
              action.getBy(),
              action.getAt(),
              contact,
              contactBy,
              contactAt);
      case CONTACT_REQUESTED, CONTACT_ACCEPTED, CONTACT_DECLINED ->
          new ActionState(
              alertId,
              country,
              acknowledgedBy,
              acknowledgedAt,
              assignee,
              assignedBy,
              assignedAt,
              action.getAction().name(),
              action.getBy(),
              action.getAt());
    };
  }
}
