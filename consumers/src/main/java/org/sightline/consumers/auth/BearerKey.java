package org.sightline.consumers.auth;

import java.util.Optional;

/** The API key in a bearer {@code Authorization} header (RFC 6750), as list clients send it. */
public final class BearerKey {

  private static final String SCHEME = "Bearer";

  private BearerKey() {}

  /** The key, or empty when the header is missing or not a bearer one. */
  public static Optional<String> of(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String header = authorization.strip();
    // The scheme is case-insensitive (RFC 9110 section 11.1).
    if (header.length() <= SCHEME.length()
        || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        || !Character.isWhitespace(header.charAt(SCHEME.length()))) {
      return Optional.empty();
    }
    String key = header.substring(SCHEME.length()).strip();
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }
}
