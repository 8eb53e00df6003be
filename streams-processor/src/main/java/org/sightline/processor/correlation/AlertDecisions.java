package org.sightline.processor.correlation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.sightline.schema.AgencyView;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Category;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.Severity;
import org.sightline.topics.Topics;

/**
 * Decides which alerts a change of an indicator's state calls for, and writes each one as its
 * recipient may see it. A recipient is alerted again for the same indicator and reason only when
 * the set of countries or agencies behind it changes, never for a repeat sighting (no alert
 * storms).
 */
public final class AlertDecisions {

  private static final String HIT_NO_HIT =
      "Another member holds information on this indicator. Contact the secretariat to deconflict.";

  private AlertDecisions() {}

  /**
   * After a sighting was added: a CROSS_BORDER_MATCH to each country involved and the secretariat.
   */
  public static List<Alert> afterSighting(IndicatorState state, Instant now) {
    SortedSet<String> countries = IndicatorStates.countries(state);
    String reason = AlertReason.CROSS_BORDER_MATCH.name();
    if (countries.size() < 2) {
      return List.of();
    }
    String fingerprint = fingerprint(state);
    if (fingerprint.equals(state.getAlerted().get(reason))) {
      return List.of();
    }
    state.getAlerted().put(reason, fingerprint);
    List<Alert> alerts = new ArrayList<>();
    List<String> recipients = new ArrayList<>(countries);
    recipients.add(Topics.SECRETARIAT);
    Severity severity = severity(state, countries.size());
    for (String recipient : recipients) {
      alerts.add(crossBorder(state, recipient, fingerprint, severity, now));
    }
    return alerts;
  }

  /**
   * After a retraction: when the match no longer holds, every recipient alerted for it gets a
   * SUPERSEDED alert naming the alert it replaces.
   */
  public static List<Alert> afterRetraction(IndicatorState state, Instant now) {
    String reason = AlertReason.CROSS_BORDER_MATCH.name();
    String previous = state.getAlerted().get(reason);
    if (previous == null) {
      return List.of();
    }
    SortedSet<String> countries = IndicatorStates.countries(state);
    if (countries.size() >= 2) {
      state.getAlerted().put(reason, fingerprint(state));
      return List.of();
    }
    state.getAlerted().remove(reason);
    List<String> recipients = new ArrayList<>(countriesOf(previous));
    recipients.add(Topics.SECRETARIAT);
    List<Alert> alerts = new ArrayList<>();
    for (String recipient : recipients) {
      String replaced = alertId(recipient, reason, state.getIndicator(), previous);
      alerts.add(
          Alert.newBuilder()
              .setId(
                  alertId(recipient, AlertReason.SUPERSEDED.name(), state.getIndicator(), previous))
              .setReason(AlertReason.SUPERSEDED)
              .setRecipient(recipient)
              .setIndicator(state.getIndicator())
              .setIndicatorType(state.getType())
              .setSeverity(Severity.LOW)
              .setDisclosure(org.sightline.schema.Disclosure.FULL)
              .setFirstSeen(state.getFirstSeen())
              .setLastSeen(state.getLastSeen())
              .setCreatedAt(now)
              .setSupersedes(replaced)
              .setMessage(
                  "A sighting behind an earlier cross-border match was withdrawn by the agency that"
                      + " reported it; the match no longer holds.")
              .build());
    }
    return alerts;
  }

  private static Alert crossBorder(
      IndicatorState state, String recipient, String fingerprint, Severity severity, Instant now) {
    TreeSet<String> countries = new TreeSet<>();
    TreeSet<String> agencies = new TreeSet<>();
    List<String> sightingIds = new ArrayList<>();
    boolean hidden = false;
    boolean limited = false;
    for (AgencyView view : state.getAgencies().values()) {
      Disclosure.Level level = Disclosure.of(view, recipient);
      if (level == Disclosure.Level.HIT_ONLY) {
        hidden = true;
        continue;
      }
      limited |= level == Disclosure.Level.NO_CASE_REFERENCE;
      countries.add(view.getCountry());
      agencies.add(view.getAgencyId());
      sightingIds.addAll(view.getSightingIds());
    }
    boolean othersVisible = countries.stream().anyMatch(c -> !c.equals(recipient));
    org.sightline.schema.Disclosure disclosure =
        hidden && !othersVisible
            ? org.sightline.schema.Disclosure.HIT_NO_HIT
            : hidden || limited
                ? org.sightline.schema.Disclosure.LIMITED
                : org.sightline.schema.Disclosure.FULL;
    String message;
    if (disclosure == org.sightline.schema.Disclosure.HIT_NO_HIT) {
      message = HIT_NO_HIT;
    } else {
      message =
          "Reported by agencies of "
              + countries.size()
              + (countries.size() == 1 ? " country" : " countries")
              + " ("
              + String.join(", ", countries)
              + ")."
              + (hidden ? " " + HIT_NO_HIT : "");
    }
    return Alert.newBuilder()
        .setId(
            alertId(
                recipient,
                AlertReason.CROSS_BORDER_MATCH.name(),
                state.getIndicator(),
                fingerprint))
        .setReason(AlertReason.CROSS_BORDER_MATCH)
        .setRecipient(recipient)
        .setIndicator(state.getIndicator())
        .setIndicatorType(state.getType())
        .setSeverity(severity)
        .setDisclosure(disclosure)
        .setCountries(new ArrayList<>(countries))
        .setAgencies(new ArrayList<>(agencies))
        .setSightingIds(sightingIds)
        .setFirstSeen(state.getFirstSeen())
        .setLastSeen(state.getLastSeen())
        .setCreatedAt(now)
        .setMessage(message)
        .build();
  }

  static Severity severity(IndicatorState state, int countries) {
    boolean severeCategory =
        state.getAgencies().values().stream()
            .map(AgencyView::getCategory)
            .anyMatch(
                c ->
                    c == Category.BASELINE_CSAM
                        || c == Category.LIVE_STREAMED_ABUSE
                        || c == Category.TRAFFICKING);
    if (severeCategory && countries >= 3) {
      return Severity.CRITICAL;
    }
    return severeCategory || countries >= 3 ? Severity.HIGH : Severity.MEDIUM;
  }

  /** The countries and agencies behind a match, in a stable form. */
  static String fingerprint(IndicatorState state) {
    TreeSet<String> agencies = new TreeSet<>();
    state.getAgencies().values().forEach(v -> agencies.add(v.getCountry() + "/" + v.getAgencyId()));
    return String.join(",", agencies);
  }

  private static List<String> countriesOf(String fingerprint) {
    TreeSet<String> countries = new TreeSet<>();
    Arrays.stream(fingerprint.split(","))
        .filter(s -> !s.isEmpty())
        .forEach(s -> countries.add(s.substring(0, s.indexOf('/'))));
    return new ArrayList<>(countries);
  }

  /** Deterministic: the same facts give the same id, so a replay can be recognised downstream. */
  static String alertId(String recipient, String reason, String indicator, String fingerprint) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest(
              String.join("\n", recipient, reason, indicator, fingerprint)
                  .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
