package org.sightline.indicator;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.sightline.schema.IndicatorType;

/**
 * Phone numbers in E.164 ({@code +31612345678}) via libphonenumber's metadata: a number is accepted
 * only when it is valid for its country. Without a default region the number must be in
 * international form (+ and country code); the reporting agency's country is the usual default.
 * Extensions are dropped (E.164 has none).
 */
final class Phones {

  static final String REGION_FIELD = "defaultRegion";
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private Phones() {}

  static String region(String defaultRegion) {
    if (defaultRegion == null || defaultRegion.isBlank()) {
      return null;
    }
    String r = defaultRegion.strip().toUpperCase(Locale.ROOT);
    if (!UTIL.getSupportedRegions().contains(r)) {
      throw new InvalidIndicatorException(
          REGION_FIELD,
          Text.quote(defaultRegion) + " is not a region with a telephone numbering plan (e.g. NL)");
    }
    return r;
  }

  static CanonicalIndicator canonicalize(String field, String value, String defaultRegion) {
    String v = Text.trim(value);
    if (v.length() > 100) {
      throw new InvalidIndicatorException(field, "is too long for a phone number");
    }
    String region = region(defaultRegion);
    String plain = v.startsWith("00") && region == null ? "+" + v.substring(2) : v;
    PhoneNumber n;
    try {
      n = UTIL.parse(plain, region == null ? "ZZ" : region);
    } catch (NumberParseException e) {
      String reason =
          switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE ->
                region == null
                    ? "has no country code: write it in international form (+31 6 ...) or give a"
                        + " default region"
                    : "has a country code that does not exist";
            case NOT_A_NUMBER -> "is not a phone number";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "is too short to be a phone number";
            case TOO_LONG -> "is too long to be a phone number";
          };
      throw new InvalidIndicatorException(field, reason);
    }
    if (!UTIL.isValidNumber(n)) {
      String where = UTIL.getRegionCodeForCountryCode(n.getCountryCode());
      throw new InvalidIndicatorException(
          field,
          "is not a valid phone number for +"
              + n.getCountryCode()
              + ("ZZ".equals(where) ? "" : " (" + where + ")")
              + ": wrong length or an unassigned range");
    }
    String e164 = UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
    return new CanonicalIndicator(
        "phone:" + e164, IndicatorType.PHONE, e164, List.of(), EnumSet.noneOf(IndicatorFlag.class));
  }
}
