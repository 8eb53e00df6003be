package org.sightline.consumers.warninglists;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Not live once the reader has died: the page would show lists that never change. */
@ApplicationScoped
public class WarningListsHealth {

  @Produces
  @Liveness
  HealthCheck reading(WarningListEntries lists) {
    return () ->
        HealthCheckResponse.named("warning-lists-reader").status(lists.isRunning()).build();
  }
}
