package org.sightline.processor.topology;

import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.MemberDirectory;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Erasure;
import org.sightline.schema.EventRole;

/**
 * Reads the secretariat's erasures from {@code erasure.requests}: decoded from raw bytes (a
 * malformed record becomes a rejection, not a stopped processor), checked (an agency id, a sighting
 * id when one is named, who decided), and attributed to the agency whose sightings go. An agency no
 * longer in the directory can still be erased: that is what a member leaving needs.
 */
final class ErasureDecoder implements Processor<String, byte[], String, Decoded> {

  private final java.util.function.Supplier<MemberDirectory> members;
  private final Deserializer<Erasure> deserializer;
  private ProcessorContext<String, Decoded> context;

  ErasureDecoder(
      java.util.function.Supplier<MemberDirectory> members, Deserializer<Erasure> deserializer) {
    this.members = members;
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
    Erasure erasure;
    try {
      erasure =
          deserializer.deserialize(
              source == null ? null : source.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      reject(
          record,
          source,
          null,
          "not an Erasure in Avro with a known schema (Confluent wire format): " + e.getMessage());
      return;
    }
    if (erasure.getRequestedBy() == null || erasure.getRequestedBy().isBlank()) {
      reject(record, source, "requestedBy", "an erasure must say who decided it");
      return;
    }
    AgencyId agency;
    try {
      agency = AgencyId.of(erasure.getAgencyId());
    } catch (IllegalArgumentException e) {
      reject(record, source, "agencyId", e.getMessage());
      return;
    }
    if (erasure.getSightingId() != null && erasure.getSightingId().isBlank()) {
      reject(record, source, "sightingId", "is blank: name a sighting, or none for all of them");
      return;
    }
    // The ledger holding a sighting is in the partition of its id: an erasure keyed otherwise
    // would look there in vain, and report as erased nothing while the sighting stays.
    if (erasure.getSightingId() != null && !erasure.getSightingId().equals(record.key())) {
      reject(
          record,
          source,
          "key",
          "must be the sighting id '" + erasure.getSightingId() + "' (it picks the partition)");
      return;
    }
    Optional<Agency> known = members.get().agency(agency);
    AttributedEvent event =
        AttributedEvent.newBuilder()
            .setAgencyId(agency.value())
            .setCountry(known.map(a -> a.country().value()).orElse("??"))
            .setPayload(erasure)
            .setRole(EventRole.PRIMARY)
            .build();
    context.forward(record.withValue(new Decoded.Accepted(event)));
  }

  private void reject(
      Record<String, byte[]> record, RecordMetadata source, String field, String reason) {
    context.forward(
        record.withValue(
            Rejections.rejected(record, source, field, reason, context.currentSystemTimeMs())));
  }
}
