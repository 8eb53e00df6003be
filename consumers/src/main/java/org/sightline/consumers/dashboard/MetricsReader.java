package org.sightline.consumers.dashboard;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.kafka.TopicTail;
import org.sightline.schema.MetricPoint;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/** Reads {@code metrics.per-minute} from the beginning into {@link MetricCounts}. */
@ApplicationScoped
public class MetricsReader {

  private final MetricCounts counts;
  private final TopicTail<MetricPoint> tail;

  MetricsReader(ConsumersConfig config, KafkaAccess kafka) {
    this.counts = new MetricCounts(config.dashboardRetention().toMillis());
    TopicSpec<MetricPoint> topic = Topics.METRICS_PER_MINUTE;
    this.tail =
        new TopicTail<>(
            topic.name(),
            kafka,
            topic.keySerde().deserializer(),
            topic.valueSerde(RegistrySerdes.forRegistry(config.registryUrl())).deserializer(),
            record -> counts.accept(record.key(), record.value()));
  }

  void start(@Observes StartupEvent event) {
    tail.start();
  }

  void stop(@Observes ShutdownEvent event) {
    tail.stop();
  }

  public MetricCounts counts() {
    return counts;
  }

  public boolean isRunning() {
    return tail.isRunning();
  }
}
