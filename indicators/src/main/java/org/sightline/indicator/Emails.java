package org.sightline.indicator;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.sightline.schema.IndicatorType;

/**
 * Email addresses: trimmed, an optional {@code mailto:} removed, the local part NFC-normalised and
 * lower-cased, the domain canonicalised as a host name (IDN to punycode). No provider-specific
 * rewriting (dots or {@code +tags} at Gmail): what a provider treats as equal is its own policy and
 * can change, so those addresses stay distinct keys. No {@code domain:} key is derived: a mail
 * domain such as gmail.com is shared by millions and would correlate unrelated people.
 */
final class Emails {

  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  private Emails() {}

  static CanonicalIndicator canonicalize(String field, String value) {
    String v = Text.trim(value);
    if (v.regionMatches(true, 0, "mailto:", 0, 7)) {
      v = v.substring(7).strip();
    }
    int at = v.lastIndexOf('@');
    if (at < 0) {
      throw new InvalidIndicatorException(field, "is not an email address: it has no '@'");
    }
    String local = v.substring(0, at);
    String domain = v.substring(at + 1);
    if (local.isEmpty()) {
      throw new InvalidIndicatorException(field, "is not an email address: nothing before the '@'");
    }
    if (domain.isEmpty()) {
      throw new InvalidIndicatorException(field, "is not an email address: nothing after the '@'");
    }
    if (local.startsWith("\"")) {
      throw new InvalidIndicatorException(
          field, "has a quoted local part, which is not supported: write it without quotes");
    }
    local = Normalizer.normalize(local, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    if (local.length() > 64) {
      throw new InvalidIndicatorException(
          field, "has a local part (before the '@') longer than 64 characters");
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      throw new InvalidIndicatorException(
          field, "has a dot at the start or end of the local part, or two dots in a row");
    }
    for (int i = 0; i < local.length(); ) {
      int cp = local.codePointAt(i);
      i += Character.charCount(cp);
      boolean ok =
          (cp >= 'a' && cp <= 'z')
              || (cp >= '0' && cp <= '9')
              || cp == '.'
              || (cp < 0x80 && ATEXT_SPECIALS.indexOf(cp) >= 0)
              || (cp >= 0x80
                  && (Character.isLetterOrDigit(cp)
                      || Character.getType(cp) == Character.NON_SPACING_MARK));
      if (!ok) {
        throw new InvalidIndicatorException(
            field,
            "has "
                + Text.quote(new String(Character.toChars(cp)))
                + " in the local part, which an unquoted address may not contain");
      }
    }
    Hosts.Host host = Hosts.strict(field, domain, "mail domain");
    if (host.isIp()) {
      throw new InvalidIndicatorException(
          field, "has an IP address as its domain, which is not supported");
    }
    if (host.text().indexOf('.') < 0) {
      throw new InvalidIndicatorException(
          field, "has the domain " + Text.quote(host.text()) + ", which has no dot in it");
    }
    String canonical = local + "@" + host.text();
    if (canonical.length() > 254) {
      throw new InvalidIndicatorException(field, "is longer than 254 characters");
    }
    return new CanonicalIndicator(
        "email:" + canonical,
        IndicatorType.EMAIL,
        canonical,
        List.of(),
        EnumSet.noneOf(IndicatorFlag.class));
  }
}
