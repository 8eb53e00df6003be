package org.sightline.processor.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.indicator.CanonicalIndicator;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.processor.correlation.HashListDecisions;
import org.sightline.schema.HashDelisting;

/**
 * Reads the secretariat's decisions to take hashes off the known-hash list from {@code
 * hashes.delistings}: decoded from raw bytes (a malformed record becomes a rejection, not a stopped
 * processor), the key brought to the canonical form the list uses, and attributed to the
 * secretariat.
 */
final class HashDelistingDecoder extends SecretariatDecoder<HashDelisting> {

  HashDelistingDecoder(Deserializer<HashDelisting> deserializer) {
    super(deserializer, HashDelisting.class);
  }

  @Override
  String requestedBy(HashDelisting delisting) {
    return delisting.getRequestedBy();
  }

  @Override
  void decode(Record<String, byte[]> record, RecordMetadata source, HashDelisting delisting) {
    String key = delisting.getKey() == null ? "" : delisting.getKey().strip();
    int colon = key.indexOf(':');
    if (colon <= 0) {
      reject(record, source, "key", "is not a canonical key such as sha256:<hex>");
      return;
    }
    CanonicalIndicator hash;
    try {
      hash = Canonicalizer.canonicalize(key.substring(0, colon), key.substring(colon + 1), null);
    } catch (InvalidIndicatorException e) {
      reject(record, source, "key", e.reason());
      return;
    }
    if (!HashListDecisions.HASHES.contains(hash.type())) {
      reject(
          record,
          source,
          "key",
          "is not a hash the known-hash list carries (md5, sha1, sha256, pdq)");
      return;
    }
    forwardFor(record, hash.key(), delisting);
  }
}
