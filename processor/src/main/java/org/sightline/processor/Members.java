package org.sightline.processor;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.sightline.members.LiveMemberDirectory;

/**
 * The member directory, watched: an agency or a country added (or an agency disabled) while the
 * processor runs is taken within {@link #CHECK_EVERY}, with no restart.
 */
@ApplicationScoped
public class Members {

  /** How often the file is looked at (its size and time; the content only when they change). */
  public static final Duration CHECK_EVERY = Duration.ofSeconds(2);

  @Produces
  @Singleton
  LiveMemberDirectory directory(ProcessorConfig config) {
    return LiveMemberDirectory.watching(config.membersFile(), CHECK_EVERY, Log::info);
  }
}
