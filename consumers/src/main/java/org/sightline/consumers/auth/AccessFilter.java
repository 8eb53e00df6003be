package org.sightline.consumers.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.members.User;

/**
 * Every API path but login and the IWOL feed (which has its own provider keys) needs a session: 401
 * without one. Which country a user may see is checked by each resource through {@link SignedIn}.
 */
public class AccessFilter {

  /** TAXII's media type, of its answers and errors. */
  public static final String TAXII = "application/taxii+json;version=2.1";

  private final Sessions sessions;
  private final SignedIn signedIn;
  private final LiveMemberDirectory members;

  AccessFilter(Sessions sessions, SignedIn signedIn, LiveMemberDirectory members) {
    this.sessions = sessions;
    this.signedIn = signedIn;
    this.members = members;
  }

  @ServerRequestFilter
  public Optional<Response> requireSession(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (path.startsWith("/taxii2")) {
      return requireBasic(request.getHeaderString("Authorization"));
    }
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

  /**
   * A TAXII client holds no session: it sends a console user's name and password with every request
   * (HTTP Basic), and sees what that user sees.
   */
  private Optional<Response> requireBasic(String authorization) {
    Optional<User> user = Optional.empty();
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0) {
          user =
              members
                  .get()
                  .authenticateUser(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
      } catch (IllegalArgumentException notBase64) {
        // No user.
      }
    }
    if (user.isEmpty()) {
      return Optional.of(
          Response.status(Response.Status.UNAUTHORIZED)
              .header("WWW-Authenticate", "Basic realm=\"Sightline TAXII\", charset=\"UTF-8\"")
              .type(TAXII)
              .entity(
                  Map.of(
                      "title", "log in",
                      "description", "a console user's name and password, as HTTP Basic",
                      "http_status", "401"))
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
