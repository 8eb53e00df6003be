package org.sightline.consumers.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import org.sightline.members.User;

/** The user of the current request, set by {@link AccessFilter}. */
@RequestScoped
public class SignedIn {

  private User user;

  void set(User user) {
    this.user = user;
  }

  public User user() {
    if (user == null) {
      throw new NotAuthorizedException("log in first", "Cookie");
    }
    return user;
  }

  /** A 403 unless the user may see the alerts of {@code recipient}. */
  public String requireRecipient(String recipient) {
    if (!user().maySee(recipient)) {
      throw new ForbiddenException("user " + user.id() + " may not see the alerts of " + recipient);
    }
    return recipient;
  }

  /** A 403 unless the user is the secretariat's. */
  public void requireSecretariat() {
    if (!user().isSecretariat()) {
      throw new ForbiddenException("for the secretariat only");
    }
  }
}
