package org.sightline.members;

import java.util.Locale;
import java.util.Objects;

/**
 * A person who reads alerts: an analyst bound to one member country, or a secretariat user who sees
 * everything. {@code country} is null for the secretariat.
 */
public record User(
    String id, String name, CountryCode country, String language, String passwordHash) {

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
    Objects.requireNonNull(passwordHash);
  }

  public boolean isSecretariat() {
    return country == null;
  }

  /** Whether this user may see the alerts of {@code recipient} (a country code or secretariat). */
  public boolean maySee(String recipient) {
    return isSecretariat() || country.value().equals(recipient);
  }

  @Override
  public String toString() {
    // Never the hash.
    return "User[" + id + ", " + (isSecretariat() ? "secretariat" : country.value()) + "]";
  }
}
