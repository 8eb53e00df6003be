package org.sightline.consumers;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.sightline.members.LiveMemberDirectory;

/**
 * The member directory, watched: a country, an analyst or an access provider added (or one
 * disabled) while the consumers run is taken within two seconds, with no restart.
 */
@ApplicationScoped
public class Members {

  @Produces
  @Singleton
  LiveMemberDirectory directory(ConsumersConfig config) {
    return LiveMemberDirectory.watching(config.membersFile(), Duration.ofSeconds(2), Log::info);
  }
}
