package org.sightline.processor.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jboss.logging.Logger;
import org.sightline.indicator.WarningPatterns;
import org.sightline.processor.correlation.WarningLists;
import org.sightline.schema.WarningListAction;
import org.sightline.schema.WarningListChange;
import org.sightline.topics.StoreNames;
import org.sightline.topics.Topics;

/**
 * The secretariat's warning lists as one instance holds them: the global store {@value
 * StoreNames#WARNING_LISTS} keeps the bytes of each pattern's latest change, and this decodes them
 * when an indicator is matched. A record that cannot be decoded, or whose key is not the canonical
 * pattern it names, counts as no entry (and says so in the log once): it cannot stop the global
 * thread, which would stop every task.
 */
final class ManagedWarningLists implements WarningLists.Managed {

  private static final Logger LOG = Logger.getLogger(ManagedWarningLists.class);

  private final ReadOnlyKeyValueStore<String, byte[]> store;
  private final Deserializer<WarningListChange> deserializer;

  ManagedWarningLists(
      ReadOnlyKeyValueStore<String, byte[]> store, Deserializer<WarningListChange> deserializer) {
    this.store = store;
    this.deserializer = deserializer;
  }

  @Override
  public boolean active(String pattern) {
    byte[] bytes = store.get(pattern);
    return bytes != null && added(pattern, bytes);
  }

  @Override
  public boolean isEmpty() {
    // In memory: the count is exact and costs nothing.
    return store.approximateNumEntries() == 0;
  }

  @Override
  public List<String> ranges() {
    List<String> ranges = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all =
        store.prefixScan(WarningPatterns.CIDR, new StringSerializer())) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        if (entry.value != null && added(entry.key, entry.value)) {
          ranges.add(entry.key);
        }
      }
    }
    return ranges;
  }

  private boolean added(String pattern, byte[] bytes) {
    WarningListChange change;
    try {
      change = deserializer.deserialize(Topics.WARNINGLISTS_CHANGES.name(), bytes);
    } catch (RuntimeException e) {
      LOG.warnf(
          "warning list entry %s cannot be decoded and is ignored: %s", pattern, e.getMessage());
      return false;
    }
    return change != null
        && change.getAction() == WarningListAction.ADD
        && pattern.equals(change.getPattern());
  }

  /**
   * Keeps each pattern's latest change in the global store, as its bytes; a tombstone removes it.
   */
  static final class Updater implements Processor<String, byte[], Void, Void> {

    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(StoreNames.WARNING_LISTS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (record.key() == null) {
        return;
      }
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), record.value());
      }
    }
  }
}
