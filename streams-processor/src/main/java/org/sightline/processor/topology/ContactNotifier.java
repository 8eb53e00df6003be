package org.sightline.processor.topology;

import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;
import org.sightline.members.MemberDirectory;
import org.sightline.processor.correlation.ContactNotices;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertAction;

/**
 * Turns a contact step, in the task that holds its indicator's state, into the alerts it raises
 * ({@link ContactNotices}): the request to the holders, the disclosure or the refusal to the
 * country that asked. Reads the state, never writes it.
 */
final class ContactNotifier extends StateNotifier<AlertAction> {

  ContactNotifier(Supplier<MemberDirectory> members, Deserializer<AlertAction> deserializer) {
    super(members, deserializer);
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
}
