package org.sightline.consumers.iwol;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.kafka.CompactedTopicReader;
import org.sightline.schema.IwolEntry;
import org.sightline.topics.Topics;

/** Reads {@code iwol.domains} into the {@link IwolList} ({@link CompactedTopicReader}). */
@ApplicationScoped
public class IwolReader {

  private static final Logger LOG = Logger.getLogger(IwolReader.class);

  private final IwolList list;
  private final IwolChanges history;
  private final CompactedTopicReader<IwolEntry> reader;

  IwolReader(ConsumersConfig config, KafkaAccess kafka, IwolList list, IwolChanges history) {
    this.list = list;
    this.history = history;
    this.reader =
        new CompactedTopicReader<>(
            Topics.IWOL_DOMAINS, "IWOL list", kafka, config.registryUrl(), this::accept);
  }

  void start(@Observes StartupEvent event) {
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) {
    reader.stop();
  }

  /** Whether the reader thread is still reading. */
  public boolean isRunning() {
    return reader.isRunning();
  }

  /** Whether the whole list, as it was when the reader started, has been read. */
  public boolean isLoaded() {
    return reader.isLoaded();
  }

  private void accept(ConsumerRecord<String, IwolEntry> record) {
    Optional<String> domain = DomainNames.normalize(record.key());
    if (domain.isEmpty()) {
      LOG.errorf(
          "skipping IWOL entry at %s-%d@%d: key '%s' is not a host name",
          record.topic(), record.partition(), record.offset(), record.key());
      return;
    }
    IwolEntry entry = record.value();
    boolean changed =
        list.apply(
            domain.get(),
            entry == null
                ? null
                : new IwolItem(
                    domain.get(),
                    entry.getListedAt(),
                    entry.getCategory() == null ? "UNKNOWN" : entry.getCategory().name(),
                    entry.getExpiresAt()));
    if (changed) {
      // By the time the processor wrote it, so a restart draws the same history again.
      history.changed(record.timestamp(), list.size());
    }
  }
}
