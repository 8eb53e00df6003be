package org.sightline.consumers.iwol;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.sightline.consumers.ConsumersConfig;

/** The IWOL feed's shared pieces, built once; a bad setting stops the service at start. */
@ApplicationScoped
public class IwolSetup {

  @Produces
  @Singleton
  IwolList list(ConsumersConfig config) {
    return new IwolList(config.iwolChangeLogSize());
  }

  @Produces
  @Singleton
  @Startup
  RpzZone rpzZone(ConsumersConfig config) {
    return new RpzZone(config.iwolRpzOrigin(), config.iwolRpzNameServer(), config.iwolStopPage());
  }
}
