package org.sightline.processor.correlation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sightline.alerts.AlertMessage;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertMark;
import org.sightline.schema.AlertReason;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.RecipientMark;
import org.sightline.schema.Severity;
import org.sightline.schema.SightingFacts;
import org.sightline.schema.Tlp;
import org.sightline.topics.Topics;

/**
 * Turns the matches that hold for an indicator into alerts, each recipient's written from the
 * indicator's state as that recipient may see it ({@link Disclosure#project}): the alert rules run
 * again on that view, so a recipient learns only what it may learn — not a party, a hosting
 * country, an identification or a link it may not see, and not even the reason when only hidden
 * sightings make it. A recipient that holds the indicator, while a sighting it may not see makes a
 * match it would otherwise be told of, gets a {@code HIT_NO_HIT} notice instead.
 *
 * <p>Each recipient is alerted again for a reason only on material change of its own view — a new
 * party or a higher severity — never for a repeat sighting or for a change it cannot see (no alert
 * storms, no side channel). A match that no longer holds for a recipient (after a retraction) is
 * superseded for it.
 *
 * <p>Recipients: the secretariat (everything), each country a match names (its alert topic, which
 * every agency of the country reads), and an agency whose own sightings its country may not see
 * (RED, AMBER+STRICT, or named recipients that leave its country out): it gets its own alerts, on
 * {@code alerts.agency.<id>}, so it is not the one member kept in the dark about its own lead.
 */
public final class AlertDecisions {

  static final String HIT_NO_HIT = AlertMessage.HIT_NO_HIT.english();

  private AlertDecisions() {}

  public static List<Alert> decide(IndicatorState state, AlertRules rules, Instant now) {
    List<Match> full = rules.matches(state);
    Map<AlertReason, Match> fullByReason = new LinkedHashMap<>();
    full.forEach(m -> fullByReason.put(m.reason(), m));
    List<Alert> alerts = new ArrayList<>();
    // Reason (or HIT_NO_HIT) -> the recipients it holds for now: the others' alerts are superseded.
    Map<AlertReason, Set<String>> holding = new HashMap<>();
    for (Viewer viewer : viewers(full)) {
      IndicatorState seen = Disclosure.project(state, viewer);
      List<Match> visible =
          viewer.isSecretariat()
              ? full
              : rules.matches(seen).stream()
                  .filter(m -> m.recipients().contains(viewer.country()))
                  .toList();
      Set<AlertReason> told = new LinkedHashSet<>();
      for (Match match : visible) {
        told.add(match.reason());
        Match whole = fullByReason.get(match.reason());
        boolean hidden =
            whole != null && whole.evidence().stream().anyMatch(p -> p.hiddenFrom(viewer));
        String fingerprint = match.severity() + "|" + String.join(",", match.parties());
        consider(
            state,
            match.reason(),
            viewer.recipient(),
            match.severity(),
            match.parties(),
            fingerprint,
            () -> render(state, match, viewer, hidden, fingerprint, now),
            alerts,
            holding);
      }
      if (!viewer.isSecretariat() && holds(seen, viewer)) {
        boolean hit =
            full.stream()
                .anyMatch(
                    m ->
                        !told.contains(m.reason())
                            && m.recipients().contains(viewer.country())
                            && m.evidence().stream().anyMatch(p -> p.hiddenFrom(viewer)));
        if (hit) {
          String fingerprint = "hit";
          consider(
              state,
              AlertReason.HIT_NO_HIT,
              viewer.recipient(),
              Severity.MEDIUM,
              new TreeSet<>(Set.of("hit")),
              fingerprint,
              () -> hitNotice(state, viewer, fingerprint, now),
              alerts,
              holding);
        }
      }
    }
    for (String reason : new ArrayList<>(state.getMarks().keySet())) {
      AlertReason key = AlertReason.valueOf(reason);
      AlertMark mark = state.getMarks().get(reason);
      Set<String> stillHeld = holding.getOrDefault(key, Set.of());
      Map<String, RecipientMark> byRecipient = recipientMarks(mark, key);
      for (Map.Entry<String, RecipientMark> entry : new TreeMap<>(byRecipient).entrySet()) {
        if (!stillHeld.contains(entry.getKey())) {
          alerts.add(superseded(state, entry.getValue(), entry.getKey(), now));
          byRecipient.remove(entry.getKey());
        }
      }
      if (byRecipient.isEmpty()) {
        state.getMarks().remove(reason);
      } else {
        mark.setByRecipient(byRecipient);
        mark.setRecipients(new ArrayList<>(new TreeSet<>(byRecipient.keySet())));
      }
    }
    return alerts;
  }

