package org.sightline.consumers;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.sightline.consumers.dashboard.AlertStats;
import org.sightline.logging.QuietLog;
import org.sightline.schema.Alert;
import org.sightline.security.KafkaAccess;
import org.sightline.serde.RegistryFailures;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Every alert topic, read from the beginning into a bounded in-memory history per recipient, and
 * each new alert pushed to live subscribers. Nothing is committed: Kafka is the store, and this
 * view is rebuilt from it on every start.
 */
@ApplicationScoped
public class AlertFeed {

  private static final Logger LOG = Logger.getLogger(AlertFeed.class);

  /** Each kind of failure logged once, then counted: a long outage costs a few lines. */
  private static final QuietLog QUIET =
      new QuietLog((message, error) -> LOG.warn(message, error), java.time.Duration.ofMinutes(1));

  private static final Duration POLL = Duration.ofMillis(500);

  /** Slow page subscribers get this much slack before their stream is failed (and reconnects). */
  private static final int LIVE_BUFFER = 256;

  private final ConsumersConfig config;
  private final AlertStats stats;
  private final KafkaAccess kafka;
  private final Map<String, RecipientHistory> histories = new ConcurrentHashMap<>();
  private final BroadcastProcessor<AlertView> broadcast = BroadcastProcessor.create();

  private KafkaConsumer<String, Alert> consumer;
  private volatile ReaderThread reader;

  AlertFeed(ConsumersConfig config, KafkaAccess kafka, AlertStats stats) {
    this.config = config;
    this.stats = stats;
    this.kafka = kafka;
  }

  void start(@Observes StartupEvent event) {
    Map<String, Object> props = new HashMap<>();
    props.putAll(kafka.clientProperties());
    // Each instance reads everything itself; a shared group would split the alerts between them.
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "sightline-consumers-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // The processor writes alerts in transactions: an aborted one (a crash mid-commit) must never
    // reach an analyst, or its alerts would show twice once the retry commits.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A country that joins gets its topic picked up within seconds, without a restart.
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sightline-consumers");
    TopicSpec<Alert> any = Topics.ALERTS_SECRETARIAT;
    consumer =
        new KafkaConsumer<>(
            props,
            any.keySerde().deserializer(),
            any.valueSerde(RegistrySerdes.forRegistry(config.registryUrl())).deserializer());
    reader = new ReaderThread("sightline-alert-feed", r -> run(), consumer::wakeup);
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) {
    if (reader != null) {
      reader.stop();
    }
  }

  /** Whether the feed thread is still reading. */
  public boolean isRunning() {
    return reader != null && reader.isAlive();
  }

  /** The newest alerts of {@code recipient} (a country code or "secretariat"), newest first. */
  public List<AlertView> recent(String recipient, int limit) {
    RecipientHistory history = histories.get(recipient);
    return history == null ? List.of() : history.recent(limit);
  }

  /** The alert of {@code recipient} with this id, if it is still held. */
  public java.util.Optional<AlertView> find(String recipient, String id) {
    RecipientHistory history = histories.get(recipient);
    return history == null ? java.util.Optional.empty() : history.find(id);
  }

  /** The alerts of {@code recipient} on one indicator, newest first. */
  public List<AlertView> onIndicator(String recipient, String indicator) {
    RecipientHistory history = histories.get(recipient);
    return history == null ? List.of() : history.onIndicator(indicator);
  }

  /** Alerts for {@code recipient} as they arrive. */
  public Multi<AlertView> live(String recipient) {
    return broadcast
        .filter(alert -> recipient.equals(alert.recipient()))
        .onOverflow()
        .buffer(LIVE_BUFFER);
  }

  private void run() {
    try {
      consumer.subscribe(Topics.ALERTS_PATTERN);
      while (reader.running()) {
        poll();
      }
    } finally {
      consumer.close();
      broadcast.onComplete();
    }
  }

  private void poll() {
    try {
      for (ConsumerRecord<String, Alert> record : consumer.poll(POLL)) {
        accept(record.topic(), record.value(), record.timestamp());
      }
    } catch (WakeupException e) {
      // stop() interrupts the poll; the loop condition ends the thread.
    } catch (RecordDeserializationException e) {
      if (RegistryFailures.isTransient(e)) {
        // The registry did not answer: the alert is fine, read it again shortly.
        QUIET.warn("registry", "cannot decode alerts for now; retrying in 1 s", e);
        pause();
        return;
      }
      // Otherwise the same unreadable record would be returned by every poll, forever.
      QUIET.warn(
          "unreadable:" + e.topicPartition().topic(),
          "skipping unreadable alert at " + e.topicPartition() + "@" + e.offset(),
          e);
      consumer.seek(e.topicPartition(), e.offset() + 1);
    } catch (RuntimeException e) {
      QUIET.warn("read-failed", "reading alerts failed; retrying in 1 s", e);
      pause();
    }
  }

  private void accept(String topic, Alert alert, long timestamp) {
    if (alert == null) {
      return;
    }
    // The topic, not the record, decides who sees an alert: that is how access is granted.
    String recipient = Topics.recipientOfAlertTopic(topic);
    AlertView view = AlertView.from(alert);
    if (!recipient.equals(view.recipient())) {
      LOG.warnf(
          "alert %s on %s names recipient %s; shown to %s",
          view.id(), topic, view.recipient(), recipient);
      view = view.withRecipient(recipient);
    }
    RecipientHistory history =
        histories.computeIfAbsent(
            recipient, r -> new RecipientHistory(config.historyPerRecipient()));
    if (history.add(view)) {
      if (Topics.SECRETARIAT.equals(recipient)) {
        stats.accept(view, timestamp, System.currentTimeMillis());
      }
      broadcast.onNext(view);
    }
  }

  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      // Nobody but shutdown interrupts this thread.
      reader.halt();
      Thread.currentThread().interrupt();
    }
  }
}
