package org.sightline.members;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** An ISO 3166-1 alpha-2 country code, upper case. It names the country's alert topic. */
public record CountryCode(String value) implements Comparable<CountryCode> {

  public static final String REGEX = "[A-Z]{2}";
  private static final Pattern PATTERN = Pattern.compile(REGEX);
  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

  public CountryCode {
    if (value == null || !PATTERN.matcher(value).matches() || !ISO_COUNTRIES.contains(value)) {
      throw new IllegalArgumentException(
          "country '" + value + "' is not an ISO 3166-1 alpha-2 code such as NL or JO");
    }
  }

  /** Accepts any case and surrounding blanks: "nl " is NL. */
  public static CountryCode of(String value) {
    return new CountryCode(value == null ? null : value.strip().toUpperCase(Locale.ROOT));
  }

  public static boolean isValid(String value) {
    try {
      of(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public int compareTo(CountryCode o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
