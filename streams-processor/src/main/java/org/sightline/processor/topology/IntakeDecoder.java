package org.sightline.processor.topology;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.indicator.CanonicalIndicator;
import org.sightline.indicator.Canonicalizer;
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
 * agencies that write to Kafka directly). It also computes the keys a sighting fans out to: its
 * indicator's registrable domain and its related indicators.
 */
final class IntakeDecoder implements Processor<String, byte[], String, Decoded> {

  /** Only the registrable domain of a URL feeds the "worst of" list; host and IP keys do not. */
  private static final String DOMAIN_PREFIX = "domain:";

  /** The directory as it is now: an agency added while the processor runs is taken at once. */
  private final java.util.function.Supplier<MemberDirectory> members;

  private final Deserializer<IntakeEvent> deserializer;
  private final boolean pseudonymsOnly;
  private ProcessorContext<String, Decoded> context;

  IntakeDecoder(
      java.util.function.Supplier<MemberDirectory> members,
      Deserializer<IntakeEvent> deserializer,
      boolean pseudonymsOnly) {
    this.members = members;
    this.deserializer = deserializer;
    this.pseudonymsOnly = pseudonymsOnly;
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
    String sightingId =
        event.getPayload() instanceof Retraction retraction
            ? retraction.getSightingId()
            : ((Sighting) event.getPayload()).getId();
    if (sightingId != null && !sightingId.equals(record.key())) {
      // The dedupe runs in the partition a record arrives in: only a key equal to the sighting id
      // sends a retry (and the retraction) to the partition that has seen the first copy.
      reject(
          record,
          source,
          "key",
          "the record key must be the sighting id ("
              + sightingId
              + ") so that retries and the retraction reach the same partition; it was "
              + (record.key() == null ? "null" : record.key()));
      return;
    }
    AttributedEvent.Builder attributed =
        AttributedEvent.newBuilder()
            .setAgencyId(agencyId.value())
            .setCountry(agency.get().country().value())
            .setPayload(event.getPayload());
    if (event.getPayload() instanceof Sighting sighting) {
      String country = agency.get().country().value();
      List<FieldError> errors =
          SightingValidator.validate(
              sighting, Instant.ofEpochMilli(context.currentSystemTimeMs()), country);
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
      CanonicalIndicator own = Canonicalizer.canonicalize(sighting.getIndicator(), country);
      attributed.setIndicatorKey(own.key());
      attributed.setDerivedKeys(
          own.derivedKeys().stream().filter(k -> k.startsWith(DOMAIN_PREFIX)).toList());
      attributed.setRelatedKeys(
          sighting.getRelated().stream()
              .map(r -> Canonicalizer.canonicalize(r, country).key())
              .filter(k -> !k.equals(own.key()))
              .distinct()
              .toList());
    } else if (event.getPayload() instanceof Retraction retraction) {
      if (retraction.getSightingId() == null || retraction.getSightingId().isBlank()) {
        reject(record, source, "sightingId", "a retraction must name the sighting it withdraws");
        return;
      }
    }
    context.forward(record.withValue(new Decoded.Accepted(attributed.build())));
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
