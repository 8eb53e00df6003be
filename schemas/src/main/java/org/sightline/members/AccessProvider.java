package org.sightline.members;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A private entity (an internet access provider) that receives the "worst of" domain list under an
 * agreement, to block the listed domains. It reads the list and nothing else: its key opens the
 * IWOL feed only, never an agency's intake or alerts.
 *
 * @param id lower-case letters, digits and hyphens, 2 to 40 characters, starting with a letter (the
 *     same form as an agency id, and never the id of an agency: audit records name it)
 * @param apiKeySha256 hex SHA-256 of the provider's API key; the key itself is never stored
 */
public record AccessProvider(
    String id, String name, CountryCode country, String apiKeySha256, boolean enabled) {

  private static final Pattern ID = Pattern.compile(AgencyId.REGEX);
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public AccessProvider {
    checkId(id);
    Objects.requireNonNull(country, "country");
    // Unlike an agency (which may publish over Kafka only), a provider has no other way in: a
    // provider without a usable key hash is a mistake in the file, not a choice.
    apiKeySha256 = checkedKeyHash(apiKeySha256);
    name = name == null || name.isBlank() ? id : name;
  }

  /** The id rule of every keyed entity of the directory that is not an agency. */
  static void checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id '"
              + id
              + "' is not valid: use 2-40 lower-case letters, digits or hyphens, starting with a"
              + " letter");
    }
  }

  /** The key hash, lower-cased, or an error saying how to make one. */
  static String checkedKeyHash(String apiKeySha256) {
    String hash = apiKeySha256 == null ? null : apiKeySha256.strip().toLowerCase(Locale.ROOT);
    if (hash == null || !SHA256_HEX.matcher(hash).matches()) {
      throw new IllegalArgumentException(
          "apiKeySha256 must be the 64 hex digits of the key's SHA-256 (printf %s KEY | sha256sum)");
    }
    return hash;
  }
}