  /**
   * The secretariat, every country a match names, and every agency of a match whose own sightings
   * are hidden from its own country.
   */
  private static List<Viewer> viewers(List<Match> matches) {
    Set<Viewer> viewers = new LinkedHashSet<>();
    viewers.add(Viewer.SECRETARIAT);
    for (Match match : matches) {
      for (String recipient : match.recipients()) {
        if (!Topics.SECRETARIAT.equals(recipient)) {
          viewers.add(Viewer.country(recipient));
        }
      }
    }
    for (Match match : matches) {
      for (Party party : match.evidence()) {
        Viewer ownCountry = Viewer.country(party.country());
        boolean restricted =
            party.facts().stream()
                .anyMatch(
                    f ->
                        Disclosure.of(party.agencyId(), party.country(), f, ownCountry)
                            == Disclosure.Level.HIDDEN);
        if (restricted) {
          viewers.add(Viewer.agency(party.agencyId(), party.country()));
        }
      }
    }
    return new ArrayList<>(viewers);
  }

  /**
   * Whether the viewer holds information on the indicator itself, as far as it may see: it reported
   * it, or one of its sightings names it as related or is a near-duplicate of it.
   */
  private static boolean holds(IndicatorState seen, Viewer viewer) {
    java.util.function.BiPredicate<String, String> mine =
        (agency, country) ->
            viewer.agency() != null
                ? viewer.agency().equals(agency)
                : viewer.country().equals(country);
    return seen.getAgencies().values().stream()
            .anyMatch(v -> mine.test(v.getAgencyId(), v.getCountry()))
        || seen.getLinks().values().stream()
            .anyMatch(l -> mine.test(l.getAgencyId(), l.getCountry()))
        || seen.getNearDuplicates().values().stream()
            .anyMatch(l -> mine.test(l.getAgencyId(), l.getCountry()));
  }

  /**
   * Alerts {@code recipient} for {@code reason} when what it sees changed materially since it was
   * last alerted (a new party, a higher severity); records what it was told.
   */
  private static void consider(
      IndicatorState state,
      AlertReason reason,
      String recipient,
      Severity severity,
      SortedSet<String> parties,
      String fingerprint,
      java.util.function.Supplier<Alert> alert,
      List<Alert> alerts,
      Map<AlertReason, Set<String>> holding) {
    holding.computeIfAbsent(reason, r -> new TreeSet<>()).add(recipient);
    AlertMark mark = state.getMarks().get(reason.name());
    if (mark == null) {
      mark =
          AlertMark.newBuilder()
              .setSeverity(severity)
              .setParties(new ArrayList<>(parties))
              .setRecipients(new ArrayList<>())
              .setLastFingerprint(fingerprint)
              .setByRecipient(new HashMap<>())
              .build();
      state.getMarks().put(reason.name(), mark);
    }
    Map<String, RecipientMark> byRecipient = recipientMarks(mark, reason);
    RecipientMark last = byRecipient.get(recipient);
    boolean material =
        last == null
            || last.getShownAs() != reason
            || !last.getParties().containsAll(parties)
            || severity.compareTo(last.getSeverity()) > 0;
    if (material) {
      alerts.add(alert.get());
      byRecipient.put(
          recipient, new RecipientMark(severity, new ArrayList<>(parties), fingerprint, reason));
    } else {
      // Fewer parties now (a retraction): remember that, so their return is material again.
      last.setParties(new ArrayList<>(parties));
    }
    mark.setByRecipient(byRecipient);
    mark.setRecipients(new ArrayList<>(new TreeSet<>(byRecipient.keySet())));
    if (Topics.SECRETARIAT.equals(recipient)) {
      mark.setSeverity(severity);
      mark.setParties(new ArrayList<>(parties));
      mark.setLastFingerprint(byRecipient.get(recipient).getFingerprint());
    }
  }

