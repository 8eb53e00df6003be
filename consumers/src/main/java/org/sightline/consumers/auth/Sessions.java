package org.sightline.consumers.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sightline.members.User;

/**
 * Logged-in users, by an unguessable session token kept in a cookie. In memory: a restart logs
 * everyone out, and behind a load balancer an analyst sticks to one instance (what they see does
 * not depend on it: every instance reads every topic).
 */
@ApplicationScoped
public class Sessions {

  public static final String COOKIE = "sightline_session";

  /** A working day: idle longer than this, the analyst logs in again. */
  static final Duration IDLE = Duration.ofHours(8);

  private static final SecureRandom RANDOM = new SecureRandom();

  private record Session(User user, long lastUsedMillis) {}

  private final Map<String, Session> byToken = new ConcurrentHashMap<>();

  public String open(User user) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byToken.put(token, new Session(user, System.currentTimeMillis()));
    return token;
  }

  /** The user of a live session; touching it keeps it alive. */
  public Optional<User> user(String token) {
    if (token == null) {
      return Optional.empty();
    }
    long now = System.currentTimeMillis();
    Session session = byToken.get(token);
    if (session == null) {
      return Optional.empty();
    }
    if (now - session.lastUsedMillis() > IDLE.toMillis()) {
      byToken.remove(token);
      return Optional.empty();
    }
    byToken.put(token, new Session(session.user(), now));
    return Optional.of(session.user());
  }

  public void close(String token) {
    if (token != null) {
      byToken.remove(token);
    }
  }
}
