package org.sightline.indicator;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.sightline.schema.IndicatorType;

/**
 * Usernames on a closed list of platforms. Each platform has its own character rule and case rule;
 * a leading {@code @} (and {@code u/} on Reddit) is removed. Keys: {@code
 * username:<platform>:<name>}.
 */
final class Usernames {

  static final String PLATFORM_FIELD = "indicator.platform";

  enum CaseRule {
    /** The platform treats names case-insensitively: lower-cased. */
    LOWER,
    /** The platform's identifiers are upper case (Threema IDs). */
    UPPER
  }

  record Platform(
      String name, List<String> aliases, Pattern pattern, CaseRule caseRule, String rule) {}

  static final Map<String, Platform> PLATFORMS = new LinkedHashMap<>();
  private static final Map<String, Platform> BY_NAME = new LinkedHashMap<>();

  private static void add(
      String name, List<String> aliases, String regex, CaseRule c, String rule) {
    Platform p = new Platform(name, aliases, Pattern.compile(regex), c, rule);
    PLATFORMS.put(name, p);
    BY_NAME.put(name, p);
    aliases.forEach(a -> BY_NAME.put(a, p));
  }

  static {
    CaseRule lower = CaseRule.LOWER;
    add(
        "telegram",
        List.of(),
        "[a-z][a-z0-9_]{3,31}",
        lower,
        "5-32 letters, digits, _; starts with a letter");
    add("x", List.of("twitter"), "[a-z0-9_]{1,15}", lower, "1-15 letters, digits, _");
    add("instagram", List.of(), "[a-z0-9._]{1,30}", lower, "1-30 letters, digits, . and _");
    add("tiktok", List.of(), "[a-z0-9._]{2,24}", lower, "2-24 letters, digits, . and _");
    add(
        "snapchat",
        List.of(),
        "[a-z][a-z0-9._-]{2,14}",
        lower,
        "3-15 letters, digits, . _ -; starts with a letter");
    add(
        "discord",
        List.of(),
        "[a-z0-9_.]{2,32}",
        lower,
        "2-32 letters, digits, _ and . (new-style names)");
    add("reddit", List.of(), "[a-z0-9_-]{3,20}", lower, "3-20 letters, digits, _ and -");
    add(
        "github",
        List.of(),
        "[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}",
        lower,
        "1-39 letters, digits, single hyphens");
    add("kik", List.of(), "[a-z0-9._]{2,20}", lower, "2-20 letters, digits, . and _");
    add("twitch", List.of(), "[a-z0-9_]{4,25}", lower, "4-25 letters, digits, _");
    add("youtube", List.of(), "[a-z0-9._-]{3,30}", lower, "a handle: 3-30 letters, digits, . _ -");
    add("roblox", List.of(), "[a-z0-9_]{3,20}", lower, "3-20 letters, digits, _");
    add(
        "facebook",
        List.of(),
        "[a-z0-9]{5,50}",
        lower,
        "5-50 letters and digits; dots are ignored, as Facebook does");
    add(
        "threema",
        List.of(),
        "[A-Z0-9*][A-Z0-9]{7}",
        CaseRule.UPPER,
        "an 8-character ID, upper case");
  }

  private Usernames() {}

  static Platform platform(String qualifier) {
    String p = qualifier == null ? "" : qualifier.strip().toLowerCase(Locale.ROOT);
    if (p.isEmpty()) {
      throw new InvalidIndicatorException(
          PLATFORM_FIELD,
          "is required for a username: one of " + String.join(", ", PLATFORMS.keySet()));
    }
    Platform platform = BY_NAME.get(p);
    if (platform == null) {
      throw new InvalidIndicatorException(
          PLATFORM_FIELD,
          Text.quote(qualifier.strip())
              + " is not a supported platform: "
              + String.join(", ", PLATFORMS.keySet()));
    }
    return platform;
  }

  static CanonicalIndicator canonicalize(String field, Platform p, String value) {
    String v = Text.trim(value);
    if (v.startsWith("@")) {
      v = v.substring(1);
    }
    if (p.name().equals("reddit") && (v.startsWith("u/") || v.startsWith("/u/"))) {
      v = v.substring(v.indexOf("u/") + 2);
    }
    if (p.name().equals("facebook")) {
      v = v.replace(".", "");
    }
    v = p.caseRule() == CaseRule.UPPER ? v.toUpperCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT);
    if (v.isEmpty() || !p.pattern().matcher(v).matches()) {
      throw new InvalidIndicatorException(
          field, "is not a valid " + p.name() + " username (" + p.rule() + "): " + Text.quote(v));
    }
    return new CanonicalIndicator(
        "username:" + p.name() + ":" + v,
        IndicatorType.USERNAME,
        v,
        List.of(),
        EnumSet.noneOf(IndicatorFlag.class));
  }
}
