package org.sightline.imports;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The STIX 2.1 patterns Sightline imports: one comparison, equality, on one observable value —
 * {@code [url:value = '...']}, {@code [domain-name:value = '...']}, {@code [ipv4-addr:value =
 * '...']}, {@code [ipv6-addr:value = '...']}, {@code [email-addr:value = '...']}, {@code
 * [file:hashes.MD5 = '...']} and {@code 'SHA-1'} / {@code 'SHA-256'}. Anything else (AND, OR,
 * FOLLOWEDBY, other operators, qualifiers, other objects) is refused with the reason, since a
 * sighting is one indicator.
 */
public final class StixPatterns {

  /** What a pattern names: a Sightline indicator type and value, or why it is not imported. */
  public record Match(String type, String value, String unsupported) {
    public boolean ok() {
      return unsupported == null;
    }
  }

  private static final Pattern SIMPLE =
      Pattern.compile(
          "^\\s*\\[\\s*([a-z0-9-]+)\\s*:\\s*([A-Za-z0-9_.'\\-]+)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*\\]\\s*$");

  private StixPatterns() {}

  public static Match parse(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      return unsupported("the pattern is empty");
    }
    Matcher m = SIMPLE.matcher(pattern);
    if (!m.matches()) {
      String outside = outsideQuotes(pattern).toUpperCase(Locale.ROOT);
      if (outside.matches(".*\\b(AND|OR|FOLLOWEDBY)\\b.*") || outside.indexOf('[', 1) > 0) {
        return unsupported("compound patterns (AND, OR, FOLLOWEDBY) are not imported");
      }
      if (outside.matches(".*\\b(WITHIN|REPEATS|START|STOP)\\b.*")) {
        return unsupported("qualifiers (WITHIN, REPEATS, START/STOP) are not imported");
      }
      if (outside.matches(
          ".*(!=|<|>|\\bLIKE\\b|\\bMATCHES\\b|\\bIN\\b|\\bISSUBSET\\b|\\bISSUPERSET\\b|\\bNOT\\b).*")) {
        return unsupported("only equality (=) comparisons are imported");
      }
      return unsupported("not of the form [<object>:<property> = '<value>']");
    }
    String object = m.group(1);
    String path = m.group(2).replace("'", "");
    String value = m.group(3).replace("\\'", "'").replace("\\\\", "\\");
    String type =
        switch (object) {
          case "url" -> path.equals("value") ? "url" : null;
          case "domain-name" -> path.equals("value") ? "domain" : null;
          case "ipv4-addr", "ipv6-addr" -> path.equals("value") ? "ip" : null;
          case "email-addr" -> path.equals("value") ? "email" : null;
          case "file" -> fileHash(path);
          default -> null;
        };
    if (type == null) {
      return unsupported(
          object
              + ":"
              + path
              + " is not imported (url, domain-name, ipv4-addr, ipv6-addr, email-addr values and"
              + " file MD5, SHA-1, SHA-256 hashes are)");
    }
    return new Match(type, value, null);
  }

  /** The Sightline hash type of a STIX hash name ({@code MD5}, {@code SHA-1}, {@code SHA-256}). */
  public static String hashType(String stixHashName) {
    return switch (stixHashName.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "")) {
      case "MD5" -> "md5";
      case "SHA1" -> "sha1";
      case "SHA256" -> "sha256";
      default -> null;
    };
  }

  private static String fileHash(String path) {
    if (!path.startsWith("hashes.")) {
      return null;
    }
    return hashType(path.substring("hashes.".length()));
  }

  private static String outsideQuotes(String pattern) {
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (quoted && c == '\\') {
        i++;
        continue;
      }
      if (c == '\'') {
        quoted = !quoted;
        continue;
      }
      if (!quoted) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static Match unsupported(String reason) {
    return new Match(null, null, reason);
  }
}
