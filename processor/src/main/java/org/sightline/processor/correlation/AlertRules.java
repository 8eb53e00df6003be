package org.sightline.processor.correlation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sightline.alerts.AlertMessage;
import org.sightline.schema.AgencyView;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Category;
import org.sightline.schema.Identification;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.LinkView;
import org.sightline.schema.Severity;
import org.sightline.topics.Topics;

/**
 * Which alert reasons hold for an indicator's state. Pure: the same state gives the same matches,
 * so each rule is tested on its own and a retraction can tell which matches it ended.
 */
public final class AlertRules {

  /** The member countries as they are now: a country that joins is a hosting country at once. */
  private final java.util.function.Supplier<Set<String>> memberCountries;

  public AlertRules(Set<String> memberCountries) {
    Set<String> fixed = Set.copyOf(memberCountries);
    this.memberCountries = () -> fixed;
  }

  public AlertRules(java.util.function.Supplier<Set<String>> memberCountries) {
    this.memberCountries = memberCountries;
  }

  public List<Match> matches(IndicatorState state) {
    List<Match> matches = new ArrayList<>();
    Map<String, SortedSet<String>> agenciesByCountry = agenciesByCountry(state);
    SortedSet<String> allAgencies = new TreeSet<>(state.getAgencies().keySet());
    SortedSet<String> countries = new TreeSet<>(agenciesByCountry.keySet());
    Severity severity = severity(state, countries.size());

    List<Party> evidence = state.getAgencies().values().stream().map(Party::of).toList();
    if (countries.size() >= 2) {
      matches.add(
          new Match(
              AlertReason.CROSS_BORDER_MATCH,
              withSecretariat(countries),
              allAgencies,
              evidence,
              severity,
              AlertMessage.CROSS_BORDER,
              AlertMessage.params("count", String.valueOf(countries.size()))));
    }

    SortedSet<String> multiCountries = new TreeSet<>();
    SortedSet<String> multiAgencies = new TreeSet<>();
    agenciesByCountry.forEach(
        (country, agencies) -> {
          if (agencies.size() >= 2) {
            multiCountries.add(country);
            multiAgencies.addAll(agencies);
          }
        });
    if (!multiCountries.isEmpty()) {
      matches.add(
          new Match(
              AlertReason.MULTI_AGENCY_MATCH,
              withSecretariat(multiCountries),
              multiAgencies,
              evidence,
              severity,
              AlertMessage.MULTI_AGENCY,
              Map.of()));
    }

    SortedSet<String> hosting = new TreeSet<>();
    Set<String> members = memberCountries.get();
    for (String country : state.getHostingCountries()) {
      if (members.contains(country)) {
        hosting.add(country);
      }
    }
    if (!hosting.isEmpty() && !state.getAgencies().isEmpty()) {
      matches.add(
          new Match(
              AlertReason.HOSTED_IN_YOUR_COUNTRY,
              withSecretariat(hosting),
              hosting,
              evidence,
              severity,
              AlertMessage.HOSTED,
              Map.of()));
    }

    Identification id = state.getIdentification();
    boolean identified =
        id != null && (Boolean.TRUE.equals(id.getVictimIdentified()) || id.getSeries() != null);
    if (identified && allAgencies.size() >= 2) {
      matches.add(
          new Match(
              AlertReason.KNOWN_IDENTIFIED_SERIES,
              withSecretariat(countries),
              allAgencies,
              evidence,
              Severity.MEDIUM,
              id.getSeries() == null ? AlertMessage.IDENTIFIED : AlertMessage.IDENTIFIED_SERIES,
              AlertMessage.params("series", id.getSeries())));
    }
    linked(state).ifPresent(matches::add);
    nearDuplicate(state).ifPresent(matches::add);
    return matches;
  }

  /**
   * Re-encoded, resized or cropped copies of the same image (PDQ hashes within the match distance)
   * reported by other agencies: the cases behind them concern the same material. Held by the state
   * of the image's cluster root, where every variant links.
   */
  private static java.util.Optional<Match> nearDuplicate(IndicatorState state) {
    if (state.getNearDuplicates().isEmpty() || state.getAgencies().isEmpty()) {
      return java.util.Optional.empty();
    }
    SortedSet<String> agencies = new TreeSet<>(state.getAgencies().keySet());
    SortedSet<String> countries = IndicatorStates.countries(state.getAgencies());
    List<Party> evidence = new ArrayList<>();
    state.getAgencies().values().forEach(v -> evidence.add(Party.of(v)));
    int nearest = Integer.MAX_VALUE;
    for (LinkView copy : state.getNearDuplicates().values()) {
      agencies.add(copy.getAgencyId());
      countries.add(copy.getCountry());
      evidence.add(Party.of(copy));
      if (copy.getDistance() != null) {
        nearest = Math.min(nearest, copy.getDistance());
      }
    }
    // One agency's own variants of an image leave nobody to deconflict with.
    if (agencies.size() < 2) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Match(
            AlertReason.NEAR_DUPLICATE_HASH,
            withSecretariat(countries),
            // The agencies behind the image, not its variants: another re-encoding from an agency
            // already behind it is no news to anyone (a storm of one alert per variant, before).
            agencies,
            evidence,
            countries.size() >= 2 ? Severity.HIGH : Severity.MEDIUM,
            AlertMessage.NEAR_DUPLICATE,
            AlertMessage.params("distance", String.valueOf(nearest))));
  }

  /**
   * Indicators of two or more agencies that name this one as related (a wallet found on two
   * different sites): the sites are linked through it.
   */
  private static java.util.Optional<Match> linked(IndicatorState state) {
    SortedSet<String> sources = new TreeSet<>();
    SortedSet<String> agencies = new TreeSet<>();
    SortedSet<String> countries = new TreeSet<>();
    List<Party> evidence = new ArrayList<>();
    for (LinkView link : state.getLinks().values()) {
      sources.add(link.getSource());
      agencies.add(link.getAgencyId());
      countries.add(link.getCountry());
      evidence.add(Party.of(link));
    }
    // News is another agency or another linked indicator (each site is a lead), not another
    // agency's report of a link already known. Agency ids hold no ':', indicator keys do.
    SortedSet<String> parties = new TreeSet<>(agencies);
    parties.addAll(sources);
    if (sources.size() < 2 || agencies.size() < 2) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Match(
            AlertReason.LINKED_INDICATORS,
            withSecretariat(countries),
            parties,
            evidence,
            countries.size() >= 2 ? Severity.HIGH : Severity.MEDIUM,
            AlertMessage.LINKED,
            AlertMessage.params("indicator", state.getIndicator())));
  }

  private static SortedSet<String> withSecretariat(SortedSet<String> countries) {
    SortedSet<String> recipients = new TreeSet<>(countries);
    recipients.add(Topics.SECRETARIAT);
    return recipients;
  }

  private static Map<String, SortedSet<String>> agenciesByCountry(IndicatorState state) {
    Map<String, SortedSet<String>> byCountry = new TreeMap<>();
    for (AgencyView view : state.getAgencies().values()) {
      byCountry.computeIfAbsent(view.getCountry(), c -> new TreeSet<>()).add(view.getAgencyId());
    }
    return byCountry;
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
}
