package org.sightline.indicator;

/** Facts about a canonical indicator that a consumer may want to act on. */
public enum IndicatorFlag {
  /** The hash of a zero-byte file: it matches every empty file, so it correlates nothing. */
  EMPTY_FILE_HASH,
  /**
   * A checksum embedded in the value (base58check, bech32/bech32m, EIP-55, Monero) was verified.
   */
  CHECKSUM_VERIFIED,
  /** Only the format was checked: the value carries no checksum, or none that is verified here. */
  FORMAT_ONLY,
  /** A PDQ hash whose quality is below 50: the reference implementation advises not to match it. */
  LOW_QUALITY,
  /**
   * A name whose suffix is not in the public suffix list: no registrable domain could be derived.
   */
  UNKNOWN_PUBLIC_SUFFIX,
  /**
   * A personal identifier given as its keyed-HMAC pseudonym ({@link Pseudonyms}): it matches the
   * same identifier pseudonymised under the same federation key, and nothing else.
   */
  PSEUDONYMISED
}
