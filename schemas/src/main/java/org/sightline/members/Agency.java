package org.sightline.members;

import java.util.Objects;

/**
 * A member agency: a national contact point, hotline or specialised unit of one country.
 *
 * @param apiKeySha256 hex SHA-256 of the agency's intake API key; the key itself is never stored
 */
public record Agency(
    AgencyId id, String name, CountryCode country, String apiKeySha256, boolean enabled) {

  public Agency {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(country, "country");
    name = name == null || name.isBlank() ? id.value() : name;
  }
}
