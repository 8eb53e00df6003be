package org.sightline.processor.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sightline.alerts.AlertMessage;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertAction;
import org.sightline.schema.AlertActionType;
import org.sightline.schema.AlertReason;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Disclosure;
import org.sightline.schema.EventRole;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.Severity;
import org.sightline.schema.Sighting;
import org.sightline.schema.TakedownView;
import org.sightline.topics.Topics;

/**
 * Takedown follow-up: the hosting country's analysts record, on their HOSTED_IN_YOUR_COUNTRY alert,
 * that a notice went to the host, that the content was removed, or that it is back; each step is
 * folded into the indicator's state, per hosting country. Content that is back after its removal —
 * recorded so, or shown by a new sighting hosted there and observed after the removal — alerts the
 * hosting country again, and the secretariat.
 */
public final class Takedowns {

  /** The steps this folds. */
  public static final Set<AlertActionType> STEPS =
      Set.of(AlertActionType.NOTICE_SENT, AlertActionType.REMOVED, AlertActionType.REAPPEARED);

  /** Who took a step the processor inferred from a sighting. */
  static final String PROCESSOR = "processor";

  private Takedowns() {}

  /** Folds an analyst's step into the state; the alerts a reappearance raises. */
  public static List<Alert> step(IndicatorState state, AlertAction step, Instant now) {
    if (!STEPS.contains(step.getAction())
        || !state.getHostingCountries().contains(step.getCountry())) {
      // Only the country the content is hosted in follows its takedown up.
      return List.of();
    }
    Map<String, TakedownView> takedowns = new HashMap<>(state.getTakedowns());
    TakedownView before = takedowns.get(step.getCountry());
    TakedownView after =
        TakedownView.newBuilder()
            .setCountry(step.getCountry())
            .setStatus(step.getAction())
            .setNoticeSentAt(before == null ? null : before.getNoticeSentAt())
            .setRemovedAt(before == null ? null : before.getRemovedAt())
            .setReappearedAt(before == null ? null : before.getReappearedAt())
            .setBy(step.getBy())
            .setAt(step.getAt())
            .build();
    switch (step.getAction()) {
      case NOTICE_SENT -> after.setNoticeSentAt(step.getAt());
      case REMOVED -> after.setRemovedAt(step.getAt());
      default -> after.setReappearedAt(step.getAt());
    }
    takedowns.put(step.getCountry(), after);
    state.setTakedowns(takedowns);
    if (step.getAction() != AlertActionType.REAPPEARED) {
      return List.of();
    }
    return reappeared(
        state,
        step.getCountry(),
        AlertMessage.REAPPEARED_RECORDED,
        AlertMessage.params(
            "country", step.getCountry(), "by", step.getBy(), "at", step.getAt().toString()),
        now);
  }

  /**
   * A sighting that says the content is hosted in a country whose takedown stands at REMOVED, and
   * that was observed after the removal: it is back.
   */
  public static List<Alert> sighted(IndicatorState state, AttributedEvent event, Instant now) {
    if (event.getRole() != EventRole.PRIMARY || !(event.getPayload() instanceof Sighting s)) {
      return List.of();
    }
    String country = s.getHostingCountry();
    TakedownView view = country == null ? null : state.getTakedowns().get(country);
    if (view == null
        || view.getStatus() != AlertActionType.REMOVED
        || view.getRemovedAt() == null
        || !s.getObservedAt().isAfter(view.getRemovedAt())) {
      return List.of();
    }
    Map<String, TakedownView> takedowns = new HashMap<>(state.getTakedowns());
    TakedownView after = TakedownView.newBuilder(view).build();
    after.setStatus(AlertActionType.REAPPEARED);
    after.setReappearedAt(s.getObservedAt());
    after.setBy(PROCESSOR);
    after.setAt(now);
    takedowns.put(country, after);
    state.setTakedowns(takedowns);
    return reappeared(
        state,
        country,
        AlertMessage.REAPPEARED_SIGHTED,
        AlertMessage.params("country", country, "at", s.getObservedAt().toString()),
        now);
  }

  /** The hosting country and the secretariat are told: no agency, case or sighting in it. */
  private static List<Alert> reappeared(
      IndicatorState state,
      String country,
      AlertMessage message,
      Map<String, String> params,
      Instant now) {
    List<Alert> alerts = new ArrayList<>();
    for (String recipient : List.of(country, Topics.SECRETARIAT)) {
      alerts.add(
          message
              .on(Alert.newBuilder(), params)
              .setId(
                  AlertDecisions.alertId(
                      recipient, "REAPPEARED", state.getIndicator(), now.toString()))
              .setReason(AlertReason.HOSTED_IN_YOUR_COUNTRY)
              .setRecipient(recipient)
              .setIndicator(state.getIndicator())
              .setIndicatorType(state.getType())
              .setSeverity(Severity.HIGH)
              .setDisclosure(Disclosure.LIMITED)
              .setCountries(new ArrayList<>(List.of(country)))
              .setFirstSeen(state.getFirstSeen())
              .setLastSeen(state.getLastSeen())
              .setCreatedAt(now)
              .setAttributes(new HashMap<>(Map.of("takedown", "REAPPEARED")))
              .build());
    }
    return alerts;
  }
}
