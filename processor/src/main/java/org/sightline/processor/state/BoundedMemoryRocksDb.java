package org.sightline.processor.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of the processor together: one block cache and one write
 * buffer manager shared by all stores and partitions, so the state can grow to millions of
 * indicators on disk while memory stays at a fixed budget. Index and filter blocks are counted in
 * the cache too (otherwise they grow with the data, outside any bound).
 *
 * <p>Bloom filters stay on every level: Kafka Streams leaves the last level without one (tuned for
 * lookups that hit), but most lookups here miss — a new indicator, a sighting id never seen — and
 * without a filter each miss reads an index and a data block of the largest level.
 *
 * <p>Configured by {@value #TOTAL_MEMORY} (bytes, default 256 MiB) and {@value #WRITE_BUFFER_RATIO}
 * (the share of it for memtables, default 0.25) in the Kafka Streams configuration; {@value
 * #STATS_DUMP_SECONDS} (default 0, off) makes each store write RocksDB's own statistics —
 * compactions, write stalls, cache hits — to the LOG file in its directory, for a profile.
 */
public class BoundedMemoryRocksDb implements RocksDBConfigSetter {

  public static final String TOTAL_MEMORY = "sightline.rocksdb.total.memory.bytes";
  public static final String WRITE_BUFFER_RATIO = "sightline.rocksdb.write.buffer.ratio";
  public static final String STATS_DUMP_SECONDS = "sightline.rocksdb.stats.dump.seconds";

  private static final long DEFAULT_TOTAL = 256L * 1024 * 1024;
  private static final double DEFAULT_RATIO = 0.25;

  private static Cache cache;
  private static WriteBufferManager writeBufferManager;

  private static synchronized void init(Map<String, Object> configs) {
    if (cache != null) {
      return;
    }
    long total = number(configs.get(TOTAL_MEMORY), DEFAULT_TOTAL);
    double ratio =
        configs.get(WRITE_BUFFER_RATIO) == null
            ? DEFAULT_RATIO
            : Double.parseDouble(configs.get(WRITE_BUFFER_RATIO).toString());
    // Shared across all stores of this JVM on purpose: the bound is per process, not per store.
    cache = new LRUCache(total, -1, false, 0.1);
    writeBufferManager = new WriteBufferManager((long) (total * ratio), cache);
  }

  private static long number(Object value, long fallback) {
    return value == null ? fallback : Long.parseLong(value.toString());
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    init(configs);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBufferManager);
    options.setTableFormatConfig(table);
    options.setMaxWriteBufferNumber(2);
    options.setOptimizeFiltersForHits(false);
    int statsDump = (int) number(configs.get(STATS_DUMP_SECONDS), 0);
    if (statsDump > 0) {
      // Kafka Streams logs RocksDB at ERROR only: the statistics are written at INFO.
      options.setInfoLogLevel(InfoLogLevel.INFO_LEVEL);
      options.setStatsDumpPeriodSec(statsDump);
    }
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write buffer manager are shared: closing them here would break other
    // stores.
  }
}
