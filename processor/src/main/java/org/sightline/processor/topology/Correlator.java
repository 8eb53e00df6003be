package org.sightline.processor.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.sightline.processor.correlation.AlertDecisions;
import org.sightline.processor.correlation.AlertRules;
import org.sightline.processor.correlation.HashListDecisions;
import org.sightline.processor.correlation.IndicatorStates;
import org.sightline.processor.correlation.IwolDecisions;
import org.sightline.processor.correlation.OverCorrelation;
import org.sightline.processor.correlation.Takedowns;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.HashDelisting;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolReview;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.schema.WarningListChange;
import org.sightline.topics.StoreNames;

/**
 * Keyed by canonical indicator: folds each sighting, retraction or delisting into the indicator's
 * state, in the role it plays there (the indicator itself, its domain, or a related indicator), and
 * emits the alerts and list changes it calls for. State and outputs are written in one transaction
 * (exactly-once v2), so a crash can neither lose an alert nor send it twice.
 *
 * <p>Listed domains also expire with the passage of time alone: a wall-clock punctuation visits the
 * small {@value StoreNames#IWOL_LISTED} store (domain → when its listing must next be checked), not
 * the whole indicator state.
 */
final class Correlator implements Processor<String, AttributedEvent, String, Outcome> {

  private final int maxSightingIds;
  private final AlertRules rules;
  private OverCorrelation overCorrelation;
  private final Deserializer<WarningListChange> warningListChanges;
  private final IwolDecisions iwol;
  private final HashListDecisions hashes;
  private final Duration expiryCheck;
  private ProcessorContext<String, Outcome> context;
  private KeyValueStore<String, IndicatorState> states;
  private KeyValueStore<String, Long> listed;

  Correlator(
      int maxSightingIds,
      AlertRules rules,
      OverCorrelation overCorrelation,
      IwolDecisions iwol,
      HashListDecisions hashes,
      Duration expiryCheck,
      Deserializer<WarningListChange> warningListChanges) {
    this.maxSightingIds = maxSightingIds;
    this.warningListChanges = warningListChanges;
    this.rules = rules;
    this.overCorrelation = overCorrelation;
    this.iwol = iwol;
    this.hashes = hashes;
    this.expiryCheck = expiryCheck;
  }

