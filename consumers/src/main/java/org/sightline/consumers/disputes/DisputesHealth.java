package org.sightline.consumers.disputes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Not live once the disputes' reader has died: neither side would see a dispute move. */
@ApplicationScoped
public class DisputesHealth {

  @Produces
  @Liveness
  HealthCheck reading(Disputes disputes) {
    return () -> HealthCheckResponse.named("disputes-reader").status(disputes.isRunning()).build();
  }
}
