package org.sightline.processor.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.sightline.alerts.AlertMessage;
import org.sightline.schema.AgencyView;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Category;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolEntry;
import org.sightline.schema.IwolProposal;
import org.sightline.schema.IwolReview;
import org.sightline.schema.IwolVerdict;
import org.sightline.schema.Severity;
import org.sightline.topics.Topics;

/**
 * The "worst of" list (IWOL, INTERPOL 2024): a domain meets the rule when BASELINE_CSAM sightings —
 * of the domain or of URLs on it — from at least {@code minAgencies} agencies of at least {@code
 * minCountries} countries, each shareable (TLP CLEAR or GREEN), support it. It is then proposed to
 * the secretariat, which verifies it by hand, as INTERPOL does, and approves (it is listed) or
 * rejects it; with {@code autoApprove} it is listed at once. A proposal whose support falls below
 * the rule before the review is withdrawn; a listed domain is delisted by tombstone as soon as its
 * support falls below the rule (withdrawn, stale: no sighting within {@code expiry}) or when the
 * secretariat sets it aside.
 */
public final class IwolDecisions {

  /**
   * A change the decision makes: of the list, of the review queue, or a note to the secretariat.
   */
  public sealed interface Change {}

  /** An entry of the list, or its tombstone ({@code entry == null}). */
  public record Listing(String domain, IwolEntry entry) implements Change {}

  /** A proposal awaiting review, or its tombstone ({@code proposal == null}) once it is settled. */
  public record Proposal(String domain, IwolProposal proposal) implements Change {}

  /** A note to the secretariat. */
  public record Note(Alert alert) implements Change {}

  /** How many sample indicators a proposal shows. */
  static final int MAX_SAMPLES = 10;

  private final int minAgencies;
  private final int minCountries;
  private final Duration expiry;
  private final boolean autoApprove;

