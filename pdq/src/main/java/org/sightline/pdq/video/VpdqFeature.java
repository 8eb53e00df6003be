package org.sightline.pdq.video;

import java.util.Locale;
import java.util.Objects;
import org.sightline.pdq.PdqHash;

/**
 * One hashed frame of a video, as vPDQ defines it: its number in the stream, the PDQ hash and
 * quality of the picture, and when it is shown. The text form is the reference implementation's
 * line, {@code frameNumber,quality,pdqHex,timestampSeconds}.
 */
public record VpdqFeature(int frameNumber, int quality, PdqHash hash, double timestampSeconds) {

  public VpdqFeature {
    Objects.requireNonNull(hash, "hash");
    if (frameNumber < 0) {
      throw new IllegalArgumentException("frameNumber " + frameNumber + " is negative");
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality " + quality + " outside 0..100");
    }
    if (!(timestampSeconds >= 0)) {
      throw new IllegalArgumentException("timestampSeconds " + timestampSeconds + " is negative");
    }
  }

  /** The reference format: {@code 12,100,e271…055c,0.400}. */
  public String toLine() {
    return String.format(
        Locale.ROOT, "%d,%d,%s,%.3f", frameNumber, quality, hash.toHex(), timestampSeconds);
  }

  /**
   * A line of the reference format.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static VpdqFeature parse(String line) {
    String[] parts = line.strip().split(",");
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "a vPDQ line is frameNumber,quality,pdqHex,timestampSeconds; got '" + line + "'");
    }
    try {
      return new VpdqFeature(
          Integer.parseInt(parts[0].strip()),
          Integer.parseInt(parts[1].strip()),
          PdqHash.fromHex(parts[2].strip()),
          Double.parseDouble(parts[3].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a vPDQ line: '" + line + "': " + e.getMessage(), e);
    }
  }
}
