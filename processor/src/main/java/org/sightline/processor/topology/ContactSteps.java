package org.sightline.processor.topology;

import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.schema.AlertAction;
import org.sightline.schema.AlertActionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the steps the processor acts on out of {@code alerts.actions} — the contact steps behind a
 * hit/no-hit and the takedown steps (acknowledgements and assignments are the consumers' business)
 * — and keys each by its alert's indicator, unchanged, for the hop to the task that holds the
 * indicator's state. A record it cannot read is logged and passed over: it stays on the topic,
 * which is the analysts' own trail.
 */
final class ContactSteps implements Processor<String, byte[], String, byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(ContactSteps.class);

  static final Set<AlertActionType> STEPS =
      Set.of(
          AlertActionType.CONTACT_REQUESTED,
          AlertActionType.CONTACT_ACCEPTED,
          AlertActionType.CONTACT_DECLINED,
          AlertActionType.NOTICE_SENT,
          AlertActionType.REMOVED,
          AlertActionType.REAPPEARED);

  private final Deserializer<AlertAction> deserializer;
  private ProcessorContext<String, byte[]> context;

  ContactSteps(Deserializer<AlertAction> deserializer) {
    this.deserializer = deserializer;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    AlertAction step = decode(context, deserializer, record);
    if (step == null || !STEPS.contains(step.getAction())) {
      return;
    }
    if (step.getIndicator() == null || step.getIndicator().isBlank()) {
      LOG.warn(
          "passing over a {} on alert {} that names no indicator",
          step.getAction(),
          step.getAlertId());
      return;
    }
    context.forward(record.withKey(step.getIndicator()));
  }

  /** The action, or null (logged) when the bytes are not an {@code AlertAction}. */
  static AlertAction decode(
      ProcessorContext<?, ?> context,
      Deserializer<AlertAction> deserializer,
      Record<String, byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    try {
      return deserializer.deserialize(
          source == null ? null : source.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      LOG.warn(
          "passing over an action record that is not an AlertAction in Avro ({}): {}",
          source == null
              ? "unknown offset"
              : source.topic() + "-" + source.partition() + "@" + source.offset(),
          e.getMessage());
      return null;
    }
  }
}
