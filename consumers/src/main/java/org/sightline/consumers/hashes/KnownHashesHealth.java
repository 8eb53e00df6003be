package org.sightline.consumers.hashes;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Not live once the known-hash list's reader thread has died: platforms would download a list that
 * never changes again, and nothing else would restart the reader. (Not a readiness check: while it
 * loads, its downloads answer 503 on their own, and the console need not wait for it.)
 */
@Liveness
@ApplicationScoped
public class KnownHashesHealth implements HealthCheck {

  private final KnownHashes hashes;

  KnownHashesHealth(KnownHashes hashes) {
    this.hashes = hashes;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("known-hash-reader").status(hashes.isRunning()).build();
  }
}
