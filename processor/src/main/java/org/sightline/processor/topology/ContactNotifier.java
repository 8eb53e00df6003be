package org.sightline.processor.topology;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;
import org.sightline.members.MemberDirectory;
import org.sightline.processor.correlation.ContactNotices;
import org.sightline.processor.correlation.Takedowns;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertAction;
import org.sightline.schema.IndicatorState;

/**
 * Turns a contact step, in the task that holds its indicator's state, into the alerts it raises
 * ({@link ContactNotices}): the request to the holders, the disclosure or the refusal to the
 * country that asked; those only read the state. A takedown step ({@link Takedowns}) is folded into
 * the state, and a reappearance alerts the hosting country again.
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
    List<Alert> alerts;
    if (Takedowns.STEPS.contains(step.getAction())) {
      // A takedown step is part of the indicator's state: the one step this writes.
      IndicatorState state = states.get(record.key());
      if (state == null) {
        return;
      }
      alerts = Takedowns.step(state, step, Instant.ofEpochMilli(record.timestamp()));
      states.put(record.key(), state);
    } else {
      alerts = ContactNotices.of(states.get(record.key()), step, this::countryOf, step.getAt());
    }
    for (Alert alert : alerts) {
      context.forward(new Record<>(record.key(), alert, record.timestamp()));
    }
  }
}
