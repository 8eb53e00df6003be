package org.sightline.standards.stix;

import java.util.Locale;

/**
 * A canonical indicator key as a STIX 2.1 pattern: the observable it names, compared with its
 * canonical value. Types STIX has no observable for (a phone number, a wallet, a perceptual hash's
 * own object) use the nearest one, or a custom property named {@code x_sightline_*}.
 */
final class StixPatterns {

  private StixPatterns() {}

  static String of(String key) {
    int colon = key.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not a canonical indicator key: '" + key + "'");
    }
    String type = key.substring(0, colon);
    String value = key.substring(colon + 1);
    return switch (type) {
      case "url" -> compare("url:value", value);
      case "domain", "host" ->
          value.matches("[0-9.]+|.*:.*") ? ip(value) : compare("domain-name:value", value);
      case "ip" -> ip(value);
      case "md5" -> compare("file:hashes.MD5", value);
      case "sha1" -> compare("file:hashes.'SHA-1'", value);
      case "sha256" -> compare("file:hashes.'SHA-256'", value);
      case "pdq" -> compare("file:hashes.PDQ", value);
      case "photodna" -> compare("file:hashes.x_sightline_photodna", value);
      case "email" -> compare("email-addr:value", value);
      case "phone" -> compare("user-account:x_sightline_phone", value);
      case "username" -> username(value);
      case "wallet" -> wallet(value);
      default -> compare("x-sightline-indicator:key", key);
    };
  }

  private static String ip(String value) {
    return compare(value.contains(":") ? "ipv6-addr:value" : "ipv4-addr:value", value);
  }

  /** {@code platform:name}: the account's login on that platform. */
  private static String username(String value) {
    int colon = value.indexOf(':');
    if (colon <= 0) {
      return compare("user-account:account_login", value);
    }
    return "["
        + "user-account:account_type = "
        + quote(value.substring(0, colon).toLowerCase(Locale.ROOT))
        + " AND user-account:account_login = "
        + quote(value.substring(colon + 1))
        + "]";
  }

  /** {@code chain:address}. */
  private static String wallet(String value) {
    int colon = value.indexOf(':');
    if (colon <= 0) {
      return compare("x-sightline-wallet:address", value);
    }
    return "[x-sightline-wallet:chain = "
        + quote(value.substring(0, colon))
        + " AND x-sightline-wallet:address = "
        + quote(value.substring(colon + 1))
        + "]";
  }

  private static String compare(String path, String value) {
    return "[" + path + " = " + quote(value) + "]";
  }

  /** A STIX pattern string literal: backslash and quote escaped. */
  static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
