package org.sightline.consumers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;

/** The alert view's settings. */
@ConfigMapping(prefix = "sightline")
public interface ConsumersConfig {

  /** Base URL of the schema registry. */
  @WithName("registry.url")
  String registryUrl();

  /** The member directory: which countries may ask for their alerts. */
  @WithName("members.file")
  Path membersFile();

  /** Bounds memory: the view is a window on Kafka, not a second store. */
  @WithName("consumers.history-per-recipient")
  @WithDefault("1000")
  int historyPerRecipient();
}