  /**
   * Per recipient, what it was last told for this reason; a mark written before recipients were
   * told apart stands for each of its recipients alike.
   */
  private static Map<String, RecipientMark> recipientMarks(AlertMark mark, AlertReason reason) {
    Map<String, RecipientMark> byRecipient = new HashMap<>(mark.getByRecipient());
    if (byRecipient.isEmpty()) {
      for (String recipient : mark.getRecipients()) {
        byRecipient.put(
            recipient,
            new RecipientMark(
                mark.getSeverity(),
                new ArrayList<>(mark.getParties()),
                mark.getLastFingerprint(),
                reason));
      }
    }
    return byRecipient;
  }

  private static Alert render(
      IndicatorState state,
      Match match,
      Viewer viewer,
      boolean hidden,
      String fingerprint,
      Instant now) {
    TreeSet<String> countries = new TreeSet<>();
    TreeSet<String> agencies = new TreeSet<>();
    List<String> sightingIds = new ArrayList<>();
    TreeSet<String> linked = new TreeSet<>();
    Map<String, String> restrictions = new TreeMap<>();
    boolean limited = hidden;
    Tlp strictest = Tlp.CLEAR;
    for (Party party : match.evidence()) {
      countries.add(party.country());
      agencies.add(party.agencyId());
      for (String id : party.sightingIds()) {
        if (!sightingIds.contains(id)) {
          sightingIds.add(id);
        }
      }
      if (party.linkedIndicator() != null) {
        linked.add(party.linkedIndicator());
      }
      limited |= party.limitedFor(viewer);
      String restriction = party.restriction();
      if (restriction != null) {
        restrictions.merge(party.agencyId(), restriction, (a, b) -> a);
      }
      strictest = party.tlp().compareTo(strictest) > 0 ? party.tlp() : strictest;
    }
    org.sightline.schema.Disclosure disclosure =
        limited ? org.sightline.schema.Disclosure.LIMITED : org.sightline.schema.Disclosure.FULL;
    Map<String, String> params = new java.util.LinkedHashMap<>(match.params());
    params.put("countries", String.join(", ", countries));
    if (hidden) {
      params.put("hidden", "true");
    }
    Map<String, String> attributes = new TreeMap<>();
    if (!linked.isEmpty()) {
      attributes.put("linked", String.join(" ", linked));
    }
    attributes.put("tlp", label(strictest));
    if (!restrictions.isEmpty()) {
      List<String> lines = new ArrayList<>();
      restrictions.forEach((agency, what) -> lines.add(agency + ": " + what));
      attributes.put("restrictions", String.join("; ", lines));
    }
    return match
        .message()
        .on(Alert.newBuilder(), params)
        .setId(
            alertId(viewer.recipient(), match.reason().name(), state.getIndicator(), fingerprint))
        .setReason(match.reason())
        .setRecipient(viewer.recipient())
        .setIndicator(state.getIndicator())
        .setIndicatorType(state.getType())
        .setSeverity(match.severity())
        .setDisclosure(disclosure)
        .setCountries(new ArrayList<>(countries))
        .setAgencies(new ArrayList<>(agencies))
        .setSightingIds(sightingIds)
        .setFirstSeen(firstSeen(match, state))
        .setLastSeen(lastSeen(match, state))
        .setCreatedAt(now)
        .setAttributes(attributes)
        .build();
  }

  /** TLP 2.0 spelling: {@code AMBER+STRICT}. */
  static String label(Tlp tlp) {
    return tlp == Tlp.AMBER_STRICT ? "AMBER+STRICT" : tlp.name();
  }