  public IwolDecisions(int minAgencies, int minCountries, Duration expiry, boolean autoApprove) {
    this.minAgencies = minAgencies;
    this.minCountries = minCountries;
    this.expiry = expiry;
    this.autoApprove = autoApprove;
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
   * When the listing or the proposal must next be checked for expiry: when the oldest agency
   * support goes stale. Empty when the domain is neither listed nor proposed.
   */
  public Optional<Instant> nextExpiryCheck(IndicatorState state) {
    if (state.getIwolListedAt() == null && state.getIwolProposedAt() == null) {
      return Optional.empty();
    }
    return state.getIwolSupport().values().stream()
        .map(AgencyView::getLastSeen)
        .min(Comparator.naturalOrder())
        .map(oldest -> oldest.plus(expiry));
  }

  /**
   * The secretariat's decision: the domain leaves the list (when it is on it) or the review queue
   * (when it awaits review), and the support it had no longer counts — only sightings observed
   * after the delisting can propose it again.
   */
  public List<Change> delist(IndicatorState state, IwolDelisting delisting, Instant now) {
    state.getIwolSupport().clear();
    state.setIwolDelistedAt(delisting.getRequestedAt());
    if (state.getType() != IndicatorType.DOMAIN) {
      return List.of();
    }
    Map<String, String> who =
        AlertMessage.params("by", delisting.getRequestedBy(), "ground", delisting.getReason());
    String domain = domainOf(state);
    if (state.getIwolProposedAt() != null) {
      state.setIwolProposedAt(null);
      return List.of(
          new Proposal(domain, null),
          note(state, AlertReason.IWOL_REJECTED, List.of(), now, AlertMessage.IWOL_SET_ASIDE, who));
    }
    if (state.getIwolListedAt() == null) {
      return List.of();
    }
    state.setIwolListedAt(null);
    state.setIwolExpiresAt(null);
    return List.of(
        new Listing(domain, null),
        note(
            state,
            AlertReason.IWOL_DELISTED,
            List.of(),
            now,
            AlertMessage.IWOL_DELISTED_BY_SECRETARIAT,
            who));
  }

  /**
   * The secretariat's verdict on a proposed domain. Approved, it is listed if its support still
   * meets the rule (it may have lapsed since); rejected, its support is set aside as a delisting
   * sets it aside. A verdict on a domain that does not await review changes nothing: it was
   * withdrawn, or settled by an earlier verdict.
   */
  public List<Change> review(IndicatorState state, IwolReview review, Instant now) {
    if (state.getType() != IndicatorType.DOMAIN || state.getIwolProposedAt() == null) {
      return List.of();
    }
    String domain = domainOf(state);
    Map<String, String> who =
        AlertMessage.params("by", review.getRequestedBy(), "ground", review.getReason());
    state.setIwolProposedAt(null);
    if (review.getVerdict() == IwolVerdict.REJECTED) {
      state.getIwolSupport().clear();
      state.setIwolDelistedAt(review.getRequestedAt());
      return List.of(
          new Proposal(domain, null),
          note(state, AlertReason.IWOL_REJECTED, List.of(), now, AlertMessage.IWOL_REJECTED, who));
    }
    expire(state, now);
    if (!qualifies(state)) {
      return List.of(
          new Proposal(domain, null),
          note(
              state,
              AlertReason.IWOL_WITHDRAWN,
              List.of(),
              now,
              AlertMessage.IWOL_APPROVED_FELL,
              AlertMessage.params("by", review.getRequestedBy())));
    }
    List<Change> changes = new ArrayList<>();
    changes.add(new Proposal(domain, null));
    changes.addAll(list(state, now, AlertMessage.IWOL_LISTED_APPROVED, who));
    return changes;
  }

  /** Proposes, lists or delists the domain as its current support calls for. */
  public List<Change> decide(IndicatorState state, Instant now) {
    if (state.getType() != IndicatorType.DOMAIN) {
      return List.of();
    }
    String domain = domainOf(state);
    boolean qualifies = qualifies(state);
    boolean listed = state.getIwolListedAt() != null;
    boolean proposed = state.getIwolProposedAt() != null;
    if (qualifies && !listed) {
      if (autoApprove) {
        state.setIwolProposedAt(null);
        List<Change> changes =
            new ArrayList<>(list(state, now, AlertMessage.IWOL_LISTED_BY_RULE, Map.of()));
        if (proposed) {
          changes.add(0, new Proposal(domain, null));
        }
        return changes;
      }
      if (proposed) {
        // Awaiting review: the evidence the secretariat reviews follows the support.
        return List.of(new Proposal(domain, proposal(state)));
      }
      state.setIwolProposedAt(now);
      IwolProposal proposal = proposal(state);
      return List.of(
          new Proposal(domain, proposal),
          note(
              state,
              AlertReason.IWOL_PROPOSED,
              proposal.getSightingIds(),
              now,
              AlertMessage.IWOL_PROPOSED,
              AlertMessage.params(
                  "agencyCount", String.valueOf(proposal.getAgencies().size()),
                  "countryCount", String.valueOf(proposal.getCountries().size()))));
    }
    if (qualifies) {
      // Still listed: new support may have moved the day it lapses; providers get the new entry.
      Instant expires = expiresAt(state);
      if (!expires.equals(state.getIwolExpiresAt())) {
        state.setIwolExpiresAt(expires);
        return List.of(new Listing(domain, entry(state)));
      }
      return List.of();
    }
    Map<String, String> fell =
        AlertMessage.params(
            "minAgencies", String.valueOf(minAgencies),
            "minCountries", String.valueOf(minCountries),
            "days", String.valueOf(expiry.toDays()));
    boolean marked = !state.getFalsePositives().isEmpty();
    if (marked) {
      fell = AlertMessage.params("agencyCount", String.valueOf(state.getFalsePositives().size()));
    }
    if (listed) {
      state.setIwolListedAt(null);
      state.setIwolExpiresAt(null);
      return List.of(
          new Listing(domain, null),
          note(
              state,
              AlertReason.IWOL_DELISTED,
              List.of(),
              now,
              marked ? AlertMessage.IWOL_DELISTED_FALSE_POSITIVE : AlertMessage.IWOL_DELISTED_FELL,
              fell));
    }
    if (proposed) {
      state.setIwolProposedAt(null);
      return List.of(
          new Proposal(domain, null),
          note(
              state,
              AlertReason.IWOL_WITHDRAWN,
              List.of(),
              now,
              marked
                  ? AlertMessage.IWOL_WITHDRAWN_FALSE_POSITIVE
                  : AlertMessage.IWOL_WITHDRAWN_FELL,
              fell));
    }
    return List.of();
  }

  /** The rule, and no agency's false-positive mark against the domain. */
  private boolean qualifies(IndicatorState state) {
    return state.getFalsePositives().isEmpty()
        && state.getIwolSupport().size() >= minAgencies
        && IndicatorStates.countries(state.getIwolSupport()).size() >= minCountries;
  }

  /** Lists a domain that qualifies; provenance goes to the secretariat's note only. */
  private List<Change> list(
      IndicatorState state, Instant now, AlertMessage how, Map<String, String> params) {
    state.setIwolListedAt(now);
    state.setIwolExpiresAt(expiresAt(state));
    List<String> ids = new ArrayList<>();
    state.getIwolSupport().values().forEach(v -> ids.addAll(v.getSightingIds()));
    Map<String, String> counts = new LinkedHashMap<>(params);
    counts.put("agencyCount", String.valueOf(state.getIwolSupport().size()));
    counts.put(
        "countryCount", String.valueOf(IndicatorStates.countries(state.getIwolSupport()).size()));
    return List.of(
        new Listing(domainOf(state), entry(state)),
        note(state, AlertReason.IWOL_LISTED, ids, now, how, counts));
  }

  /**
   * The evidence the secretariat reviews: who supports the listing, how often and when, the URLs
   * the sightings named, where the site is hosted. It sees all of it (FULL disclosure).
   */
  IwolProposal proposal(IndicatorState state) {
    List<AgencyView> supports = new ArrayList<>(state.getIwolSupport().values());
    supports.sort(Comparator.comparing(AgencyView::getLastSeen).reversed());
    List<String> ids = new ArrayList<>();
    List<String> samples = new ArrayList<>();
    SortedSet<String> hosting = new TreeSet<>();
    long sightings = 0;
    Instant first = null;
    Instant last = null;
    for (AgencyView v : supports) {
      ids.addAll(v.getSightingIds());
      sightings += v.getCount();
      first = first == null || v.getFirstSeen().isBefore(first) ? v.getFirstSeen() : first;
      last = last == null || v.getLastSeen().isAfter(last) ? v.getLastSeen() : last;
      Facts.of(v).forEach(f -> hosting.addAll(f.getHostingCountries()));
      for (String source : v.getSources()) {
        if (samples.size() < MAX_SAMPLES && !samples.contains(source)) {
          samples.add(source);
        }
      }
    }
    return IwolProposal.newBuilder()
        .setDomain(domainOf(state))
        .setProposedAt(state.getIwolProposedAt())
        .setAgencies(new ArrayList<>(new TreeSet<>(state.getIwolSupport().keySet())))
        .setCountries(new ArrayList<>(IndicatorStates.countries(state.getIwolSupport())))
        .setSightings(sightings)
        .setSightingIds(ids)
        .setFirstSeen(first == null ? state.getFirstSeen() : first)
        .setLastSeen(last == null ? state.getLastSeen() : last)
        .setSamples(samples)
        .setHostingCountries(new ArrayList<>(hosting))
        .setExpiresAt(expiresAt(state))
        .build();
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

  /** A note to the secretariat: it sees every agency and country behind the decision. */
  private static Note note(
      IndicatorState state,
      AlertReason reason,
      List<String> ids,
      Instant now,
      AlertMessage message,
      Map<String, String> params) {
    return new Note(
        message
            .on(Alert.newBuilder(), params)
            .setId(
                AlertDecisions.alertId(
                    Topics.SECRETARIAT, reason.name(), state.getIndicator(), now.toString()))
            .setReason(reason)
            .setRecipient(Topics.SECRETARIAT)
            .setIndicator(state.getIndicator())
            .setIndicatorType(IndicatorType.DOMAIN)
            .setSeverity(
                switch (reason) {
                  case IWOL_LISTED -> Severity.HIGH;
                  case IWOL_PROPOSED -> Severity.MEDIUM;
                  default -> Severity.LOW;
                })
            .setDisclosure(org.sightline.schema.Disclosure.FULL)
            .setCountries(new ArrayList<>(IndicatorStates.countries(state.getIwolSupport())))
            .setAgencies(new ArrayList<>(new TreeSet<>(state.getIwolSupport().keySet())))
            .setSightingIds(ids)
            .setFirstSeen(state.getFirstSeen())
            .setLastSeen(state.getLastSeen())
            .setCreatedAt(now)
            .build());
  }
}
