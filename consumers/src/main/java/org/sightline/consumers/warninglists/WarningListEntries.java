package org.sightline.consumers.warninglists;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.kafka.CompactedTopicReader;
import org.sightline.schema.WarningListAction;
import org.sightline.schema.WarningListChange;
import org.sightline.topics.Topics;

/**
 * The secretariat's managed warning lists as they stand: {@code warninglists.changes} read whole,
 * each pattern's latest change kept, the removed ones left out. The same records the processor
 * holds in its global store.
 */
@ApplicationScoped
public class WarningListEntries {

  /** One pattern on a list, and who put it there. */
  public record Entry(String pattern, String list, String note, String addedBy, Instant addedAt) {}

  private final ConcurrentHashMap<String, Entry> active = new ConcurrentHashMap<>();
  private final CompactedTopicReader<WarningListChange> reader;

  WarningListEntries(ConsumersConfig config, KafkaAccess kafka) {
    this.reader =
        new CompactedTopicReader<>(
            Topics.WARNINGLISTS_CHANGES,
            "warning lists",
            kafka,
            config.registryUrl(),
            this::accept);
  }

  void start(@Observes StartupEvent event) {
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) {
    reader.stop();
  }

  /** By list, then pattern. */
  public List<Entry> all() {
    return active.values().stream()
        .sorted(Comparator.comparing(Entry::list).thenComparing(Entry::pattern))
        .toList();
  }

  public Optional<Entry> get(String pattern) {
    return Optional.ofNullable(active.get(pattern));
  }

  public boolean isLoaded() {
    return reader.isLoaded();
  }

  public boolean isRunning() {
    return reader.isRunning();
  }

  private void accept(ConsumerRecord<String, WarningListChange> record) {
    WarningListChange change = record.value();
    // As the processor reads it: the key is the pattern, and only a record that says so counts.
    if (change == null || !change.getPattern().equals(record.key())) {
      if (change == null) {
        active.remove(record.key());
      }
      return;
    }
    if (change.getAction() == WarningListAction.ADD) {
      active.put(
          record.key(),
          new Entry(
              change.getPattern(),
              change.getList(),
              change.getNote(),
              change.getRequestedBy(),
              change.getRequestedAt()));
    } else {
      active.remove(record.key());
    }
  }
}