  /** First seen among the sightings the recipient may see. */
  private static Instant firstSeen(Match match, IndicatorState state) {
    return match.evidence().stream()
        .flatMap(p -> p.facts().stream())
        .map(SightingFacts::getObservedAt)
        .min(Instant::compareTo)
        .orElse(state.getFirstSeen());
  }

  private static Instant lastSeen(Match match, IndicatorState state) {
    return match.evidence().stream()
        .flatMap(p -> p.facts().stream())
        .map(SightingFacts::getObservedAt)
        .max(Instant::compareTo)
        .orElse(state.getLastSeen());
  }

  /**
   * Deconfliction without disclosure: the indicator the recipient holds itself, and that someone
   * else does; no agency, country, case, sighting, time or reason.
   */
  private static Alert hitNotice(
      IndicatorState state, Viewer viewer, String fingerprint, Instant now) {
    return AlertMessage.HIT_NO_HIT
        .on(
            notice(
                state,
                viewer.recipient(),
                AlertReason.HIT_NO_HIT,
                AlertReason.HIT_NO_HIT.name(),
                fingerprint,
                Severity.MEDIUM,
                org.sightline.schema.Disclosure.HIT_NO_HIT,
                now),
            Map.of())
        .setFirstSeen(now)
        .setLastSeen(now)
        .build();
  }

  private static Alert superseded(
      IndicatorState state, RecipientMark ended, String recipient, Instant now) {
    AlertReason reason = ended.getShownAs();
    boolean hit = reason == AlertReason.HIT_NO_HIT;
    Alert.Builder alert =
        hit
            ? AlertMessage.SUPERSEDED_HIT.on(Alert.newBuilder(), Map.of())
            : AlertMessage.SUPERSEDED.on(
                Alert.newBuilder(), AlertMessage.params("reason", reason.name()));
    return alert
        .setId(
            alertId(
                recipient,
                AlertReason.SUPERSEDED.name() + "/" + reason,
                state.getIndicator(),
                ended.getFingerprint()))
        .setReason(AlertReason.SUPERSEDED)
        .setRecipient(recipient)
        .setIndicator(state.getIndicator())
        .setIndicatorType(state.getType())
        .setSeverity(Severity.LOW)
        .setDisclosure(
            hit ? org.sightline.schema.Disclosure.HIT_NO_HIT : org.sightline.schema.Disclosure.FULL)
        .setFirstSeen(hit ? now : state.getFirstSeen())
        .setLastSeen(hit ? now : state.getLastSeen())
        .setCreatedAt(now)
        .setSupersedes(
            alertId(recipient, reason.name(), state.getIndicator(), ended.getFingerprint()))
        .setAttributes(java.util.Map.of("supersededReason", reason.name()))
        .build();
  }

  /** The one alert an over-correlated indicator gets: to the secretariat, when it is held back. */
  public static Alert overCorrelated(IndicatorState state, OverCorrelation.Why why, Instant now) {
    return why.message()
        .on(Alert.newBuilder(), why.params())
        .setId(
            alertId(
                Topics.SECRETARIAT,
                AlertReason.OVER_CORRELATED.name(),
                state.getIndicator(),
                why.text()))
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
        .build();
  }

  /** Deterministic: the same facts give the same id, so a replay can be recognised downstream. */
  /**
   * What every notice about one indicator shares: its id (from the recipient, {@code kind}, the
   * indicator and {@code fingerprint}, so the same facts give the same id), reason, recipient,
   * indicator, severity, disclosure and time; the caller adds the rest.
   */
  static Alert.Builder notice(
      IndicatorState state,
      String recipient,
      AlertReason reason,
      String kind,
      String fingerprint,
      Severity severity,
      org.sightline.schema.Disclosure disclosure,
      Instant now) {
    return Alert.newBuilder()
        .setId(alertId(recipient, kind, state.getIndicator(), fingerprint))
        .setReason(reason)
        .setRecipient(recipient)
        .setIndicator(state.getIndicator())
        .setIndicatorType(state.getType())
        .setSeverity(severity)
        .setDisclosure(disclosure)
        .setCreatedAt(now);
  }

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
