package org.sightline.indicator;

/** Small helpers for the words of a rejection: one line, no control characters, not too long. */
final class Text {

  static final int MAX_QUOTED = 64;

  private Text() {}

  /** The value in single quotes, shortened and with control characters escaped, for a reason. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("'");
    int n = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (n++ >= MAX_QUOTED) {
        b.append("...");
        break;
      }
      if (cp < 0x20
          || cp == 0x7f
          || (cp >= 0x80 && cp < 0xa0)
          || Character.isSurrogate((char) cp)) {
        b.append(String.format("\\u%04x", cp));
      } else {
        b.appendCodePoint(cp);
      }
    }
    return b.append('\'').toString();
  }

  /** Rejects unpaired surrogates, which no encoding can carry faithfully. */
  static void requireWellFormed(String field, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new InvalidIndicatorException(
            field, "contains a broken Unicode character (unpaired surrogate) at position " + i);
      }
      if (Character.isLowSurrogate(c)) {
        throw new InvalidIndicatorException(
            field, "contains a broken Unicode character (unpaired surrogate) at position " + i);
      }
    }
  }

  /** Strips ASCII blanks and control characters at both ends (what {@link String#trim} does). */
  static String trim(String s) {
    return s.trim();
  }
}
