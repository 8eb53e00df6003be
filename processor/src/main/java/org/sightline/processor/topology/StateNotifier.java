package org.sightline.processor.topology;

import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.sightline.members.MemberDirectory;
import org.sightline.schema.Alert;
import org.sightline.schema.IndicatorState;
import org.sightline.topics.StoreNames;

/**
 * A processor that reads records of its own (lookups, contact and takedown steps) in the task that
 * holds their indicators' states and turns them into notices; of the state it writes only what a
 * takedown step records.
 */
abstract class StateNotifier<V> implements Processor<String, byte[], String, Alert> {

  final Supplier<MemberDirectory> members;
  final Deserializer<V> deserializer;
  ProcessorContext<String, Alert> context;
  KeyValueStore<String, IndicatorState> states;

  StateNotifier(Supplier<MemberDirectory> members, Deserializer<V> deserializer) {
    this.members = members;
    this.deserializer = deserializer;
  }

  @Override
  public final void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.INDICATOR_STATE);
  }

  /** An agency's country from the member directory as it is now, or null. */
  final String countryOf(String agencyId) {
    return members.get().countryOfAgency(agencyId).orElse(null);
  }
}
