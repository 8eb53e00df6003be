package org.sightline.indicator;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.IDNA;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Host names and IP addresses: the Safe Browsing host rules (IDN to punycode, dots, IPv4 forms,
 * lower case, escaping), the strict forms for the {@code host}, {@code domain} and {@code ip}
 * types, and registrable domains from the public suffix list.
 *
 * <p>Hosts taken from URLs are handled as byte strings: a Java string whose chars are 0-255, one
 * per byte, so that bytes that are not UTF-8 survive and are escaped as they came.
 */
final class Hosts {

  enum Kind {
    NAME,
    IPV4,
    IPV6
  }

  /**
   * A canonical host.
   *
   * @param text the canonical form, escaped as in a canonical URL (IPv6 without brackets)
   * @param kind name, IPv4 or IPv6
   */
  record Host(String text, Kind kind) {
    boolean isIp() {
      return kind != Kind.NAME;
    }

    /** As written in a URL authority. */
    String inUrl() {
      return kind == Kind.IPV6 ? "[" + text + "]" : text;
    }
  }

  private Hosts() {}

  /**
   * Canonicalises a host taken from a URL (bytes as chars 0-255, already percent-unescaped). Never
   * fails except on an empty host.
   */
  static Host fromUrl(String field, String bytes) {
    String s = toAsciiLabels(field, bytes);
    String joined = collapseDots(s);
    if (joined.isEmpty()) {
      throw new InvalidIndicatorException(field, "has no host name");
    }
    String ipv4 = parseIpv4(joined);
    if (ipv4 != null) {
      return new Host(ipv4, Kind.IPV4);
    }
    return new Host(escape(joined), Kind.NAME);
  }

  /** An IPv6 literal from a URL (between the brackets), or a rejection. */
  static Host ipv6(String field, String literal) {
    String ip = parseIpv6(literal);
    if (ip == null) {
      throw new InvalidIndicatorException(
          field, "has " + Text.quote("[" + literal + "]") + ", which is not a valid IPv6 address");
    }
    return new Host(ip, ip.indexOf(':') >= 0 ? Kind.IPV6 : Kind.IPV4);
  }

