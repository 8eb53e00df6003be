package org.sightline.processor.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.sightline.schema.AgencyView;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Category;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolEntry;
import org.sightline.schema.Severity;
import org.sightline.topics.Topics;

/**
 * The "worst of" list (IWOL, INTERPOL 2024): a domain is listed when BASELINE_CSAM sightings — of
 * the domain or of URLs on it — from at least {@code minAgencies} agencies of at least {@code
 * minCountries} countries, each shareable (TLP CLEAR or GREEN), support it. It is delisted by
 * tombstone as soon as that support falls below the threshold: withdrawn (retraction), stale (no
 * sighting within {@code expiry}), or set aside by the secretariat.
 */
public final class IwolDecisions {

  /**
   * A change of the list: an entry, or a tombstone ({@code entry == null}), and the note to the
   * secretariat ({@code null} when the secretariat needs none: a listing's expiry moved).
   */
  public record Change(String domain, IwolEntry entry, Alert alert) {}

  private final int minAgencies;
  private final int minCountries;
  private final Duration expiry;

  public IwolDecisions(int minAgencies, int minCountries, Duration expiry) {
    this.minAgencies = minAgencies;
    this.minCountries = minCountries;
    this.expiry = expiry;
  }

  /**
   * Drops the support of agencies whose newest supporting sighting was observed more than {@code
   * expiry} before {@code now}; true when any was dropped.
   */
  public boolean expire(IndicatorState state, Instant now) {
    Instant cutoff = now.minus(expiry);
    return state.getIwolSupport().values().removeIf(v -> v.getLastSeen().isBefore(cutoff));
  }

  /**
   * When the listing must next be checked for expiry: when the oldest agency support goes stale.
   * Empty when the domain is not listed.
   */
  public Optional<Instant> nextExpiryCheck(IndicatorState state) {
    if (state.getIwolListedAt() == null) {
      return Optional.empty();
    }
    return state.getIwolSupport().values().stream()
        .map(AgencyView::getLastSeen)
        .min(Comparator.naturalOrder())
        .map(oldest -> oldest.plus(expiry));
  }

  /**
   * The secretariat's decision: the domain leaves the list (when it is on it), and the support it
   * had no longer counts — only sightings observed after the delisting can list it again.
   */
  public List<Change> delist(IndicatorState state, IwolDelisting delisting, Instant now) {
    state.getIwolSupport().clear();
    state.setIwolDelistedAt(delisting.getRequestedAt());
    if (state.getType() != IndicatorType.DOMAIN || state.getIwolListedAt() == null) {
      return List.of();
    }
    state.setIwolListedAt(null);
    state.setIwolExpiresAt(null);
    String why = delisting.getReason() == null ? "" : ": " + delisting.getReason();
    return List.of(
        new Change(
            domainOf(state),
            null,
            note(
                state,
                AlertReason.IWOL_DELISTED,
                new TreeSet<>(),
                new TreeSet<>(),
                List.of(),
                now,
                "Removed from the \"worst of\" list by the secretariat ("
                    + delisting.getRequestedBy()
                    + ")"
                    + why
                    + ". Only sightings observed from now on can list it again.")));
  }

