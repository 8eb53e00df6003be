package org.sightline.members;

import java.util.Locale;
import java.util.Objects;

/**
 * A person who reads alerts: an analyst bound to one member country, or a secretariat user who sees
 * everything. {@code country} is null for the secretariat. An analyst may also belong to one agency
 * of that country ({@code agency}, optional): then they see their agency's own sightings in full
 * (its RED and AMBER+STRICT ones, and those shared with named countries only) and its own alerts,
 * which the other agencies of the country do not see.
 */
public record User(
    String id,
    String name,
    CountryCode country,
    String language,
    String passwordHash,
    AgencyId agency) {

  /** The consoles' languages: INTERPOL's working languages. */
  public static final java.util.List<String> LANGUAGES = java.util.List.of("en", "ar", "fr", "es");

  public User(String id, String name, CountryCode country, String language, String passwordHash) {
    this(id, name, country, language, passwordHash, null);
  }

  public User {
    if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException(
          "user id '" + id + "' is not valid (lower-case letters, digits, . _ -)");
    }
    if (!Passwords.isWellFormed(passwordHash)) {
      throw new IllegalArgumentException(
          "user '" + id + "': passwordHash must be pbkdf2-sha256$<iterations>$<salt>$<hash>");
    }
    name = name == null || name.isBlank() ? id : name;
    language = language == null ? "en" : language.strip().toLowerCase(Locale.ROOT);
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException(
          "user '" + id + "': language '" + language + "' is not one of " + LANGUAGES);
    }
    Objects.requireNonNull(passwordHash);
    if (agency != null && country == null) {
      throw new IllegalArgumentException(
          "user '" + id + "': a secretariat user belongs to no agency");
    }
  }

  public boolean isSecretariat() {
    return country == null;
  }

  /**
   * Whether this user may see the alerts of {@code recipient}: a country code, {@code secretariat},
   * or {@code agency:<id>} (an agency's own alerts: its own analysts and the secretariat).
   */
  public boolean maySee(String recipient) {
    return isSecretariat()
        || country.value().equals(recipient)
        || (agency != null && ("agency:" + agency.value()).equals(recipient));
  }

  /** The recipients whose alerts this analyst reads: their country, and their agency if any. */
  public java.util.List<String> ownRecipients() {
    if (isSecretariat()) {
      return java.util.List.of();
    }
    return agency == null
        ? java.util.List.of(country.value())
        : java.util.List.of(country.value(), "agency:" + agency.value());
  }

  @Override
  public String toString() {
    // Never the hash.
    return "User[" + id + ", " + (isSecretariat() ? "secretariat" : country.value()) + "]";
  }
}
