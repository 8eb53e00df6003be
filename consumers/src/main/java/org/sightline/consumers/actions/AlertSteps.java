package org.sightline.consumers.actions;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.alerts.AlertFeed;
import org.sightline.consumers.alerts.AlertView;
import org.sightline.schema.AlertAction;
import org.sightline.schema.AlertActionType;

/**
 * What the steps an analyst takes on one alert share (the contact steps, the takedown steps): the
 * alert looked up in the recipient's history, the note checked, the {@code AlertAction} built with
 * the alert's indicator (the processor keys the step by it), the 202 answer.
 */
public final class AlertSteps {

  /** The longest note a step may carry. */
  public static final int MAX_NOTE = 2000;

  private AlertSteps() {}

  /** The recipient's alert, or a 404 naming the parameter. */
  public static AlertView alertOf(AlertFeed feed, String recipient, String id) {
    if (id == null || id.isBlank()) {
      throw new BadParameterException("path parameter 'id' is required");
    }
    return feed.find(recipient, id)
        .orElseThrow(
            () ->
                new WebApplicationException(
                    Response.status(Response.Status.NOT_FOUND)
                        .type(MediaType.APPLICATION_JSON)
                        .entity(Map.of("error", "'id' names no alert of " + recipient))
                        .build()));
  }

  /** The note, stripped, or null; a 400 when too long. */
  public static String note(String note) {
    if (note == null || note.isBlank()) {
      return null;
    }
    if (note.length() > MAX_NOTE) {
      throw new BadParameterException("'note' must be at most " + MAX_NOTE + " characters");
    }
    return note.strip();
  }

  public static AlertAction step(
      AlertView alert,
      String recipient,
      AlertActionType type,
      String by,
      String counterpart,
      String note) {
    return AlertAction.newBuilder()
        .setAlertId(alert.id())
        .setCountry(recipient)
        .setAction(type)
        .setBy(by)
        .setAt(Instant.now())
        .setIndicator(alert.indicator())
        .setCounterpart(counterpart)
        .setNote(note)
        .build();
  }

  /** A 409 saying what stands in the way. */
  public static WebApplicationException conflict(String error, String key, String value) {
    return new WebApplicationException(
        Response.status(Response.Status.CONFLICT)
            .type(MediaType.APPLICATION_JSON)
            .entity(Map.of("error", error, key, value))
            .build());
  }

  public static Response accepted(AlertAction step) {
    return Response.accepted(
            Map.of(
                "alertId", step.getAlertId(),
                "action", step.getAction().name(),
                "by", step.getBy()))
        .build();
  }
}
