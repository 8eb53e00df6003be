package org.sightline.consumers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.sightline.members.MemberDirectory;

/** The member directory, loaded once at start. */
@ApplicationScoped
public class Members {

  @Produces
  @Singleton
  MemberDirectory directory(ConsumersConfig config) {
    return MemberDirectory.load(config.membersFile());
  }
}
