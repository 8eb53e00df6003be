package org.sightline.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.sightline.members.MemberDirectory;

/** The member directory, loaded once at start. */
@ApplicationScoped
public class Members {

  @Produces
  @Singleton
  MemberDirectory directory(IntakeConfig config) {
    return MemberDirectory.load(config.membersFile());
  }
}
