package org.sightline.processor.topology;

import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.sightline.members.MemberDirectory;
import org.sightline.processor.correlation.ContactNotices;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertAction;
import org.sightline.schema.IndicatorState;
import org.sightline.topics.StoreNames;

/**
 * Turns a contact step, in the task that holds its indicator's state, into the alerts it raises
 * ({@link ContactNotices}): the request to the holders, the disclosure or the refusal to the
 * country that asked. Reads the state, never writes it.
 */
final class ContactNotifier implements Processor<String, byte[], String, Alert> {

  private final Supplier<MemberDirectory> members;
  private final Deserializer<AlertAction> deserializer;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, IndicatorState> states;

  ContactNotifier(Supplier<MemberDirectory> members, Deserializer<AlertAction> deserializer) {
    this.members = members;
    this.deserializer = deserializer;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.INDICATOR_STATE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    AlertAction step = ContactSteps.decode(context, deserializer, record);
    if (step == null) {
      return;
    }
    for (Alert alert :
        ContactNotices.of(states.get(record.key()), step, this::countryOf, step.getAt())) {
      context.forward(new Record<>(record.key(), alert, record.timestamp()));
    }
  }

  private String countryOf(String agencyId) {
    return members.get().countryOfAgency(agencyId).orElse(null);
  }
}
