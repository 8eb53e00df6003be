package org.sightline.indicator;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;

/**
 * Keyed-HMAC pseudonyms for personal identifiers (e-mail addresses, phone numbers, usernames), so
 * that a federation can match them without the backbone ever holding one in clear.
 *
 * <p>The pseudonym of an identifier is {@code hmac-sha256:<hex>}, the HMAC-SHA256 under the
 * federation key of its <em>canonical key</em> ({@code email:alice@example.org}, {@code
 * phone:+31201234567}, {@code username:telegram:alice}). Canonicalising first is what makes two
 * spellings of one address meet: {@code Alice@Example.org} and {@code alice@example.org} get one
 * pseudonym. The username's platform stays in clear (it is not personal, and keeps platforms
 * apart).
 *
 * <p>The members hold the key and pseudonymise before they publish (the CLI does it on the agency's
 * machine; the HTTP intake can do it when it is given the key); the processor matches pseudonyms as
 * they are and never needs the key. See the schemas README for the trade-offs.
 */
public final class Pseudonyms {

  public static final String PREFIX = "hmac-sha256:";
  private static final Pattern FORM = Pattern.compile("hmac-sha256:[0-9a-f]{64}");
  private static final Set<IndicatorType> PERSONAL =
      EnumSet.of(IndicatorType.EMAIL, IndicatorType.PHONE, IndicatorType.USERNAME);

  private Pseudonyms() {}

  /** Whether indicators of this type identify a person. */
  public static boolean isPersonal(IndicatorType type) {
    return PERSONAL.contains(type);
  }

  /** Whether the value is already a pseudonym (in any letter case). */
  public static boolean isPseudonym(String value) {
    return value != null && FORM.matcher(value.strip().toLowerCase(Locale.ROOT)).matches();
  }

  /**
   * The indicator with a personal identifier replaced by its pseudonym (the platform of a username
   * kept); any other indicator, or one already pseudonymised, unchanged.
   *
   * @param defaultRegion how to read a phone number without its country code (the reporting
   *     agency's country)
   * @throws InvalidIndicatorException when the identifier is not valid: it cannot be canonicalised,
   *     so it cannot be pseudonymised either
   */
  public static Indicator pseudonymise(
      Indicator indicator, String defaultRegion, FederationKey key) {
    if (indicator == null
        || !isPersonal(indicator.getType())
        || isPseudonym(indicator.getValue())) {
      return indicator;
    }
    CanonicalIndicator canonical = Canonicalizer.canonicalize(indicator, defaultRegion);
    return Indicator.newBuilder(indicator).setValue(key.pseudonym(canonical.key())).build();
  }

  /**
   * The same for a sighting in the intake's JSON shape ({@code indicator} and {@code related[]}
   * objects with {@code type}, {@code value}, {@code platform}), changed in place: what the CLI
   * does on the agency's machine, so that the identifier never leaves it in clear.
   *
   * @return whether anything was replaced
   * @throws InvalidIndicatorException naming the field ({@code indicator.value}, {@code
   *     related[2].value}) when an identifier is not valid
   */
  public static boolean pseudonymiseJson(
      com.fasterxml.jackson.databind.node.ObjectNode sighting,
      String defaultRegion,
      FederationKey key) {
    boolean changed = pseudonymiseNode(sighting.get("indicator"), "indicator", defaultRegion, key);
    com.fasterxml.jackson.databind.JsonNode related = sighting.get("related");
    if (related != null && related.isArray()) {
      for (int i = 0; i < related.size(); i++) {
        changed |= pseudonymiseNode(related.get(i), "related[" + i + "]", defaultRegion, key);
      }
    }
    return changed;
  }

  /**
   * One indicator in the intake's JSON shape ({@code type}, {@code value}, {@code qualifier}),
   * replaced in place when it is a personal identifier; {@code field} names it in an error.
   */
  public static boolean pseudonymiseNode(
      com.fasterxml.jackson.databind.JsonNode node,
      String field,
      String defaultRegion,
      FederationKey key) {
    if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode indicator)
        || !indicator.path("type").isTextual()
        || !indicator.path("value").isTextual()) {
      return false;
    }
    String type = indicator.get("type").asText().strip().toUpperCase(Locale.ROOT);
    String value = indicator.get("value").asText();
    IndicatorType parsed;
    try {
      parsed = IndicatorType.valueOf(type);
    } catch (IllegalArgumentException notAType) {
      return false; // the intake names the field and the reason
    }
    if (!isPersonal(parsed) || isPseudonym(value)) {
      return false;
    }
    // The intake's JSON names a username's platform "platform" (a wallet's chain is "chain").
    String qualifier =
        indicator.path("platform").isTextual() ? indicator.get("platform").asText() : null;
    CanonicalIndicator canonical;
    try {
      canonical =
          Canonicalizer.canonicalize(
              parsed == IndicatorType.USERNAME ? "username:" + qualifier : type,
              value,
              defaultRegion);
    } catch (InvalidIndicatorException e) {
      throw new InvalidIndicatorException(
          field + "." + e.field().replaceFirst("^indicator\\.", ""), e.reason());
    }
    indicator.put("value", key.pseudonym(canonical.key()));
    return true;
  }

  /** The canonical form of a pseudonymised identifier of this type. */
  static CanonicalIndicator canonical(IndicatorType type, String qualifier, String value) {
    String pseudonym = value.strip().toLowerCase(Locale.ROOT);
    String key =
        switch (type) {
          case USERNAME -> "username:" + Usernames.platform(qualifier).name() + ":" + pseudonym;
          default -> type.name().toLowerCase(Locale.ROOT) + ":" + pseudonym;
        };
    return new CanonicalIndicator(
        key, type, pseudonym, List.of(), EnumSet.of(IndicatorFlag.PSEUDONYMISED));
  }

  /** The pseudonym of a canonical key under {@code secret}; see {@link FederationKey}. */
  static String pseudonym(byte[] mac) {
    return PREFIX + HexFormat.of().formatHex(mac);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
