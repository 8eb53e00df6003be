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
   * secretariat.
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
      List<String> ids = new ArrayList<>();
      state.getIwolSupport().values().forEach(v -> ids.addAll(v.getSightingIds()));
      IwolEntry entry =
          IwolEntry.newBuilder()
              .setDomain(domain)
              .setListedAt(now)
              .setCategory(Category.BASELINE_CSAM)
              .setSupportingAgencies(new ArrayList<>(agencies))
              .setSupportingCountries(new ArrayList<>(countries))
              .setSightingIds(ids)
              .build();
      return List.of(
          new Change(
              domain,
              entry,
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
    if (!qualifies && listed) {
      state.setIwolListedAt(null);
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
