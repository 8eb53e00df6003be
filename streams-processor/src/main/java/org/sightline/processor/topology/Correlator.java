package org.sightline.processor.topology;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.sightline.processor.correlation.AlertDecisions;
import org.sightline.processor.correlation.AlertRules;
import org.sightline.processor.correlation.IndicatorStates;
import org.sightline.processor.correlation.OverCorrelation;
import org.sightline.schema.Alert;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.topics.StoreNames;

/**
 * Keyed by canonical indicator: folds each sighting or retraction into the indicator's state and
 * emits the alerts the change calls for. State and alerts are written in the same transaction
 * (exactly-once v2), so a crash can neither lose an alert nor send it twice.
 */
final class Correlator implements Processor<String, AttributedEvent, String, Alert> {

  private final int maxSightingIds;
  private final AlertRules rules;
  private final OverCorrelation overCorrelation;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, IndicatorState> states;

  Correlator(int maxSightingIds, AlertRules rules, OverCorrelation overCorrelation) {
    this.maxSightingIds = maxSightingIds;
    this.rules = rules;
    this.overCorrelation = overCorrelation;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
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
        state = IndicatorStates.empty(key, sighting);
      }
      IndicatorStates.add(state, event, maxSightingIds);
    } else {
      Retraction retraction = (Retraction) event.getPayload();
      if (state == null
          || !IndicatorStates.retract(state, event.getAgencyId(), retraction.getSightingId())) {
        return;
      }
    }
    List<Alert> alerts;
    if (state.getOverCorrelated()) {
      alerts = List.of();
    } else {
      String why = overCorrelation.reason(state);
      if (why != null) {
        state.setOverCorrelated(true);
        alerts = List.of(AlertDecisions.overCorrelated(state, why, now));
      } else {
        alerts = AlertDecisions.decide(state, rules.matches(state), now);
      }
    }
    states.put(key, state);
    for (Alert alert : alerts) {
      context.forward(new Record<>(key, alert, record.timestamp()));
    }
  }
}
