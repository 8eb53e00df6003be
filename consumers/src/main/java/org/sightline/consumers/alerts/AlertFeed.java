package org.sightline.consumers.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ServiceUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.kafka.TopicReader;
import org.sightline.logging.QuietLog;
import org.sightline.schema.Alert;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.Topics;

/**
 * Every alert topic, read into the {@link AlertStore} on local disk (each recipient's whole history
 * over the topics' retention), and each new alert pushed to live subscribers. Nothing is committed
 * to Kafka: the store keeps the offsets it has read with the alerts, so a restart goes on from
 * there, and an empty store (a new instance, another cluster) reads every topic from the beginning.
 */
@ApplicationScoped
public class AlertFeed {

  private static final Logger LOG = Logger.getLogger(AlertFeed.class);

  /** Each kind of failure logged once, then counted: a long outage costs a few lines. */
  private static final QuietLog QUIET =
      new QuietLog((message, error) -> LOG.warn(message, error), java.time.Duration.ofMinutes(1));

  /** Slow page subscribers get this much slack before their stream is failed (and reconnects). */
  private static final int LIVE_BUFFER = 256;

  /** An opened alert shows at most this many others on its indicator. */
  private static final int ON_INDICATOR = 1000;

  /** How often alerts older than the topics' retention are dropped from the store. */
  private static final long PRUNE_EVERY = Duration.ofHours(1).toMillis();

  private final ConsumersConfig config;
  private final SecretariatAlertListener stats;
  private final KafkaAccess kafka;
  private final ObjectMapper json;
  private final BroadcastProcessor<AlertView> broadcast = BroadcastProcessor.create();

  private volatile AlertStore store;
  private volatile Reader reader;
  private long prunedAt;

  AlertFeed(
      ConsumersConfig config,
      KafkaAccess kafka,
      SecretariatAlertListener stats,
      ObjectMapper json) {
    this.config = config;
    this.stats = stats;
    this.kafka = kafka;
    this.json = json;
  }

  void start(@Observes StartupEvent event) {
    reader = new Reader();
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) {
    if (reader != null) {
      reader.stop();
    }
    if (store != null) {
      store.close();
    }
  }

  /** The store, or a 503 while it is not open yet (the broker has not been reached). */
  private AlertStore store() {
    AlertStore open = store;
    if (open == null) {
      throw new ServiceUnavailableException(
          "the alert history is not open yet: the broker has not been reached");
    }
    return open;
  }

  /** Whether the feed thread is still reading. */
  public boolean isRunning() {
    return reader != null && reader.isRunning();
  }

  /** The newest alerts of {@code recipient} (a country code or "secretariat"), newest first. */
  public List<AlertView> recent(String recipient, int limit) {
    return store().page(recipient, AlertStore.Query.all(), null, limit).alerts();
  }

  /** A page of the history of {@code recipient}, newest first. */
  public AlertStore.Page page(String recipient, AlertStore.Query query, String cursor, int limit) {
    return store().page(recipient, query, cursor, limit);
  }

  /** The alert of {@code recipient} with this id, if it is still held. */
  public java.util.Optional<AlertView> find(String recipient, String id) {
    return store().find(recipient, id);
  }

  /** The id of the alert that superseded this one, if one did. */
  public java.util.Optional<String> supersededBy(String recipient, String id) {
    return store().supersededBy(recipient, id);
  }

  /**
   * The newest alerts of {@code recipient} on one indicator (hit/no-hit notices left out: they must
   * not be found by what they are about).
   */
  public List<AlertView> onIndicator(String recipient, String indicator) {
    return store()
        .page(recipient, new AlertStore.Query(null, null, indicator, a -> true), null, ON_INDICATOR)
        .alerts();
  }

  /** Alerts for {@code recipient} as they arrive. */
  public Multi<AlertView> live(String recipient) {
    return broadcast
        .filter(alert -> recipient.equals(alert.recipient()))
        .onOverflow()
        .buffer(LIVE_BUFFER);
  }

  /**
   * Every alert topic, each partition from where the store left it (offsets live in the store,
   * written with the alerts). Committed transactions only: an aborted one of the processor (a crash
   * mid-commit) would otherwise show its alerts twice once the retry commits.
   */
  private final class Reader extends TopicReader<Alert> {

    Reader() {
      super(
          "alert feed",
          properties(kafka),
          Topics.ALERTS_SECRETARIAT.keySerde().deserializer(),
          Topics.ALERTS_SECRETARIAT
              .valueSerde(RegistrySerdes.forRegistry(config.registryUrl()))
              .deserializer());
    }

