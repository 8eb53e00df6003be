package org.sightline.consumers.hashes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.kafka.CompactedTopicReader;
import org.sightline.consumers.lists.VersionedList;
import org.sightline.schema.KnownHash;
import org.sightline.topics.Topics;

/**
 * The federation's known-hash list, read from the compacted {@code hashes.known} into a versioned
 * list in memory (every instance holds it whole; a tombstone takes a hash off).
 */
@ApplicationScoped
public class KnownHashes {

  private final VersionedList<KnownHashItem> list;
  private final CompactedTopicReader<KnownHash> reader;

  KnownHashes(ConsumersConfig config, KafkaAccess kafka) {
    this.list = new VersionedList<>(config.hashesChangeLogSize());
    this.reader =
        new CompactedTopicReader<>(
            Topics.HASHES_KNOWN, "known-hash list", kafka, config.registryUrl(), this::accept);
  }

  void start(@Observes StartupEvent event) {
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) {
    reader.stop();
  }

  public VersionedList<KnownHashItem> list() {
    return list;
  }

  public boolean isLoaded() {
    return reader.isLoaded();
  }

  public boolean isRunning() {
    return reader.isRunning();
  }

  private void accept(ConsumerRecord<String, KnownHash> record) {
    KnownHash entry = record.value();
    list.apply(
        record.key(),
        entry == null
            ? null
            : new KnownHashItem(
                entry.getKey(),
                entry.getType().name(),
                entry.getValue(),
                entry.getCategory().name(),
                entry.getListedAt()));
  }
}
