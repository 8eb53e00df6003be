package org.sightline.consumers.iwol;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.sightline.members.AccessProvider;
import org.sightline.members.LiveMemberDirectory;

/**
 * Who is asking for the list: an enabled access provider named by its API key in {@code
 * Authorization: Bearer <key>}. Agency keys are looked up among agencies only, so they do not open
 * the list.
 */
@ApplicationScoped
public class AccessProviderAuth {

  private static final String SCHEME = "Bearer";

  private final LiveMemberDirectory members;

  AccessProviderAuth(LiveMemberDirectory members) {
    this.members = members;
  }

  /** The key in a bearer {@code Authorization} header, or empty when there is none. */
  static Optional<String> bearerKey(String authorization) {
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

  public Optional<AccessProvider> authenticate(String authorization) {
    return bearerKey(authorization).flatMap(key -> members.get().authenticateAccessProvider(key));
  }
}
