package org.sightline.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
import org.sightline.members.Agency;
import org.sightline.members.LiveMemberDirectory;

/**
 * Who is calling: the agency whose API key is presented as {@code Authorization: Bearer <key>}. The
 * agency (and so its country and its intake topic) comes from the key and nothing else.
 */
@ApplicationScoped
public class AgencyAuthenticator {

  private static final String BEARER = "Bearer ";

  private final LiveMemberDirectory members;

  AgencyAuthenticator(LiveMemberDirectory members) {
    this.members = members;
  }

  public Agency authenticate(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new NotAuthorizedException(
          "an agency API key is required: Authorization: Bearer <key>",
          "Bearer realm=\"sightline\"");
    }
    return members
        .get()
        .authenticate(authorization.substring(BEARER.length()).strip())
        .orElseThrow(
            () ->
                new NotAuthorizedException(
                    "unknown or disabled API key", "Bearer realm=\"sightline\""));
  }
}
