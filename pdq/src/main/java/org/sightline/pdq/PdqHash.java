package org.sightline.pdq;

import java.util.Locale;
import java.util.Objects;

/**
 * An immutable 256-bit PDQ hash.
 *
 * <p>The hex form is the one every PDQ implementation prints: 64 hex digits, most significant
 * first, where bit {@code k} of the 256-bit number is DCT coefficient {@code (k / 16, k % 16)}. The
 * four words hold that number big-endian, so {@code word(0)} is the first 16 hex digits.
 */
public final class PdqHash {

  /** Number of bits in a PDQ hash. */
  public static final int BITS = 256;

  /** Number of hex digits in the printed form. */
  public static final int HEX_LENGTH = 64;

  /**
   * Hamming distance at or below which two hashes are taken for the same picture: the threshold
   * PDQ's authors recommend.
   */
  public static final int MATCH_DISTANCE = 31;

  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;

  private PdqHash(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /**
   * The hash whose 256-bit number is {@code w0:w1:w2:w3}, most significant word first (the same
   * order as {@link #toHex()}).
   */
  public static PdqHash fromWords(long w0, long w1, long w2, long w3) {
    return new PdqHash(w0, w1, w2, w3);
  }

  /**
   * Parses the 64-hex-digit form (either case).
   *
   * @throws IllegalArgumentException naming the problem when the text is not exactly 64 hex digits
   */
  public static PdqHash fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != HEX_LENGTH) {
      throw new IllegalArgumentException(
          "a PDQ hash is "
              + HEX_LENGTH
              + " hex digits, got "
              + hex.length()
              + " characters: \""
              + abbreviate(hex)
              + "\"");
    }
    long[] words = new long[4];
    for (int i = 0; i < HEX_LENGTH; i++) {
      char c = hex.charAt(i);
      int digit = Character.digit(c, 16);
      // Character.digit also accepts non-ASCII digits (e.g. fullwidth), which no PDQ tool prints.
      if (digit < 0 || c > 'f') {
        throw new IllegalArgumentException(
            "a PDQ hash is "
                + HEX_LENGTH
                + " hex digits, found '"
                + c
                + "' at position "
                + i
                + " in \""
                + abbreviate(hex)
                + "\"");
      }
      words[i >>> 4] = (words[i >>> 4] << 4) | digit;
    }
    return new PdqHash(words[0], words[1], words[2], words[3]);
  }

  /** The 64 lowercase hex digits, as PDQ's reference tools print them. */
  public String toHex() {
    StringBuilder sb = new StringBuilder(HEX_LENGTH);
    for (int i = 0; i < 4; i++) {
      String word = Long.toHexString(word(i));
      sb.append("0".repeat(16 - word.length())).append(word);
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /** Word {@code index} (0..3) of the big-endian 256-bit number; word 0 is the first 16 digits. */
  public long word(int index) {
    switch (index) {
      case 0:
        return w0;
      case 1:
        return w1;
      case 2:
        return w2;
      case 3:
        return w3;
      default:
        throw new IndexOutOfBoundsException("word index " + index + " outside 0..3");
    }
  }

  /**
   * Bit {@code k} (0..255) in PDQ's numbering: the bit for DCT coefficient {@code (k / 16, k %
   * 16)}, which is bit {@code k} of the 256-bit number (bit 0 is the last hex digit's lowest bit).
   */
  public boolean bit(int k) {
    Objects.checkIndex(k, BITS);
    return ((word(3 - (k >>> 6)) >>> (k & 63)) & 1L) != 0;
  }

  /** Number of differing bits. */
  public int distance(PdqHash other) {
    return Long.bitCount(w0 ^ other.w0)
        + Long.bitCount(w1 ^ other.w1)
        + Long.bitCount(w2 ^ other.w2)
        + Long.bitCount(w3 ^ other.w3);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PdqHash h && w0 == h.w0 && w1 == h.w1 && w2 == h.w2 && w3 == h.w3;
  }

  @Override
  public int hashCode() {
    // PDQ bits are roughly balanced, so folding the words spreads well enough.
    long h = w0 * 31 + w1;
    h = h * 31 + w2;
    h = h * 31 + w3;
    return Long.hashCode(h);
  }

  @Override
  public String toString() {
    return toHex();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
