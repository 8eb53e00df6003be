package org.sightline.processor.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.EventRole;
import org.sightline.topics.Topics;

/**
 * Reads one of the secretariat's decision topics from raw bytes, so that a malformed record becomes
 * a rejection on {@code intake.rejected} (with its reason and original bytes), not a stopped
 * processor, and refuses a decision that does not say who made it. What each decision means is the
 * subclass's.
 */
abstract class SecretariatDecoder<T> implements Processor<String, byte[], String, Decoded> {

  private final Deserializer<T> deserializer;
  private final String typeName;
  private ProcessorContext<String, Decoded> context;

  SecretariatDecoder(Deserializer<T> deserializer, Class<T> type) {
    this.deserializer = deserializer;
    this.typeName = type.getSimpleName();
  }

  @Override
  public final void init(ProcessorContext<String, Decoded> context) {
    this.context = context;
  }

  @Override
  public final void process(Record<String, byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    if (record.value() == null) {
      reject(record, source, null, "the record has no value");
      return;
    }
    T decision;
    try {
      decision =
          deserializer.deserialize(
              source == null ? null : source.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      reject(
          record,
          source,
          null,
          "not an "
              + typeName
              + " in Avro with a known schema (Confluent wire format): "
              + e.getMessage());
      return;
    }
    String by = requestedBy(decision);
    if (by == null || by.isBlank()) {
      reject(record, source, "requestedBy", "a decision must say who made it");
      return;
    }
    decode(record, source, decision);
  }

  /** Who made the decision (its {@code requestedBy}). */
  abstract String requestedBy(T decision);

  /** Checks the rest of a decision and forwards it, or rejects it. */
  abstract void decode(Record<String, byte[]> record, RecordMetadata source, T decision);

  final void forward(Record<String, Decoded> record) {
    context.forward(record);
  }

  /**
   * Forwards {@code decision} about the state of {@code key} (a canonical key), attributed to the
   * secretariat, keyed by it: the hop to that state's task follows.
   */
  final void forwardFor(Record<String, byte[]> record, String key, T decision) {
    AttributedEvent event =
        AttributedEvent.newBuilder()
            .setAgencyId(Topics.SECRETARIAT)
            .setCountry(Topics.SECRETARIAT)
            .setIndicatorKey(key)
            .setPayload(decision)
            .setRole(EventRole.PRIMARY)
            .build();
    context.forward(new Record<>(key, new Decoded.Accepted(event), record.timestamp()));
  }

  final void reject(
      Record<String, byte[]> record, RecordMetadata source, String field, String reason) {
    context.forward(
        record.withValue(
            Rejections.rejected(record, source, field, reason, context.currentSystemTimeMs())));
  }
}
