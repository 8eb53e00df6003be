package org.sightline.consumers.feedhealth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Not live once the reader of the rejected records has died: the counts would stop. */
@ApplicationScoped
public class RejectedRecordsHealth {

  @Produces
  @Liveness
  HealthCheck reading(RejectedRecords rejected) {
    return () ->
        HealthCheckResponse.named("rejected-records-reader").status(rejected.isRunning()).build();
  }
}
