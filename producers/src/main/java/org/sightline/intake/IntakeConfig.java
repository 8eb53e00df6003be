package org.sightline.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;

/** The intake's settings. */
@ConfigMapping(prefix = "sightline")
public interface IntakeConfig {

  /** Base URL of the schema registry. */
  @WithName("registry.url")
  String registryUrl();

  /** The member directory: agencies, countries, hashed API keys. */
  @WithName("members.file")
  Path membersFile();

  /** How long a request waits for the broker's acknowledgement. */
  @WithName("intake.ack-timeout")
  Duration ackTimeout();
}
