package org.sightline.consumers.alerts;

import java.time.Instant;
import org.sightline.schema.AlertAction;

/**
 * Where an alert stands in its country: who acknowledged it, who it is assigned to, the latest
 * contact step on it ({@code CONTACT_REQUESTED} on a hit/no-hit notice, {@code CONTACT_ACCEPTED} or
 * {@code CONTACT_DECLINED} on a holder's contact request), by whom and when, and the takedown of
 * its content ({@link Takedown}) on a HOSTED_IN_YOUR_COUNTRY alert.
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
    Instant contactAt,
    Takedown takedown) {

  /**
   * Where the hosting country's takedown of an alert's content stands: the latest step ({@code
   * NOTICE_SENT}, {@code REMOVED}, {@code REAPPEARED}), by whom and when, and when the notice went
   * and the removal was recorded (the scorecard's times).
   */
  public record Takedown(
      String status, String by, Instant at, Instant noticeSentAt, Instant removedAt) {

    Takedown after(AlertAction step) {
      String type = step.getAction().name();
      return new Takedown(
          type,
          step.getBy(),
          step.getAt(),
          type.equals("NOTICE_SENT") ? step.getAt() : noticeSentAt,
          type.equals("REMOVED") ? step.getAt() : removedAt);
    }
  }

  public static ActionState none(String alertId, String country) {
    return new ActionState(alertId, country, null, null, null, null, null, null, null, null, null);
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
              contactAt,
              takedown);
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
              contactAt,
              takedown);
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
              action.getAt(),
              takedown);
      case NOTICE_SENT, REMOVED, REAPPEARED ->
          new ActionState(
              alertId,
              country,
              acknowledgedBy,
              acknowledgedAt,
              assignee,
              assignedBy,
              assignedAt,
              contact,
              contactBy,
              contactAt,
              (takedown == null ? new Takedown(null, null, null, null, null) : takedown)
                  .after(action));
    };
  }
}