  /** Lists or delists the domain as its current support calls for. */
  public List<Change> decide(IndicatorState state, Instant now) {
    if (state.getType() != IndicatorType.DOMAIN) {
      return List.of();
    }
    String domain = domainOf(state);
    SortedSet<String> agencies = new TreeSet<>(state.getIwolSupport().keySet());
    SortedSet<String> countries = IndicatorStates.countries(state.getIwolSupport());
    boolean qualifies = agencies.size() >= minAgencies && countries.size() >= minCountries;
    boolean listed = state.getIwolListedAt() != null;
    if (qualifies && !listed) {
      state.setIwolListedAt(now);
      state.setIwolExpiresAt(expiresAt(state));
      List<String> ids = new ArrayList<>();
      state.getIwolSupport().values().forEach(v -> ids.addAll(v.getSightingIds()));
      // Provenance goes to the secretariat's note only: the entry is what access providers get.
      return List.of(
          new Change(
              domain,
              entry(state),
              note(
                  state,
                  AlertReason.IWOL_LISTED,
                  agencies,
                  countries,
                  ids,
                  now,
                  "Listed in the \"worst of\" list: BASELINE_CSAM confirmed by "
                      + agencies.size()
                      + " agencies of "
                      + countries.size()
                      + " countries.")));
    }
    if (qualifies) {
      // Still listed: new support may have moved the day it lapses; providers get the new entry.
      Instant expires = expiresAt(state);
      if (!expires.equals(state.getIwolExpiresAt())) {
        state.setIwolExpiresAt(expires);
        return List.of(new Change(domain, entry(state), null));
      }
      return List.of();
    }
    if (listed) {
      state.setIwolListedAt(null);
      state.setIwolExpiresAt(null);
      return List.of(
          new Change(
              domain,
              null,
              note(
                  state,
                  AlertReason.IWOL_DELISTED,
                  agencies,
                  countries,
                  List.of(),
                  now,
                  "Removed from the \"worst of\" list: its support fell below "
                      + minAgencies
                      + " agencies of "
                      + minCountries
                      + " countries (sightings withdrawn, or none observed within "
                      + expiry.toDays()
                      + " days).")));
    }
    return List.of();
  }

  /** The public line of a listed domain: no agency, country, case or sighting. */
  private static IwolEntry entry(IndicatorState state) {
    return IwolEntry.newBuilder()
        .setDomain(domainOf(state))
        .setListedAt(state.getIwolListedAt())
        .setCategory(Category.BASELINE_CSAM)
        .setExpiresAt(state.getIwolExpiresAt())
        .build();
  }

  /**
   * The day (00:00 UTC) the listing lapses if nothing supports it again: supports lapse oldest
   * first, each {@code expiry} after its newest sighting, until the rest no longer qualify. Rounded
   * down, so a provider is never told it lasts longer than it does, and so that it changes at most
   * once a day.
   */
  Instant expiresAt(IndicatorState state) {
    List<AgencyView> supports = new ArrayList<>(state.getIwolSupport().values());
    supports.sort(Comparator.comparing(AgencyView::getLastSeen));
    Instant lapse = null;
    for (int i = 0; i < supports.size(); i++) {
      lapse = supports.get(i).getLastSeen().plus(expiry);
      List<AgencyView> rest = supports.subList(i + 1, supports.size());
      long agencies = rest.size();
      long countries = rest.stream().map(AgencyView::getCountry).distinct().count();
      if (agencies < minAgencies || countries < minCountries) {
        break;
      }
    }
    return (lapse == null ? Instant.EPOCH : lapse).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
  }

  private static String domainOf(IndicatorState state) {
    return state.getIndicator().substring("domain:".length());
  }

  private static Alert note(
      IndicatorState state,
      AlertReason reason,
      SortedSet<String> agencies,
      SortedSet<String> countries,
      List<String> ids,
      Instant now,
      String message) {
    return Alert.newBuilder()
        .setId(
            AlertDecisions.alertId(
                Topics.SECRETARIAT, reason.name(), state.getIndicator(), now.toString()))
        .setReason(reason)
        .setRecipient(Topics.SECRETARIAT)
        .setIndicator(state.getIndicator())
        .setIndicatorType(IndicatorType.DOMAIN)
        .setSeverity(reason == AlertReason.IWOL_LISTED ? Severity.HIGH : Severity.LOW)
        .setDisclosure(org.sightline.schema.Disclosure.FULL)
        .setCountries(new ArrayList<>(countries))
        .setAgencies(new ArrayList<>(agencies))
        .setSightingIds(ids)
        .setFirstSeen(state.getFirstSeen())
        .setLastSeen(state.getLastSeen())
        .setCreatedAt(now)
        .setMessage(message)
        .build();
  }
}
