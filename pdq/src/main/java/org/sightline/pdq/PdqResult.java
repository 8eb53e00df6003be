package org.sightline.pdq;

import java.util.Objects;

/**
 * A PDQ hash and the quality of the picture it came from.
 *
 * @param hash the 256-bit hash
 * @param quality 0..100, a measure of how much gradient (detail) the picture has; hashes of
 *     near-featureless pictures (below {@link #MIN_USABLE_QUALITY}) match too much to be useful
 */
public record PdqResult(PdqHash hash, int quality) {

  /** Quality below which PDQ's authors advise ignoring a hash. */
  public static final int MIN_USABLE_QUALITY = 50;

  public PdqResult {
    Objects.requireNonNull(hash, "hash");
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality " + quality + " outside 0..100");
    }
  }

  /** Whether the hash is worth matching on: quality at least {@link #MIN_USABLE_QUALITY}. */
  public boolean isUsable() {
    return quality >= MIN_USABLE_QUALITY;
  }
}
