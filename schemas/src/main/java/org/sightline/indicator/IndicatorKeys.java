package org.sightline.indicator;

import java.util.Locale;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;

/**
 * The correlation key of an indicator: {@code <type>:<value>}, with the chain or platform between
 * them for wallets and usernames. Two sightings correlate when their keys are equal.
 *
 * <p>This is the exact-match form of the Foundation: blanks are trimmed and hashes case-folded, and
 * nothing else is normalised yet. Full canonicalisation per type belongs here too, so that the
 * intake and the processor can never disagree on a key.
 */
public final class IndicatorKeys {

  private IndicatorKeys() {}

  public static String key(Indicator indicator) {
    IndicatorType type = indicator.getType();
    String value = indicator.getValue() == null ? "" : indicator.getValue().strip();
    if (value.isEmpty()) {
      throw new InvalidIndicatorException("indicator.value", "is empty");
    }
    String prefix = type.name().toLowerCase(Locale.ROOT);
    return switch (type) {
      case MD5, SHA1, SHA256, PDQ -> prefix + ":" + value.toLowerCase(Locale.ROOT);
      case WALLET, USERNAME -> {
        String qualifier = indicator.getQualifier();
        if (qualifier == null || qualifier.isBlank()) {
          throw new InvalidIndicatorException(
              "indicator." + (type == IndicatorType.WALLET ? "chain" : "platform"),
              "is required for a " + prefix + " indicator");
        }
        yield prefix + ":" + qualifier.strip().toLowerCase(Locale.ROOT) + ":" + value;
      }
      default -> prefix + ":" + value;
    };
  }
}
