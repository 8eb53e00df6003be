package org.sightline.consumers.iwol;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the "worst of" list as an access provider sees it: the domain to block, when it was
 * listed and why. Which agencies and sightings support it stays inside the federation.
 *
 * @param domain the bare registrable domain, lower case, without a trailing dot
 * @param addedAt when the domain entered the list
 * @param category the harmonised category, e.g. {@code BASELINE_CSAM}
 * @param expiresAt the day the listing lapses unless supported again; null when not known
 */
public record IwolItem(String domain, Instant addedAt, String category, Instant expiresAt) {

  public IwolItem {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(addedAt, "addedAt");
    Objects.requireNonNull(category, "category");
  }

  public IwolItem(String domain, Instant addedAt, String category) {
    this(domain, addedAt, category, null);
  }
}
