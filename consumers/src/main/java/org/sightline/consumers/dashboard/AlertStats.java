package org.sightline.consumers.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.alerts.AlertView;
import org.sightline.consumers.alerts.SecretariatAlertListener;

/**
 * What the dashboard learns from the secretariat's alerts (it receives every alert once, in full):
 * which countries are matched with which, how long a hosted site waits for its takedown alert, and
 * how long a sighting takes from publication to alert.
 */
@ApplicationScoped
public class AlertStats implements SecretariatAlertListener {

  private final CorrelationMatrix matrix = new CorrelationMatrix();
  private final LatencySamples hosted;
  private final LatencySamples publish;

  /** Alerts for sightings published before this service started were replayed, not waited for. */
  private final long startedAt = System.currentTimeMillis();

  AlertStats(ConsumersConfig config) {
    long retention = config.dashboardRetention().toMillis();
    this.hosted = new LatencySamples(retention);
    this.publish = new LatencySamples(retention);
  }

  /**
   * One new secretariat alert; {@code publishedAt} is its record's timestamp, which the processor
   * carries over from the sighting that triggered it, and {@code arrivedAt} when it was read here.
   */
  @Override
  public void accept(AlertView alert, long publishedAt, long arrivedAt) {
    if ("CROSS_BORDER_MATCH".equals(alert.reason())) {
      matrix.match(alert.countries());
    }
    Instant created = alert.createdAt();
    if ("HOSTED_IN_YOUR_COUNTRY".equals(alert.reason())
        && created != null
        && alert.firstSeen() != null) {
      hosted.add(
          created.toEpochMilli(),
          (created.toEpochMilli() - alert.firstSeen().toEpochMilli()) / 1e3);
    }
    if (publishedAt >= startedAt && arrivedAt >= publishedAt) {
      publish.add(arrivedAt, (arrivedAt - publishedAt) / 1e3);
    }
  }

  public CorrelationMatrix.View matrix() {
    return matrix.view();
  }

  public LatencySamples.View hostedToAlert(Minutes minutes) {
    return hosted.view(minutes);
  }

  public LatencySamples.View publishToAlert(Minutes minutes) {
    return publish.view(minutes);
  }
}
