package org.sightline.consumers.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.sightline.consumers.ConsumersConfig;

/** The dashboard's series fed by other features, built once. */
@ApplicationScoped
public class DashboardSetup {

  /** The "worst of" list's history, fed by the IWOL reader (as {@code IwolChanges}). */
  @Produces
  @Singleton
  IwolHistory iwolHistory(ConsumersConfig config) {
    return new IwolHistory(config.dashboardRetention().toMillis());
  }
}
