package org.sightline.indicator;

import org.sightline.schema.Indicator;

/**
 * The correlation key of an indicator: {@code <type>:<value>} in canonical form, with the chain or
 * platform between them for wallets and usernames. Two sightings correlate when their keys are
 * equal. See {@link Canonicalizer} for the rules per type.
 */
public final class IndicatorKeys {

  private IndicatorKeys() {}

  /** The key, reading phone numbers without a default region (they must be in +form). */
  public static String key(Indicator indicator) {
    return key(indicator, null);
  }

  /**
   * The key, reading phone numbers written without a country code in {@code defaultRegion} (ISO
   * 3166 alpha-2, usually the reporting agency's country; null for none).
   */
  public static String key(Indicator indicator, String defaultRegion) {
    return Canonicalizer.canonicalize(indicator, defaultRegion).key();
  }
}
