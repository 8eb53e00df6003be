package org.sightline.consumers.iwol;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What may be served as a listed domain. The processor writes canonical registrable domains, but
 * each line ends up verbatim in DNS zone files and CSV sheets at access providers: a name that is
 * not a plain host name (a space, a semicolon, a newline, a lone label such as a whole top-level
 * domain) is refused here rather than trusted.
 */
final class DomainNames {

  /** LDH labels (and underscores, which DNS allows), punycode included; two labels or more. */
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
              + "(?:\\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)+");

  private DomainNames() {}

  /** The domain as served (lower case, no trailing dot), or empty when it is not a host name. */
  static Optional<String> normalize(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String name = key.strip().toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    return HOST_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
  }
}
