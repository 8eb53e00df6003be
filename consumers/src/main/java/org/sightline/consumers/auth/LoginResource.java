package org.sightline.consumers.auth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.members.User;

/** Log in with a user id and password from the member directory; a session cookie follows. */
@Path("/api/v1")
public class LoginResource {

  private static final Logger LOG = Logger.getLogger(LoginResource.class);

  /** What the page needs to know about its user; never the hash. */
  /** {@code agency}: the agency an analyst belongs to, when the directory binds them to one. */
  public record Me(
      String id, String name, String country, boolean secretariat, String language, String agency) {
    static Me of(User u) {
      return new Me(
          u.id(),
          u.name(),
          u.isSecretariat() ? null : u.country().value(),
          u.isSecretariat(),
          u.language(),
          u.agency() == null ? null : u.agency().value());
    }
  }

  public record Credentials(String user, String password) {}

  private final LiveMemberDirectory members;
  private final Sessions sessions;
  private final SignedIn signedIn;

  LoginResource(LiveMemberDirectory members, Sessions sessions, SignedIn signedIn) {
    this.members = members;
    this.sessions = sessions;
    this.signedIn = signedIn;
  }

  @POST
  @Path("/login")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response login(Credentials credentials) {
    Optional<User> user =
        credentials == null
            ? Optional.empty()
            : members.get().authenticateUser(credentials.user(), credentials.password());
    if (user.isEmpty()) {
      LOG.warnf("refused login for '%s'", credentials == null ? null : credentials.user());
      return Response.status(Response.Status.UNAUTHORIZED)
          .entity(Map.of("error", "wrong user or password"))
          .build();
    }
    return Response.ok(Me.of(user.get())).cookie(cookie(sessions.open(user.get()), -1)).build();
  }

  @POST
  @Path("/logout")
  public Response logout(@CookieParam(Sessions.COOKIE) String token) {
    sessions.close(token);
    return Response.noContent().cookie(cookie("", 0)).build();
  }

  @GET
  @Path("/me")
  @Produces(MediaType.APPLICATION_JSON)
  public Me me() {
    return Me.of(signedIn.user());
  }

  private static NewCookie cookie(String value, int maxAge) {
    // HttpOnly: page scripts never need it. Strict: no other site's page can use the session.
    return new NewCookie.Builder(Sessions.COOKIE)
        .value(value)
        .path("/")
        .httpOnly(true)
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge(maxAge)
        .build();
  }
}