  @Override
  public void init(ProcessorContext<String, Outcome> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.INDICATOR_STATE);
    this.listed = context.getStateStore(StoreNames.IWOL_LISTED);
    // The secretariat's managed warning lists: a global store, the same on every instance.
    this.overCorrelation =
        overCorrelation.with(
            new ManagedWarningLists(
                context.getStateStore(StoreNames.WARNING_LISTS), warningListChanges));
    context.schedule(expiryCheck, PunctuationType.WALL_CLOCK_TIME, this::expireListings);
  }

  @Override
  public void process(Record<String, AttributedEvent> record) {
    AttributedEvent event = record.value();
    String key = record.key();
    IndicatorState state = states.get(key);
    // Listed or proposed: the domain's support is checked for expiry on a schedule.
    boolean wasListed = state != null && iwol.nextExpiryCheck(state).isPresent();
    Instant now = Instant.ofEpochMilli(record.timestamp());
    List<Outcome> outcomes = new ArrayList<>();
    if (event.getPayload() instanceof Sighting sighting) {
      if (state == null) {
        state = IndicatorStates.empty(key, sighting.getObservedAt());
      }
      IndicatorStates.add(state, event, maxSightingIds);
      // Content back where its removal was recorded: the hosting country is told again.
      Takedowns.sighted(state, event, now).forEach(a -> outcomes.add(new Outcome.AlertOutcome(a)));
    } else if (event.getPayload() instanceof IwolDelisting delisting) {
      if (state == null) {
        state = IndicatorStates.empty(key, delisting.getRequestedAt());
      }
      iwol.delist(state, delisting, now).forEach(change -> addChange(outcomes, change));
    } else if (event.getPayload() instanceof IwolReview review) {
      if (state == null) {
        return; // nothing held, nothing proposed
      }
      iwol.review(state, review, now).forEach(change -> addChange(outcomes, change));
    } else if (event.getPayload() instanceof HashDelisting delisting) {
      if (state == null) {
        return; // nothing held, nothing listed
      }
      hashes.delist(state, delisting);
    } else if (state == null || !IndicatorStates.retract(state, event)) {
      return;
    } else if (event.getPayload() instanceof Retraction r && r.getFalsePositive()) {
      IndicatorStates.markFalsePositive(state, event);
    }
    if (!state.getOverCorrelated()) {
      OverCorrelation.Why why = overCorrelation.reason(state);
      if (why != null) {
        state.setOverCorrelated(true);
        outcomes.add(new Outcome.AlertOutcome(AlertDecisions.overCorrelated(state, why, now)));
      } else {
        AlertDecisions.decide(state, rules, now)
            .forEach(a -> outcomes.add(new Outcome.AlertOutcome(a)));
      }
    }
    decideListing(state, now, outcomes);
    hashes
        .decide(state, now)
        .ifPresent(change -> outcomes.add(new Outcome.HashOutcome(change.key(), change.entry())));
    save(key, state, wasListed);
    for (Outcome outcome : outcomes) {
      context.forward(new Record<>(key, outcome, record.timestamp()));
    }
  }

  /** Over-correlation by count does not keep a domain off the list; a warning list does. */
  private void decideListing(IndicatorState state, Instant now, List<Outcome> outcomes) {
    if (overCorrelation.warningListed(state)) {
      return;
    }
    iwol.expire(state, now);
    iwol.decide(state, now).forEach(change -> addChange(outcomes, change));
  }

  private static void addChange(List<Outcome> outcomes, IwolDecisions.Change change) {
    if (change instanceof IwolDecisions.Listing l) {
      outcomes.add(new Outcome.IwolOutcome(l.domain(), l.entry()));
    } else if (change instanceof IwolDecisions.Proposal p) {
      outcomes.add(new Outcome.ProposalOutcome(p.domain(), p.proposal()));
    } else if (change instanceof IwolDecisions.Note n) {
      outcomes.add(new Outcome.AlertOutcome(n.alert()));
    }
  }

  private void save(String key, IndicatorState state, boolean wasListed) {
    if (IndicatorStates.holdsNothing(state)) {
      // Everything withdrawn or erased: forget the indicator, not keep an empty shell of it.
      states.delete(key);
      if (wasListed) {
        listed.delete(key);
      }
      return;
    }
    states.put(key, state);
    Optional<Instant> check = iwol.nextExpiryCheck(state);
    if (check.isPresent()) {
      // Rounded up to the check interval (the punctuation looks no more often) and written only
      // when it moves: most sightings of a listed domain leave it where it was, and an unchanged
      // put would still cost a changelog record at the next commit.
      long interval = Math.max(1, expiryCheck.toMillis());
      long at = Math.floorDiv(check.get().toEpochMilli() + interval - 1, interval) * interval;
      Long previous = listed.get(key);
      if (previous == null || previous != at) {
        listed.put(key, at);
      }
    } else if (wasListed) {
      listed.delete(key);
    }
  }

  /** Delists the domains whose support has gone stale since anything was last reported on them. */
  private void expireListings(long wallClock) {
    List<String> due = new ArrayList<>();
    try (KeyValueIterator<String, Long> all = listed.all()) {
      while (all.hasNext()) {
        KeyValue<String, Long> entry = all.next();
        if (entry.value <= wallClock) {
          due.add(entry.key);
        }
      }
    }
    Instant now = Instant.ofEpochMilli(wallClock);
    for (String key : due) {
      IndicatorState state = states.get(key);
      if (state == null) {
        listed.delete(key);
        continue;
      }
      List<Outcome> outcomes = new ArrayList<>();
      decideListing(state, now, outcomes);
      save(key, state, true);
      for (Outcome outcome : outcomes) {
        context.forward(new Record<>(key, outcome, wallClock));
      }
    }
  }
}
