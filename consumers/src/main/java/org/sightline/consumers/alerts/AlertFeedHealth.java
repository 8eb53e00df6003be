package org.sightline.consumers.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** A view whose reader thread has died serves stale alerts forever: better to be restarted. */
@Liveness
@ApplicationScoped
public class AlertFeedHealth implements HealthCheck {

  private final AlertFeed feed;

  AlertFeedHealth(AlertFeed feed) {
    this.feed = feed;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("alert-feed").status(feed.isRunning()).build();
  }
}