    @Override
    protected boolean prepare() {
      if (!openStore()) {
        return false;
      }
      // The dashboard's matrix counts every cross-border alert held, not only those read now.
      store.replay(Topics.SECRETARIAT, s -> stats.accept(s.alert(), s.timestamp(), 0));
      return true;
    }

    /**
     * Opens the store once the broker says which cluster it is (a store filled from another one is
     * dropped): tried again every second, so that the service starts, and answers 503, while the
     * broker is away. False when stopped first.
     */
    private boolean openStore() {
      while (running()) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
          String cluster = admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
          store = AlertStore.open(config.stateDir().resolve("alerts"), cluster, json);
          return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
          QUIET.warn("cluster", "cannot reach the broker to open the alert history; retrying", e);
          pauseASecond();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return false;
    }

    @Override
    protected void position() {
      consumer.subscribe(Topics.ALERTS_PATTERN, new ResumeFromStore());
    }

    @Override
    protected void accept(ConsumerRecords<String, Alert> records) {
      List<AlertStore.Incoming> incoming = new ArrayList<>(records.count());
      for (ConsumerRecord<String, Alert> record : records) {
        AlertView view = addressed(record.topic(), record.value());
        if (view != null) {
          incoming.add(
              new AlertStore.Incoming(
                  new TopicPartition(record.topic(), record.partition()),
                  record.offset(),
                  record.timestamp(),
                  view));
        }
      }
      long now = System.currentTimeMillis();
      for (AlertStore.Incoming added : store.addAll(incoming)) {
        if (Topics.SECRETARIAT.equals(added.alert().recipient())) {
          stats.accept(added.alert(), added.timestamp(), now);
        }
        broadcast.onNext(added.alert());
      }
    }

    @Override
    protected void afterPoll() {
      pruneNowAndThen();
    }

    /**
     * What was polled but not stored (a failed write) is read again: back to the store's offsets.
     */
    @Override
    protected void afterFailure() {
      try {
        resume(consumer.assignment());
      } catch (RuntimeException again) {
        QUIET.warn("resume-failed", "cannot rewind to the stored offsets; retrying", again);
      }
    }

    @Override
    protected void onClose() {
      broadcast.onComplete();
    }

    /** Each partition from the offset after the last alert stored, or from its beginning. */
    private void resume(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        OptionalLong next = store.nextOffset(partition);
        if (next.isPresent()) {
          consumer.seek(partition, next.getAsLong());
        } else {
          consumer.seekToBeginning(List.of(partition));
        }
      }
    }

    private final class ResumeFromStore implements ConsumerRebalanceListener {
      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        resume(partitions);
      }

      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // Offsets live in the store, written with the alerts: nothing to commit.
      }
    }
  }

  private static Map<String, Object> properties(KafkaAccess kafka) {
    Map<String, Object> props = kafka.readerProperties("sightline-consumers");
    // Each instance reads everything itself; a shared group would split the alerts between them.
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "sightline-consumers-" + UUID.randomUUID());
    // A country that joins gets its topic picked up within seconds, without a restart.
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    return props;
  }

  /** The alert as its topic addresses it: the topic, not the record, decides who sees it. */
  private static AlertView addressed(String topic, Alert alert) {
    if (alert == null) {
      return null;
    }
    String recipient = Topics.recipientOfAlertTopic(topic);
    AlertView view = AlertView.from(alert);
    if (!recipient.equals(view.recipient())) {
      LOG.warnf(
          "alert %s on %s names recipient %s; shown to %s",
          view.id(), topic, view.recipient(), recipient);
      view = view.withRecipient(recipient);
    }
    return view;
  }

  private void pruneNowAndThen() {
    long now = System.currentTimeMillis();
    if (now - prunedAt < PRUNE_EVERY) {
      return;
    }
    prunedAt = now;
    Instant cutoff = Instant.ofEpochMilli(now).minus(Topics.ALERTS_SECRETARIAT.retention());
    try {
      int pruned = store.prune(cutoff);
      if (pruned > 0) {
        LOG.infof(
            "dropped %d alerts created before %s from the history (retention)", pruned, cutoff);
      }
    } catch (RuntimeException e) {
      // The history keeps a little more for an hour; the reader must go on.
      QUIET.warn("prune", "cannot drop old alerts from the history; trying again in an hour", e);
    }
  }
}
