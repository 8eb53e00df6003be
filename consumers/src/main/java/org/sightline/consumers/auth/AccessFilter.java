package org.sightline.consumers.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.sightline.members.User;

/**
 * Every API path but login and the IWOL feed (which has its own provider keys) needs a session: 401
 * without one. Which country a user may see is checked by each resource through {@link SignedIn}.
 */
public class AccessFilter {

  private final Sessions sessions;
  private final SignedIn signedIn;

  AccessFilter(Sessions sessions, SignedIn signedIn) {
    this.sessions = sessions;
    this.signedIn = signedIn;
  }

  @ServerRequestFilter
  public Optional<Response> requireSession(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/api/") || isOpen(path)) {
      return Optional.empty();
    }
    Cookie cookie = request.getCookies().get(Sessions.COOKIE);
    Optional<User> user = sessions.user(cookie == null ? null : cookie.getValue());
    if (user.isEmpty()) {
      return Optional.of(
          Response.status(Response.Status.UNAUTHORIZED)
              .type(MediaType.APPLICATION_JSON)
              .entity(Map.of("error", "log in first: POST /api/v1/login"))
              .build());
    }
    signedIn.set(user.get());
    return Optional.empty();
  }

  /** Paths that authenticate by API key themselves (the lists, an agency's own), or log in. */
  private static boolean isOpen(String path) {
    return path.equals("/api/v1/login")
        || path.startsWith("/api/v1/iwol/")
        || path.startsWith("/api/v1/hashes/")
        || path.startsWith("/api/v1/agency/");
  }
}
