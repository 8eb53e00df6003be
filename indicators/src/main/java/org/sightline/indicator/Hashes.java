package org.sightline.indicator;

import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sightline.schema.IndicatorType;

/** Cryptographic and perceptual hashes: exact lengths, hexadecimal, case-folded. */
final class Hashes {

  static final int PHOTODNA_BYTES = 144;
  static final int PDQ_LOW_QUALITY = 50;

  /** Hashes of the zero-byte file. */
  static final Map<IndicatorType, String> EMPTY_FILE =
      Map.of(
          IndicatorType.MD5, "d41d8cd98f00b204e9800998ecf8427e",
          IndicatorType.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709",
          IndicatorType.SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  private Hashes() {}

  static CanonicalIndicator hex(String field, IndicatorType type, String value, Integer quality) {
    String v = Text.trim(value);
    int bits =
        switch (type) {
          case MD5 -> 128;
          case SHA1 -> 160;
          case SHA256, PDQ -> 256;
          default -> throw new IllegalStateException(type.name());
        };
    String name =
        switch (type) {
          case MD5 -> "an MD5 hash";
          case SHA1 -> "a SHA-1 hash";
          case SHA256 -> "a SHA-256 hash";
          default -> "a PDQ hash";
        };
    String hex = requireHex(field, v, bits / 4, name);
    Set<IndicatorFlag> flags = EnumSet.noneOf(IndicatorFlag.class);
    if (hex.equals(EMPTY_FILE.get(type))) {
      flags.add(IndicatorFlag.EMPTY_FILE_HASH);
    }
    if (type == IndicatorType.PDQ && quality != null && quality < PDQ_LOW_QUALITY) {
      flags.add(IndicatorFlag.LOW_QUALITY);
    }
    String prefix = type.name().toLowerCase(Locale.ROOT);
    return new CanonicalIndicator(prefix + ":" + hex, type, hex, List.of(), flags);
  }

  /** PhotoDNA: 144 bytes given as hex (288 digits), base64 (192 characters) or 144 decimals. */
  static CanonicalIndicator photoDna(String field, String value) {
    String v = Text.trim(value);
    byte[] bytes;
    if (v.indexOf(',') >= 0) {
      bytes = decimals(field, v);
    } else if (v.length() == PHOTODNA_BYTES * 2 && isHex(v)) {
      bytes = fromHex(v);
    } else if (isHex(v) && v.length() != 192) {
      throw new InvalidIndicatorException(
          field,
          "is not a PhotoDNA hash: "
              + v.length()
              + " hexadecimal digits ("
              + v.length() / 2
              + " bytes), a PhotoDNA hash has 288 (144 bytes)");
    } else {
      String compact = v.replaceAll("\\s", "");
      try {
        bytes =
            compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(compact)
                : Base64.getDecoder().decode(compact);
      } catch (IllegalArgumentException e) {
        throw new InvalidIndicatorException(
            field,
            "is not a PhotoDNA hash: expected 288 hexadecimal digits, 192 base64 characters or"
                + " 144 comma-separated numbers, got "
                + v.length()
                + " characters");
      }
      if (bytes.length != PHOTODNA_BYTES) {
        throw new InvalidIndicatorException(
            field,
            "is not a PhotoDNA hash: it decodes (as base64) to "
                + bytes.length
                + " bytes, a PhotoDNA hash has 144");
      }
    }
    String hex = toHex(bytes);
    return new CanonicalIndicator(
        "photodna:" + hex,
        IndicatorType.PHOTODNA,
        hex,
        List.of(),
        EnumSet.noneOf(IndicatorFlag.class));
  }

  private static byte[] decimals(String field, String v) {
    String[] parts = v.split(",", -1);
    if (parts.length != PHOTODNA_BYTES) {
      throw new InvalidIndicatorException(
          field,
          "is not a PhotoDNA hash: it has "
              + parts.length
              + " comma-separated numbers, a PhotoDNA hash has 144");
    }
    byte[] b = new byte[PHOTODNA_BYTES];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new InvalidIndicatorException(
            field,
            "number " + (i + 1) + " of the PhotoDNA hash is not a whole number from 0 to 255");
      }
      int n = Integer.parseInt(p);
      if (n > 255) {
        throw new InvalidIndicatorException(
            field, "number " + (i + 1) + " of the PhotoDNA hash is " + n + ", above 255");
      }
      b[i] = (byte) n;
    }
    return b;
  }

  static String requireHex(String field, String v, int digits, String name) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.digit(c, 16) < 0 || c >= 0x80) {
        throw new InvalidIndicatorException(
            field,
            "is not "
                + name
                + ": "
                + Text.quote(String.valueOf(Character.toChars(v.codePointAt(i))))
                + " at position "
                + (i + 1)
                + " is not a hexadecimal digit");
      }
    }
    if (v.length() != digits) {
      throw new InvalidIndicatorException(
          field,
          "is not "
              + name
              + ": it must be exactly "
              + digits
              + " hexadecimal digits, got "
              + v.length());
    }
    return v.toLowerCase(Locale.ROOT);
  }

  static boolean isHex(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.digit(c, 16) < 0 || c >= 0x80) {
        return false;
      }
    }
    return true;
  }

  static byte[] fromHex(String v) {
    byte[] b = new byte[v.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] =
          (byte)
              (Character.digit(v.charAt(2 * i), 16) * 16
                  + Character.digit(v.charAt(2 * i + 1), 16));
    }
    return b;
  }

  static String toHex(byte[] b) {
    char[] out = new char[b.length * 2];
    String digits = "0123456789abcdef";
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = digits.charAt((b[i] >> 4) & 15);
      out[2 * i + 1] = digits.charAt(b[i] & 15);
    }
    return new String(out);
  }
}
