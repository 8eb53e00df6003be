package org.sightline.consumers.dashboard;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaAccess;
import org.sightline.client.LagProbe;
import org.sightline.consumers.ConsumersConfig;

/**
 * The processor's lag for the dashboard, measured on a timer of its own with a {@link LagProbe}, so
 * that a slow or unreachable broker never holds up a dashboard request.
 */
@ApplicationScoped
public class ProcessorLag {

  private static final Logger LOG = Logger.getLogger(ProcessorLag.class);

  /**
   * What the dashboard shows: the highest lag per minute, the latest measurement (null when the
   * latest attempt failed, with its {@code error}) and when it was taken, and the latest per
   * agency.
   */
  public record View(
      Long[] waiting, Long current, Instant measuredAt, Map<String, Long> byAgency, String error) {}

  private final LagProbe probe;
  private final LagHistory history;
  private final Duration interval;
  private volatile LagProbe.Sample latest;
  private ScheduledExecutorService timer;

  ProcessorLag(ConsumersConfig config, KafkaAccess kafka) {
    this.interval = config.processorLagInterval();
    this.history = new LagHistory(config.dashboardRetention().toMillis());
    this.probe =
        new LagProbe(
            kafka,
            config.processorApplicationId(),
            Duration.ofSeconds(5),
            "sightline-consumers-lag-probe");
  }

  void start(@Observes StartupEvent event) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sightline-processor-lag");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::measure, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    probe.close();
  }

  private void measure() {
    try {
      LagProbe.Sample sample = probe.sample();
      LagProbe.Sample before = latest;
      // Said once when it starts failing and once when it recovers, not every few seconds.
      if (!sample.measured() && (before == null || before.measured())) {
        LOG.warnf("the processor's lag cannot be measured: %s", sample.error());
      } else if (sample.measured() && before != null && !before.measured()) {
        LOG.infof("the processor's lag is measured again: %d waiting", sample.waiting());
      }
      if (sample.measured()) {
        history.measured(sample.at().toEpochMilli(), sample.waiting());
      }
      latest = sample;
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: keep measuring.
      LOG.warn("measuring the processor's lag failed", e);
    }
  }

  public View view(Minutes minutes) {
    LagProbe.Sample s = latest;
    Long[] waiting = history.view(minutes);
    if (s == null) {
      return new View(waiting, null, null, Map.of(), null);
    }
    return s.measured()
        ? new View(waiting, s.waiting(), s.at(), s.byAgency(), null)
        : new View(waiting, null, s.at(), Map.of(), s.error());
  }
}
