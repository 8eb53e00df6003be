package org.sightline.intake;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the intake knows what it already holds: before that, resends would duplicate. */
@Readiness
@ApplicationScoped
public class ReceiptIndexHealth implements HealthCheck {

  private final ReceiptIndex index;

  ReceiptIndexHealth(ReceiptIndex index) {
    this.index = index;
  }

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("receipt-index")
            .status(index.ready())
            .withData("ids", index.size());
    if (index.failure() != null) {
      response.withData("lastFailure", index.failure());
    }
    return response.build();
  }
}
