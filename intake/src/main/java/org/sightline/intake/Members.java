package org.sightline.intake;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.sightline.members.LiveMemberDirectory;

/**
 * The member directory, watched: an agency added, disabled or enabled while the intake runs is
 * taken within two seconds (its key accepted or refused), with no restart.
 */
@ApplicationScoped
public class Members {

  @Produces
  @Singleton
  LiveMemberDirectory directory(IntakeConfig config) {
    return LiveMemberDirectory.watching(config.membersFile(), Duration.ofSeconds(2), Log::info);
  }
}
