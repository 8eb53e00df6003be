package org.sightline.members;

import java.util.Objects;

/**
 * A vetted online platform (a host, a social network, a cloud storage service) that receives the
 * federation's known-hash list under an agreement, to detect and remove the material. It reads the
 * list over HTTP and nothing else: its key opens neither an intake, nor alerts, nor the IWOL feed,
 * and it has no broker login.
 *
 * @param id the same form as an access provider's, and never an agency's or a provider's id
 * @param apiKeySha256 hex SHA-256 of the platform's API key; the key itself is never stored
 */
public record Platform(
    String id, String name, CountryCode country, String apiKeySha256, boolean enabled) {

  public Platform {
    AccessProvider.checkId(id);
    Objects.requireNonNull(country, "country");
    apiKeySha256 = AccessProvider.checkedKeyHash(apiKeySha256);
    name = name == null || name.isBlank() ? id : name;
  }
}
