package org.sightline.consumers.hashes;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the known-hash list as agencies and platforms see it: the hash, its kind, why it is
 * listed and since when. Which agencies confirmed it stays inside the federation.
 *
 * @param key the canonical key, e.g. {@code sha256:<hex>}
 * @param type {@code MD5}, {@code SHA1}, {@code SHA256} or {@code PDQ}
 * @param value the hash, lower-case hex
 * @param category {@code CSAM} or {@code BASELINE_CSAM}
 */
public record KnownHashItem(
    String key, String type, String value, String category, Instant listedAt) {

  public KnownHashItem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(listedAt, "listedAt");
  }
}
