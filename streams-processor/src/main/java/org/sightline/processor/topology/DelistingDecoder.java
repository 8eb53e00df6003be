package org.sightline.processor.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.indicator.CanonicalIndicator;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.EventRole;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IwolDelisting;
import org.sightline.topics.Topics;

/**
 * Reads the secretariat's delisting decisions from {@code iwol.delistings}: decoded from raw bytes
 * (so a malformed record becomes a rejection, not a stopped processor), the domain brought to the
 * canonical key the list is kept under, and attributed to the secretariat.
 */
final class DelistingDecoder implements Processor<String, byte[], String, Decoded> {

  private final Deserializer<IwolDelisting> deserializer;
  private ProcessorContext<String, Decoded> context;

  DelistingDecoder(Deserializer<IwolDelisting> deserializer) {
    this.deserializer = deserializer;
  }

  @Override
  public void init(ProcessorContext<String, Decoded> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    if (record.value() == null) {
      reject(record, source, null, "the record has no value");
      return;
    }
    IwolDelisting delisting;
    try {
      delisting =
          deserializer.deserialize(
              source == null ? null : source.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      reject(
          record,
          source,
          null,
          "not an IwolDelisting in Avro with a known schema (Confluent wire format): "
              + e.getMessage());
      return;
    }
    if (delisting.getRequestedBy() == null || delisting.getRequestedBy().isBlank()) {
      reject(record, source, "requestedBy", "a delisting must say who decided it");
      return;
    }
    CanonicalIndicator domain;
    try {
      domain = Canonicalizer.canonicalize("domain", delisting.getDomain(), null);
    } catch (InvalidIndicatorException e) {
      reject(record, source, "domain", e.reason());
      return;
    }
    if (domain.type() != IndicatorType.DOMAIN) {
      reject(record, source, "domain", "is not a domain");
      return;
    }
    AttributedEvent event =
        AttributedEvent.newBuilder()
            .setAgencyId(Topics.SECRETARIAT)
            .setCountry(Topics.SECRETARIAT)
            .setIndicatorKey(domain.key())
            .setPayload(delisting)
            .setRole(EventRole.PRIMARY)
            .build();
    context.forward(new Record<>(domain.key(), new Decoded.Accepted(event), record.timestamp()));
  }

  private void reject(
      Record<String, byte[]> record, RecordMetadata source, String field, String reason) {
    context.forward(
        record.withValue(
            Rejections.rejected(record, source, field, reason, context.currentSystemTimeMs())));
  }
}
