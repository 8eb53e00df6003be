package org.sightline.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PdqHashTest {

  private static final String ORIGINAL =
      "d8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22";
  private static final String BLUR_A_LOT =
      "d8f8f0cce0f4e84f0637022a028f67f0b36e2ed596623e1d33e6b39c4e9c9b22";

  @Test
  void hexRoundTripsAndIsLowercase() {
    assertThat(PdqHash.fromHex(ORIGINAL).toHex()).isEqualTo(ORIGINAL);
    assertThat(PdqHash.fromHex(ORIGINAL.toUpperCase(Locale.ROOT)).toHex()).isEqualTo(ORIGINAL);
    String zeros = "0".repeat(64);
    assertThat(PdqHash.fromHex(zeros).toHex()).isEqualTo(zeros);
    String ones = "f".repeat(64);
    assertThat(PdqHash.fromHex(ones).toHex()).isEqualTo(ones);
    assertThat(PdqHash.fromHex(ORIGINAL)).hasToString(ORIGINAL);
  }

  @Test
  void wordsAreTheBigEndianNumber() {
    PdqHash hash = PdqHash.fromHex(ORIGINAL);
    assertThat(hash.word(0)).isEqualTo(Long.parseUnsignedLong(ORIGINAL.substring(0, 16), 16));
    assertThat(hash.word(3)).isEqualTo(Long.parseUnsignedLong(ORIGINAL.substring(48), 16));
    assertThat(PdqHash.fromWords(hash.word(0), hash.word(1), hash.word(2), hash.word(3)))
        .isEqualTo(hash);
    assertThatThrownBy(() -> hash.word(4)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void bitNumberingFollowsTheReference() {
    // Bit 0 (DCT coefficient (0, 0)) is the lowest bit of the last hex digit; bit 255 the top one.
    PdqHash lowest = PdqHash.fromHex("0".repeat(63) + "1");
    assertThat(lowest.bit(0)).isTrue();
    assertThat(lowest.bit(1)).isFalse();
    PdqHash highest = PdqHash.fromHex("8" + "0".repeat(63));
    assertThat(highest.bit(255)).isTrue();
    assertThat(highest.bit(254)).isFalse();
    PdqHash bit16 = PdqHash.fromHex("0".repeat(59) + "10000");
    assertThat(bit16.bit(16)).isTrue();
    assertThatThrownBy(() -> lowest.bit(256)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void distanceCountsDifferingBits() {
    PdqHash a = PdqHash.fromHex(ORIGINAL);
    PdqHash b = PdqHash.fromHex(BLUR_A_LOT);
    int expected = new BigInteger(ORIGINAL, 16).xor(new BigInteger(BLUR_A_LOT, 16)).bitCount();
    assertThat(a.distance(b)).isEqualTo(expected).isEqualTo(b.distance(a)).isPositive();
    assertThat(a.distance(a)).isZero();
    PdqHash complement = PdqHash.fromWords(~a.word(0), ~a.word(1), ~a.word(2), ~a.word(3));
    assertThat(a.distance(complement)).isEqualTo(256);
  }

  @Test
  void equalityIsByValue() {
    PdqHash a = PdqHash.fromHex(ORIGINAL);
    PdqHash b = PdqHash.fromHex(ORIGINAL.toUpperCase(Locale.ROOT));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(PdqHash.fromHex(BLUR_A_LOT));
    assertThat(a).isNotEqualTo(ORIGINAL);
  }

  @Test
  void wrongLengthIsRejectedWithTheLength() {
    assertThatThrownBy(() -> PdqHash.fromHex(ORIGINAL.substring(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 hex digits")
        .hasMessageContaining("got 63 characters");
    assertThatThrownBy(() -> PdqHash.fromHex(ORIGINAL + "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 65 characters");
    assertThatThrownBy(() -> PdqHash.fromHex(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0 characters");
    assertThatThrownBy(() -> PdqHash.fromHex(" " + ORIGINAL.substring(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found ' ' at position 0");
  }

  @Test
  void nonHexCharacterIsRejectedWithItsPosition() {
    String bad = ORIGINAL.substring(0, 5) + "g" + ORIGINAL.substring(6);
    assertThatThrownBy(() -> PdqHash.fromHex(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found 'g' at position 5");
    // A fullwidth digit is a digit to Character.digit, but no PDQ tool prints one.
    String fullwidth = ORIGINAL.substring(0, 63) + "\uff11";
    assertThatThrownBy(() -> PdqHash.fromHex(fullwidth))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at position 63");
    assertThatThrownBy(() -> PdqHash.fromHex(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void longBadInputIsAbbreviatedInTheMessage() {
    String huge = "a".repeat(10_000);
    assertThatThrownBy(() -> PdqHash.fromHex(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 10000 characters")
        .hasMessageContaining("...")
        .message()
        .hasSizeLessThan(200);
  }
}
