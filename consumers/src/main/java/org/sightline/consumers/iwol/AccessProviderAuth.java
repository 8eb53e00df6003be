package org.sightline.consumers.iwol;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.sightline.consumers.auth.BearerKey;
import org.sightline.members.AccessProvider;
import org.sightline.members.LiveMemberDirectory;

/**
 * Who is asking for the list: an enabled access provider named by its API key in {@code
 * Authorization: Bearer <key>}. Agency keys are looked up among agencies only, so they do not open
 * the list.
 */
@ApplicationScoped
public class AccessProviderAuth {

  private final LiveMemberDirectory members;

  AccessProviderAuth(LiveMemberDirectory members) {
    this.members = members;
  }

  /** The key in a bearer {@code Authorization} header, or empty when there is none. */
  static Optional<String> bearerKey(String authorization) {
    return BearerKey.of(authorization);
  }

  /** The enabled access provider whose key this is. */
  public Optional<AccessProvider> authenticateKey(String key) {
    return members.get().authenticateAccessProvider(key);
  }

  public Optional<AccessProvider> authenticate(String authorization) {
    return bearerKey(authorization).flatMap(key -> members.get().authenticateAccessProvider(key));
  }
}
