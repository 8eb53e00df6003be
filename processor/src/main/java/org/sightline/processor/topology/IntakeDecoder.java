package org.sightline.processor.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.indicator.CanonicalIndicator;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.Localities;
import org.sightline.indicator.Pseudonyms;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.MemberDirectory;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.sighting.FieldError;
import org.sightline.sighting.SightingValidator;
import org.sightline.topics.Topics;

/**
 * First stage: decodes the raw bytes (so that a record that is not Avro becomes a rejection instead
 * of stopping the processor), attributes it to the agency that owns the topic it arrived on — never
 * to anything in the payload — and validates it again with the intake's rules (defence in depth for
 * agencies that write to Kafka directly). It also computes the keys a sighting fans out to (its
 * indicator's registrable domain and its related indicators), its locality, and whether the record
 * is in its locality's partition.
 */
final class IntakeDecoder implements Processor<String, byte[], String, Decoded> {

  /** Only the registrable domain of a URL feeds the "worst of" list; host and IP keys do not. */
  private static final String DOMAIN_PREFIX = "domain:";

  /** A canonical key's longest: the longest value, its type and qualifier. */
  static final int MAX_LOCALITY_LENGTH = Canonicalizer.MAX_VALUE_LENGTH + 100;

  /** The directory as it is now: an agency added while the processor runs is taken at once. */
  private final java.util.function.Supplier<MemberDirectory> members;

  private final Deserializer<IntakeEvent> deserializer;
  private final boolean pseudonymsOnly;
  private final int partitions;
  private ProcessorContext<String, Decoded> context;

  IntakeDecoder(
      java.util.function.Supplier<MemberDirectory> members,
      Deserializer<IntakeEvent> deserializer,
      boolean pseudonymsOnly,
      int partitions) {
    this.members = members;
    this.deserializer = deserializer;
    this.pseudonymsOnly = pseudonymsOnly;
    this.partitions = partitions;
  }

  @Override
  public void init(ProcessorContext<String, Decoded> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    String topic = source == null ? null : source.topic();
    AgencyId agencyId = Topics.agencyOfIntakeTopic(topic);
    Optional<Agency> agency = agencyId == null ? Optional.empty() : members.get().agency(agencyId);
    if (agency.isEmpty()) {
      reject(record, source, null, "topic " + topic + " belongs to no member agency");
      return;
    }
    if (!agency.get().enabled()) {
      reject(record, source, null, "agency " + agencyId + " is disabled");
      return;
    }
    if (record.value() == null) {
      reject(record, source, null, "the record has no value");
      return;
    }
    IntakeEvent event;
    try {
      event = deserializer.deserialize(topic, record.headers(), record.value());
    } catch (RuntimeException e) {
      reject(
          record,
          source,
          null,
          "not an IntakeEvent in Avro with a known schema (Confluent wire format): "
              + e.getMessage());
      return;
    }
    AttributedEvent.Builder attributed =
        AttributedEvent.newBuilder()
            .setAgencyId(agencyId.value())
            .setCountry(agency.get().country().value())
            .setPayload(event.getPayload());
    if (event.getPayload() instanceof Sighting sighting) {
      String country = agency.get().country().value();
      SightingValidator.Checked checked =
          SightingValidator.check(
              sighting, Instant.ofEpochMilli(context.currentSystemTimeMs()), country);
      List<FieldError> errors = checked.errors();
      if (!errors.isEmpty()) {
        FieldError first = errors.get(0);
        reject(
            record,
            source,
            first.field(),
            String.join("; ", errors.stream().map(FieldError::toString).toList()));
        return;
      }
      if (pseudonymsOnly) {
        String clear = personalIdentifierInClear(sighting);
        if (clear != null) {
          // Not echoed: the rejection must not keep what the federation never stores in clear.
          context.forward(
              record.withValue(
                  new Decoded.Rejected(
                      Rejections.of(
                          source,
                          record.key(),
                          clear,
                          "personal identifiers must arrive as keyed-HMAC pseudonyms in this"
                              + " federation (hmac-sha256:<hex> under the federation key; the CLI's"
                              + " --federation-key does it on the agency's machine)",
                          null,
                          context.currentSystemTimeMs()))));
          return;
        }
      }
      // Canonicalised once, by the validation.
      CanonicalIndicator own = checked.indicator();
      attributed.setIndicatorKey(own.key());
      attributed.setLocality(own.localityKey());
      attributed.setDerivedKeys(
          own.derivedKeys().stream().filter(k -> k.startsWith(DOMAIN_PREFIX)).toList());
      List<String> relatedKeys = new ArrayList<>();
      List<String> relatedLocalities = new ArrayList<>();
      for (CanonicalIndicator r : checked.related()) {
        if (!r.key().equals(own.key()) && !relatedKeys.contains(r.key())) {
          relatedKeys.add(r.key());
          relatedLocalities.add(r.localityKey());
        }
      }
      attributed.setRelatedKeys(relatedKeys);
      attributed.setRelatedLocalities(relatedLocalities);
    } else if (event.getPayload() instanceof Retraction retraction) {
      if (retraction.getSightingId() == null || retraction.getSightingId().isBlank()) {
        reject(record, source, "sightingId", "a retraction must name the sighting it withdraws");
        return;
      }
      String locality = retraction.getLocality();
      if (locality != null && locality.length() > MAX_LOCALITY_LENGTH) {
        // It becomes a record key on the way to its task: bounded like any indicator's key.
        reject(
            record,
            source,
            "locality",
            "is longer than "
                + MAX_LOCALITY_LENGTH
                + " characters; it is the locality key the sighting was written with");
        return;
      }
      attributed.setLocality(locality == null || locality.isBlank() ? null : locality);
    }
    AttributedEvent accepted = attributed.build();
    context.forward(record.withValue(new Decoded.Accepted(accepted, inPlace(record, accepted))));
  }

  /**
   * Whether the record is where its sighting's state is: keyed by its locality, in that locality's
   * partition. Only then is it deduplicated and correlated in the task that read it; otherwise (an
   * older or careless producer keyed it by id, or wrote with its own partitioner; a retraction that
   * does not say where its sighting is) it is moved first, never trusted and never lost.
   */
  private boolean inPlace(Record<String, byte[]> record, AttributedEvent event) {
    String locality = event.getLocality();
    if (locality == null || !locality.equals(record.key())) {
      return false;
    }
    return context
        .recordMetadata()
        .map(m -> m.partition() == Localities.partition(locality, partitions))
        .orElse(true);
  }

  private void reject(
      Record<String, byte[]> record, RecordMetadata source, String field, String reason) {
    context.forward(
        record.withValue(
            Rejections.rejected(record, source, field, reason, context.currentSystemTimeMs())));
  }

  /** The field of the first e-mail, phone or username given in clear, or null. */
  private static String personalIdentifierInClear(Sighting sighting) {
    if (inClear(sighting.getIndicator())) {
      return "indicator.value";
    }
    for (int i = 0; i < sighting.getRelated().size(); i++) {
      if (inClear(sighting.getRelated().get(i))) {
        return "related[" + i + "].value";
      }
    }
    return null;
  }

  private static boolean inClear(org.sightline.schema.Indicator indicator) {
    return Pseudonyms.isPersonal(indicator.getType())
        && !Pseudonyms.isPseudonym(indicator.getValue());
  }
}
