package org.sightline.processor.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedMemoryRocksDbTest {

  static {
    RocksDB.loadLibrary();
  }

  /** The options as Kafka Streams hands them to a config setter: its own defaults already set. */
  private static Options asKafkaStreamsSetsThem() {
    Options options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfig());
    options.setOptimizeFiltersForHits(true);
    options.setMaxWriteBufferNumber(3);
    options.setInfoLogLevel(InfoLogLevel.ERROR_LEVEL);
    return options;
  }

  @Test
  void keepsBloomFiltersOnTheLastLevelForLookupsThatMiss() {
    try (Options options = asKafkaStreamsSetsThem()) {
      new BoundedMemoryRocksDb().setConfig("indicator-state", options, Map.of());

      assertFalse(options.optimizeFiltersForHits());
      assertEquals(2, options.maxWriteBufferNumber());
      assertEquals(InfoLogLevel.ERROR_LEVEL, options.infoLogLevel(), "statistics are off");
    }
  }

  @Test
  void writesRocksDbStatisticsToTheStoreLogWhenAsked() {
    try (Options options = asKafkaStreamsSetsThem()) {
      new BoundedMemoryRocksDb()
          .setConfig(
              "indicator-state", options, Map.of(BoundedMemoryRocksDb.STATS_DUMP_SECONDS, "30"));

      assertEquals(InfoLogLevel.INFO_LEVEL, options.infoLogLevel());
      assertEquals(30, options.statsDumpPeriodSec());
    }
  }
}
