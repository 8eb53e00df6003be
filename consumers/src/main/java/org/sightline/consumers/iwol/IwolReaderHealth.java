package org.sightline.consumers.iwol;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the whole list is loaded: a half-read list, served, would unblock the rest. Not
 * live once the reader thread has died: the list would go stale forever.
 */
@ApplicationScoped
public class IwolReaderHealth {

  @Produces
  @Readiness
  HealthCheck loaded(IwolReader reader) {
    return () ->
        HealthCheckResponse.named("iwol-list")
            .status(reader.isRunning() && reader.isLoaded())
            .build();
  }

  @Produces
  @Liveness
  HealthCheck reading(IwolReader reader) {
    return () -> HealthCheckResponse.named("iwol-reader").status(reader.isRunning()).build();
  }

  /** The review queue's reader: dead, the secretariat would review a queue that never changes. */
  @Produces
  @Liveness
  HealthCheck readingProposals(IwolProposals proposals) {
    return () ->
        HealthCheckResponse.named("iwol-proposals-reader").status(proposals.isRunning()).build();
  }
}
