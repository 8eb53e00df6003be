package org.sightline.processor.topology;

import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.MemberDirectory;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Erasure;
import org.sightline.schema.EventRole;

/**
 * Reads the secretariat's erasures from {@code erasure.requests} ({@link SecretariatDecoder}),
 * checks them (an agency id, a sighting id when one is named, keyed by it) and attributes them to
 * the agency whose sightings go. An agency no longer in the directory can still be erased: that is
 * what a member leaving needs.
 */
final class ErasureDecoder extends SecretariatDecoder<Erasure> {

  private final java.util.function.Supplier<MemberDirectory> members;

  ErasureDecoder(
      java.util.function.Supplier<MemberDirectory> members, Deserializer<Erasure> deserializer) {
    super(deserializer, Erasure.class);
    this.members = members;
  }

  @Override
  String requestedBy(Erasure erasure) {
    return erasure.getRequestedBy();
  }

  @Override
  void decode(Record<String, byte[]> record, RecordMetadata source, Erasure erasure) {
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
    // An erasure of a whole agency was written once to each partition of erasure.requests by
    // earlier versions: one copy is enough now that every erasure goes to every task.
    if (erasure.getSightingId() == null && source != null && source.partition() != 0) {
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
    // The erasure does not say where the sighting is (its locality): every task looks in its own
    // ledger, and the one holding it erases it. Rare enough for the fan-out to every partition.
    forward(record.withValue(new Decoded.Accepted(event, false)));
  }
}
