package org.sightline.consumers.iwol;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.schema.IwolDownload;
import org.sightline.security.KafkaAccess;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Writes one {@link IwolDownload} to {@code iwol.downloads} per request for the list, keyed by the
 * access provider, and waits for the broker to have it: a download is handed out only once it is on
 * record.
 */
@ApplicationScoped
public class IwolAudit {

  /** The {@code accessProvider} of a request that presented no valid provider key. */
  public static final String UNAUTHENTICATED = "unauthenticated";

  private static final Logger LOG = Logger.getLogger(IwolAudit.class);
  private static final TopicSpec<IwolDownload> TOPIC = Topics.IWOL_DOWNLOADS;

  /** How long a request waits for its audit record before it is refused. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ConsumersConfig config;
  private final KafkaAccess kafka;
  private KafkaProducer<String, IwolDownload> producer;

  IwolAudit(ConsumersConfig config, KafkaAccess kafka) {
    this.config = config;
    this.kafka = kafka;
  }

  void start(@Observes StartupEvent event) {
    Map<String, Object> props = new HashMap<>();
    props.putAll(kafka.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "sightline-consumers-iwol-audit");
    // A request thread waits on each send: with the broker away, fail within the wait instead of
    // the client's default minute.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis() / 2);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis() / 2);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
    producer =
        new KafkaProducer<>(
            props,
            TOPIC.keySerde().serializer(),
            TOPIC.valueSerde(RegistrySerdes.forRegistry(config.registryUrl())).serializer());
  }

  void stop(@Observes ShutdownEvent event) {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }

  /** Whether the record is on the broker; a failure is logged with the record. */
  public boolean record(IwolDownload download) {
    try {
      producer
          .send(new ProducerRecord<>(TOPIC.name(), download.getAccessProvider(), download))
          .get(WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.errorf("audit record not written (interrupted): %s", download);
      return false;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.errorf(e, "audit record not written: %s", download);
      return false;
    }
  }
}
