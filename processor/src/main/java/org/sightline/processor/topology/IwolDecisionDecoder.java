package org.sightline.processor.topology;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.indicator.CanonicalIndicator;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolReview;
import org.sightline.schema.IwolVerdict;

/**
 * Reads the secretariat's decisions on the "worst of" list, its delistings ({@code
 * iwol.delistings}) and its verdicts on proposed domains ({@code iwol.reviews}): decoded from raw
 * bytes (so a malformed record becomes a rejection, not a stopped processor), the domain brought to
 * the canonical key the list is kept under, and attributed to the secretariat.
 */
final class IwolDecisionDecoder<T> extends SecretariatDecoder<T> {

  private final Function<T, String> domain;
  private final Function<T, String> requestedBy;
  private final Function<T, String> missingReason;

  private IwolDecisionDecoder(
      Deserializer<T> deserializer,
      Class<T> type,
      Function<T, String> domain,
      Function<T, String> requestedBy,
      Function<T, String> missingReason) {
    super(deserializer, type);
    this.domain = domain;
    this.requestedBy = requestedBy;
    this.missingReason = missingReason;
  }

  static IwolDecisionDecoder<IwolDelisting> delistings(Deserializer<IwolDelisting> deserializer) {
    return new IwolDecisionDecoder<>(
        deserializer,
        IwolDelisting.class,
        IwolDelisting::getDomain,
        IwolDelisting::getRequestedBy,
        d -> null);
  }

  /** A rejection must give its ground: the audit trail keeps it and the secretariat reads it. */
  static IwolDecisionDecoder<IwolReview> reviews(Deserializer<IwolReview> deserializer) {
    return new IwolDecisionDecoder<>(
        deserializer,
        IwolReview.class,
        IwolReview::getDomain,
        IwolReview::getRequestedBy,
        r ->
            r.getVerdict() == IwolVerdict.REJECTED
                    && (r.getReason() == null || r.getReason().isBlank())
                ? "a rejection must say why"
                : null);
  }

  @Override
  String requestedBy(T decision) {
    return requestedBy.apply(decision);
  }

  @Override
  void decode(Record<String, byte[]> record, RecordMetadata source, T decision) {
    String missing = missingReason.apply(decision);
    if (missing != null) {
      reject(record, source, "reason", missing);
      return;
    }
    CanonicalIndicator canonical;
    try {
      canonical = Canonicalizer.canonicalize("domain", domain.apply(decision), null);
    } catch (InvalidIndicatorException e) {
      reject(record, source, "domain", e.reason());
      return;
    }
    if (canonical.type() != IndicatorType.DOMAIN) {
      reject(record, source, "domain", "is not a domain");
      return;
    }
    forwardFor(record, canonical.key(), decision);
  }
}
