package org.sightline.processor.correlation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertMark;
import org.sightline.schema.AlertReason;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.Severity;
import org.sightline.topics.Topics;

/**
 * Turns the matches that hold for an indicator into alerts, each written as its recipient may see
 * it. A recipient is alerted again for the same indicator and reason only on material change — a
 * new agency or country behind it, or a higher severity — never for a repeat sighting (no alert
 * storms). A match that no longer holds (after a retraction) is superseded for everyone it was sent
 * to.
 */
public final class AlertDecisions {

  static final String HIT_NO_HIT =
      "Another member holds information on this indicator. Contact the secretariat to deconflict.";

  private AlertDecisions() {}

  public static List<Alert> decide(IndicatorState state, List<Match> matches, Instant now) {
    List<Alert> alerts = new ArrayList<>();
    Set<String> holding = new HashSet<>();
    for (Match match : matches) {
      String reason = match.reason().name();
      holding.add(reason);
      AlertMark mark = state.getMarks().get(reason);
      if (mark == null || isMaterial(mark, match)) {
        String fingerprint = match.severity() + "|" + String.join(",", match.parties());
        for (String recipient : match.recipients()) {
          alerts.add(render(state, match, recipient, fingerprint, now));
        }
        SortedSet<String> everyone = new TreeSet<>(match.recipients());
        if (mark != null) {
          everyone.addAll(mark.getRecipients());
        }
        state
            .getMarks()
            .put(
                reason,
                new AlertMark(
                    match.severity(),
                    new ArrayList<>(match.parties()),
                    new ArrayList<>(everyone),
                    fingerprint));
      } else {
        // Fewer parties now (a retraction): remember that, so their return is material again.
        mark.setParties(new ArrayList<>(match.parties()));
      }
    }
    for (String reason : new ArrayList<>(state.getMarks().keySet())) {
      if (!holding.contains(reason)) {
        AlertMark ended = state.getMarks().remove(reason);
        for (String recipient : ended.getRecipients()) {
          alerts.add(superseded(state, AlertReason.valueOf(reason), ended, recipient, now));
        }
      }
    }
    return alerts;
  }

  private static boolean isMaterial(AlertMark mark, Match match) {
    return !mark.getParties().containsAll(match.parties())
        || !mark.getRecipients().containsAll(match.recipients())
        || match.severity().compareTo(mark.getSeverity()) > 0;
  }

  private static Alert render(
      IndicatorState state, Match match, String recipient, String fingerprint, Instant now) {
    TreeSet<String> countries = new TreeSet<>();
    TreeSet<String> agencies = new TreeSet<>();
    List<String> sightingIds = new ArrayList<>();
    boolean hidden = false;
    boolean limited = false;
    TreeSet<String> linked = new TreeSet<>();
    for (Party party : match.evidence()) {
      Disclosure.Level level = Disclosure.of(party, recipient);
      if (level == Disclosure.Level.HIT_ONLY) {
        hidden = true;
        continue;
      }
      limited |= level == Disclosure.Level.NO_CASE_REFERENCE;
      countries.add(party.country());
      agencies.add(party.agencyId());
      sightingIds.addAll(party.sightingIds());
      if (party.linkedIndicator() != null) {
        linked.add(party.linkedIndicator());
      }
    }
    boolean othersVisible =
        Topics.SECRETARIAT.equals(recipient)
            ? !agencies.isEmpty()
            : countries.stream().anyMatch(c -> !c.equals(recipient));
    org.sightline.schema.Disclosure disclosure =
        hidden && !othersVisible
            ? org.sightline.schema.Disclosure.HIT_NO_HIT
            : hidden || limited
                ? org.sightline.schema.Disclosure.LIMITED
                : org.sightline.schema.Disclosure.FULL;
    String message =
        disclosure == org.sightline.schema.Disclosure.HIT_NO_HIT
            ? HIT_NO_HIT
            : match.summary()
                + " Countries: "
                + String.join(", ", countries)
                + "."
                + (hidden ? " " + HIT_NO_HIT : "");
    return Alert.newBuilder()
        .setId(alertId(recipient, match.reason().name(), state.getIndicator(), fingerprint))
        .setReason(match.reason())
        .setRecipient(recipient)
        .setIndicator(state.getIndicator())
        .setIndicatorType(state.getType())
        .setSeverity(match.severity())
        .setDisclosure(disclosure)
        .setCountries(
            disclosure == org.sightline.schema.Disclosure.HIT_NO_HIT
                ? List.of()
                : new ArrayList<>(countries))
        .setAgencies(new ArrayList<>(agencies))
        .setSightingIds(sightingIds)
        .setFirstSeen(state.getFirstSeen())
        .setLastSeen(state.getLastSeen())
        .setCreatedAt(now)
        .setMessage(message)
        .setAttributes(
            linked.isEmpty()
                ? java.util.Map.of()
                : java.util.Map.of("linked", String.join(" ", linked)))
        .build();
  }

  private static Alert superseded(
      IndicatorState state, AlertReason reason, AlertMark ended, String recipient, Instant now) {
    return Alert.newBuilder()
        .setId(
            alertId(
                recipient,
                AlertReason.SUPERSEDED.name() + "/" + reason,
                state.getIndicator(),
                ended.getLastFingerprint()))
        .setReason(AlertReason.SUPERSEDED)
        .setRecipient(recipient)
        .setIndicator(state.getIndicator())
        .setIndicatorType(state.getType())
        .setSeverity(Severity.LOW)
        .setDisclosure(org.sightline.schema.Disclosure.FULL)
        .setFirstSeen(state.getFirstSeen())
        .setLastSeen(state.getLastSeen())
        .setCreatedAt(now)
        .setSupersedes(
            alertId(recipient, reason.name(), state.getIndicator(), ended.getLastFingerprint()))
        .setMessage(
            "A sighting behind an earlier "
                + reason
                + " alert was withdrawn by the agency that reported it; that alert no longer holds.")
        .setAttributes(java.util.Map.of("supersededReason", reason.name()))
        .build();
  }

  /** The one alert an over-correlated indicator gets: to the secretariat, when it is held back. */
  public static Alert overCorrelated(IndicatorState state, String why, Instant now) {
    return Alert.newBuilder()
        .setId(
            alertId(
                Topics.SECRETARIAT, AlertReason.OVER_CORRELATED.name(), state.getIndicator(), why))
        .setReason(AlertReason.OVER_CORRELATED)
        .setRecipient(Topics.SECRETARIAT)
        .setIndicator(state.getIndicator())
        .setIndicatorType(state.getType())
        .setSeverity(Severity.LOW)
        .setDisclosure(org.sightline.schema.Disclosure.FULL)
        .setAgencies(List.copyOf(state.getAgencies().keySet()))
        .setFirstSeen(state.getFirstSeen())
        .setLastSeen(state.getLastSeen())
        .setCreatedAt(now)
        .setMessage(
            "Held back: "
                + why
                + ". Its sightings are kept and summarised, but members are no longer alerted for it.")
        .build();
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
