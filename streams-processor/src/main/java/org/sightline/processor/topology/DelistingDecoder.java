package org.sightline.processor.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.indicator.CanonicalIndicator;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IwolDelisting;

/**
 * Reads the secretariat's delisting decisions from {@code iwol.delistings}: decoded from raw bytes
 * (so a malformed record becomes a rejection, not a stopped processor), the domain brought to the
 * canonical key the list is kept under, and attributed to the secretariat.
 */
final class DelistingDecoder extends SecretariatDecoder<IwolDelisting> {

  DelistingDecoder(Deserializer<IwolDelisting> deserializer) {
    super(deserializer, IwolDelisting.class);
  }

  @Override
  String requestedBy(IwolDelisting delisting) {
    return delisting.getRequestedBy();
  }

  @Override
  void decode(Record<String, byte[]> record, RecordMetadata source, IwolDelisting delisting) {
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
    forwardFor(record, domain.key(), delisting);
  }
}
