package org.sightline.processor.topology;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.members.MemberDirectory;
import org.sightline.processor.correlation.LookupNotices;
import org.sightline.processor.correlation.Viewer;
import org.sightline.schema.Alert;
import org.sightline.schema.Lookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the lookups' audit trail ({@code audit.lookups}) in the task that holds the keys' states —
 * the intake keys each record by the locality of its keys, as sightings are — and tells the holders
 * of facts the asker may not see that someone asked ({@link LookupNotices}). Reads the state, never
 * writes it. A record it cannot read is logged and passed over: it stays on the audit trail.
 */
final class LookupNotifier extends StateNotifier<Lookup> {

  private static final Logger LOG = LoggerFactory.getLogger(LookupNotifier.class);

  LookupNotifier(Supplier<MemberDirectory> members, Deserializer<Lookup> deserializer) {
    super(members, deserializer);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    Lookup lookup;
    try {
      lookup =
          deserializer.deserialize(
              source == null ? null : source.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      LOG.warn(
          "passing over a lookup record that is not a Lookup in Avro ({}): {}",
          where(source),
          e.getMessage());
      return;
    }
    if (lookup == null) {
      return;
    }
    Viewer asker = asker(lookup);
    if (asker == null) {
      LOG.warn(
          "passing over a lookup by unknown agency {} ({})", lookup.getAgencyId(), where(source));
      return;
    }
    Instant at = lookup.getRequestedAt();
    // Only the keys whose answer hid something, when the asker said which; every key otherwise.
    List<String> keys =
        lookup.getUndisclosed() != null ? lookup.getUndisclosed() : lookup.getKeys();
    for (String key : keys) {
      for (Alert notice : LookupNotices.of(states.get(key), asker, lookup.getRequestId(), at)) {
        context.forward(new Record<>(key, notice, record.timestamp()));
      }
    }
  }

  /**
   * Whose disclosure the asker had: its agency's (with the country recorded, or the directory's),
   * its country's, or the secretariat's (sees everything: nobody is told); null when the agency is
   * not known.
   */
  private Viewer asker(Lookup lookup) {
    String agency = lookup.getAgencyId();
    String country = lookup.getCountry();
    if (agency == null) {
      return country == null ? Viewer.SECRETARIAT : Viewer.country(country);
    }
    if (country == null || country.isBlank()) {
      country = countryOf(agency);
    }
    return country == null ? null : Viewer.agency(agency, country);
  }

  private static String where(RecordMetadata source) {
    return source == null
        ? "unknown offset"
        : source.topic() + "-" + source.partition() + "@" + source.offset();
  }
}
