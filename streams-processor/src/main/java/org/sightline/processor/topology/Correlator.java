package org.sightline.processor.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.sightline.processor.correlation.AlertDecisions;
import org.sightline.processor.correlation.AlertRules;
import org.sightline.processor.correlation.IndicatorStates;
import org.sightline.processor.correlation.IwolDecisions;
import org.sightline.processor.correlation.OverCorrelation;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.Sighting;
import org.sightline.topics.StoreNames;

/**
 * Keyed by canonical indicator: folds each sighting or retraction into the indicator's state, in
 * the role it plays there (the indicator itself, its domain, or a related indicator), and emits the
 * alerts and list changes it calls for. State and outputs are written in one transaction
 * (exactly-once v2), so a crash can neither lose an alert nor send it twice.
 */
final class Correlator implements Processor<String, AttributedEvent, String, Outcome> {

  private final int maxSightingIds;
  private final AlertRules rules;
  private final OverCorrelation overCorrelation;
  private final IwolDecisions iwol;
  private ProcessorContext<String, Outcome> context;
  private KeyValueStore<String, IndicatorState> states;

  Correlator(
      int maxSightingIds, AlertRules rules, OverCorrelation overCorrelation, IwolDecisions iwol) {
    this.maxSightingIds = maxSightingIds;
    this.rules = rules;
    this.overCorrelation = overCorrelation;
    this.iwol = iwol;
  }

  @Override
  public void init(ProcessorContext<String, Outcome> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.INDICATOR_STATE);
  }

  @Override
  public void process(Record<String, AttributedEvent> record) {
    AttributedEvent event = record.value();
    String key = record.key();
    IndicatorState state = states.get(key);
    Instant now = Instant.ofEpochMilli(record.timestamp());
    if (event.getPayload() instanceof Sighting sighting) {
      if (state == null) {
        state = IndicatorStates.empty(key, sighting.getObservedAt());
      }
      IndicatorStates.add(state, event, maxSightingIds);
    } else if (state == null || !IndicatorStates.retract(state, event)) {
      return;
    }
    List<Outcome> outcomes = new ArrayList<>();
    if (!state.getOverCorrelated()) {
      String why = overCorrelation.reason(state);
      if (why != null) {
        state.setOverCorrelated(true);
        outcomes.add(new Outcome.AlertOutcome(AlertDecisions.overCorrelated(state, why, now)));
      } else {
        AlertDecisions.decide(state, rules.matches(state), now)
            .forEach(a -> outcomes.add(new Outcome.AlertOutcome(a)));
      }
    }
    // Over-correlation by count does not keep a domain off the list; a warning list does.
    if (!overCorrelation.warningListed(state)) {
      for (IwolDecisions.Change change : iwol.decide(state, now)) {
        outcomes.add(new Outcome.IwolOutcome(change.domain(), change.entry()));
        outcomes.add(new Outcome.AlertOutcome(change.alert()));
      }
    }
    states.put(key, state);
    for (Outcome outcome : outcomes) {
      context.forward(new Record<>(key, outcome, record.timestamp()));
    }
  }
}