  /** The strict host of the {@code host} and {@code domain} types: a DNS name or an IP address. */
  static Host strict(String field, String value, String typeName) {
    String v = Text.trim(value);
    if (v.contains("://") || v.indexOf('/') >= 0 || v.indexOf('?') >= 0) {
      throw new InvalidIndicatorException(
          field, "looks like a URL, not a " + typeName + ": use the type url for " + Text.quote(v));
    }
    if (v.indexOf('@') >= 0) {
      throw new InvalidIndicatorException(
          field, "contains '@': a " + typeName + " is a name, not an email address or user");
    }
    if (v.startsWith("[") && v.endsWith("]")) {
      return ipv6(field, v.substring(1, v.length() - 1));
    }
    if (v.indexOf(':') >= 0) {
      String ip = parseIpv6(v);
      if (ip != null) {
        return new Host(ip, ip.indexOf(':') >= 0 ? Kind.IPV6 : Kind.IPV4);
      }
      throw new InvalidIndicatorException(
          field, "contains ':' (a port?): give the " + typeName + " alone, e.g. example.com");
    }
    String bytes = new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    String ascii = toAsciiLabels(field, bytes);
    String joined = collapseDots(ascii);
    if (joined.isEmpty()) {
      throw new InvalidIndicatorException(field, "has no name in it, only dots");
    }
    String ipv4 = parseIpv4(joined);
    if (ipv4 != null) {
      return new Host(ipv4, Kind.IPV4);
    }
    if (joined.length() > 253) {
      throw new InvalidIndicatorException(
          field, "is longer than 253 characters, the limit for a DNS name");
    }
    for (String label : joined.split("\\.")) {
      if (label.length() > 63) {
        throw new InvalidIndicatorException(
            field, "has a label longer than 63 characters: " + Text.quote(label));
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
          String shown =
              c >= 0x80
                  ? "a character that is not valid in an internationalised name"
                  : Text.quote(String.valueOf(c));
          throw new InvalidIndicatorException(
              field, "is not a valid " + typeName + " name: it contains " + shown);
        }
      }
    }
    return new Host(joined, Kind.NAME);
  }

  /** An IP address in any accepted form (IPv4 forms of inet_aton, IPv6), canonical, or null. */
  static String parseIp(String value) {
    String v = Text.trim(value);
    if (v.startsWith("[") && v.endsWith("]")) {
      return parseIpv6(v.substring(1, v.length() - 1));
    }
    if (v.indexOf(':') >= 0) {
      return parseIpv6(v);
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || lower.startsWith(".") || lower.contains("..")) {
      return null;
    }
    return parseIpv4(lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower);
  }

  /** The registrable domain (public suffix + one label) of a name, or null when there is none. */
  static String registrableDomain(String name) {
    if (name.length() > 253) {
      return null;
    }
    InternetDomainName d;
    try {
      // Parsed once: isValid(name) then from(name) parsed it twice, on every URL sighting.
      d = InternetDomainName.from(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!d.isUnderPublicSuffix()) {
      return reservedRegistrable(name);
    }
    return d.topPrivateDomain().toString();
  }

  /**
   * The special-use top-level names of RFC 2606 and RFC 6761 are not in the public suffix list, but
   * they behave as suffixes: {@code shop.example} is a site of its own. Training data, tests and
   * demos use them precisely because they can never name a real site.
   */
  private static final java.util.Set<String> RESERVED_TLDS =
      java.util.Set.of("example", "test", "invalid", "localhost");

  private static String reservedRegistrable(String name) {
    String[] labels = name.split("\\.");
    if (labels.length < 2 || !RESERVED_TLDS.contains(labels[labels.length - 1])) {
      return null;
    }
    return labels[labels.length - 2] + "." + labels[labels.length - 1];
  }

  static boolean isPublicSuffix(String name) {
    return InternetDomainName.isValid(name) && InternetDomainName.from(name).isPublicSuffix();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * UTS #46 (IDNA 2008 with the compatibility mapping browsers use), non-transitional: {@code ß}
   * and {@code ς} are kept, as browsers keep them, and every letter of current Unicode is known
   * (java.net.IDN is IDNA 2003, frozen at Unicode 3.2: a host with a newer letter, such as U+04CF,
   * was escaped instead of converted, so its Unicode and punycode spellings never met). Bidi and
   * joiner rules are checked; STD3's ASCII rules are not, since underscores occur in real names.
   */
  private static final IDNA UTS46 =
      IDNA.getUTS46Instance(
          IDNA.NONTRANSITIONAL_TO_ASCII
              | IDNA.NONTRANSITIONAL_TO_UNICODE
              | IDNA.CHECK_BIDI
              | IDNA.CHECK_CONTEXTJ);

  /**
   * Lower-cases and converts internationalised labels to punycode when the bytes are UTF-8 and
   * every label converts; otherwise keeps the bytes (ASCII lower-cased) to be escaped. A label with
   * a code point no host name may hold (a bidirectional control such as U+202E, which makes a name
   * read otherwise than it is) is refused, naming it.
   */
  private static String toAsciiLabels(String field, String bytes) {
    boolean ascii = true;
    for (int i = 0; i < bytes.length(); i++) {
      if (bytes.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return bytes.toLowerCase(Locale.ROOT);
    }
    String unicode;
    try {
      unicode =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1)))
              .toString();
    } catch (CharacterCodingException e) {
      return asciiLower(bytes);
    }
    List<String> labels = new ArrayList<>();
    for (String label : unicode.split("[.\u3002\uff0e\uff61]")) {
      if (label.isEmpty()) {
        continue;
      }
      if (label.chars().allMatch(c -> c < 0x80)) {
        labels.add(label.toLowerCase(Locale.ROOT));
        continue;
      }
      StringBuilder converted = new StringBuilder();
      IDNA.Info info = new IDNA.Info();
      UTS46.labelToASCII(label, converted, info);
      if (info.getErrors().contains(IDNA.Error.DISALLOWED)) {
        throw new InvalidIndicatorException(field, disallowed(label));
      }
      if (info.hasErrors()) {
        return asciiLower(bytes);
      }
      labels.add(converted.toString().toLowerCase(Locale.ROOT));
    }
    String result = String.join(".", labels);
    // IDNA maps some characters to ASCII ('⒈' is "1."), which must not make new escapes ("%a⒈").
    if (result.indexOf('%') >= 0) {
      return asciiLower(bytes);
    }
    // Converted labels are ASCII; anything else means the conversion did not happen.
    for (int i = 0; i < result.length(); i++) {
      if (result.charAt(i) >= 0x80) {
        return asciiLower(bytes);
      }
    }
    return result;
  }

  /** Names the first code point of {@code label} that UTS #46 disallows. */
  private static String disallowed(String label) {
    int[] points = label.codePoints().toArray();
    for (int cp : points) {
      IDNA.Info info = new IDNA.Info();
      UTS46.labelToASCII(new String(Character.toChars(cp)), new StringBuilder(), info);
      if (info.getErrors().contains(IDNA.Error.DISALLOWED)) {
        return String.format(
            "has U+%04X (%s) in its host name, which a host name may not contain (UTS #46):"
                + " it is refused, not escaped, since it makes a name read as another",
            cp, UCharacter.getName(cp));
      }
    }
    return "has a code point in its host name that a host name may not contain (UTS #46)";
  }

  private static String asciiLower(String bytes) {
    char[] c = bytes.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (c[i] >= 'A' && c[i] <= 'Z') {
        c[i] = (char) (c[i] + 32);
      }
    }
    return new String(c);
  }

  /** Strips leading and trailing dots and collapses runs of dots. */
  static String collapseDots(String s) {
    List<String> labels = new ArrayList<>();
    for (String label : s.split("\\.")) {
      if (!label.isEmpty()) {
        labels.add(label);
      }
    }
    return String.join(".", labels);
  }

  /**
   * IPv4 in any form inet_aton accepts: one to four parts, each decimal, octal (leading 0) or hex
   * (0x); the last part fills the remaining bytes. Returns the dotted quad, or null when the host
   * is not an IPv4 address.
   */
  static String parseIpv4(String host) {
    if (host.isEmpty() || host.length() > 64) {
      return null;
    }
    char first = host.charAt(0);
    if (first < '0' || first > '9') {
      return null;
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] v = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      v[i] = parseIpv4Part(parts[i]);
      if (v[i] < 0) {
        return null;
      }
    }
    long result = 0;
    for (int i = 0; i < parts.length - 1; i++) {
      if (v[i] > 255) {
        return null;
      }
      result = (result << 8) | v[i];
    }
    int rest = 4 - (parts.length - 1);
    long last = v[parts.length - 1];
    if (last >= (1L << (8 * rest))) {
      return null;
    }
    result = (result << (8 * rest)) | last;
    return ((result >> 24) & 255)
        + "."
        + ((result >> 16) & 255)
        + "."
        + ((result >> 8) & 255)
        + "."
        + (result & 255);
  }

  private static long parseIpv4Part(String p) {
    if (p.isEmpty()) {
      return -1;
    }
    int radix = 10;
    int start = 0;
    if (p.length() > 2 && p.charAt(0) == '0' && (p.charAt(1) == 'x' || p.charAt(1) == 'X')) {
      radix = 16;
      start = 2;
    } else if (p.length() > 1 && p.charAt(0) == '0') {
      radix = 8;
      start = 1;
    }
    long value = 0;
    for (int i = start; i < p.length(); i++) {
      int d = Character.digit(p.charAt(i), radix);
      if (d < 0 || p.charAt(i) >= 0x80) {
        return -1;
      }
      value = value * radix + d;
      if (value > 0xFFFFFFFFL) {
        return -1;
      }
    }
    return value;
  }

  /** RFC 5952 text of an IPv6 address (an IPv4-mapped one becomes its IPv4 form), or null. */
  static String parseIpv6(String literal) {
    if (literal.isEmpty() || literal.length() > 45 || literal.indexOf('%') >= 0) {
      return null;
    }
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (!(Character.digit(c, 16) >= 0 && c < 0x80) && c != ':' && c != '.') {
        return null;
      }
    }
    if (literal.indexOf(':') < 0) {
      return null;
    }
    try {
      InetAddress a = InetAddresses.forString(literal);
      return InetAddresses.toAddrString(a);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Percent-escapes chars <= 0x20, >= 0x7f, '#' and '%' (the Safe Browsing rule). */
  static String escape(String bytes) {
    StringBuilder b = null;
    for (int i = 0; i < bytes.length(); i++) {
      char c = bytes.charAt(i);
      boolean esc = c <= 0x20 || c >= 0x7f || c == '#' || c == '%';
      if (esc && b == null) {
        b = new StringBuilder(bytes.length() + 16);
        b.append(bytes, 0, i);
      }
      if (b != null) {
        if (esc) {
          b.append('%').append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? bytes : b.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
