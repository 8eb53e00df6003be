package org.sightline.consumers.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.sightline.consumers.BadParameterException;

/**
 * Every alert of every recipient over the alert topics' retention, on local disk (RocksDB), with
 * the offsets read so far written in the same batch as the alerts: a restart resumes where the last
 * write ended instead of reading a year of alerts again, and a crash loses nothing that the store
 * does not also forget having read.
 *
 * <p>Keys (UTF-8 parts joined by a zero byte; {@code when} is {@code Long.MAX_VALUE − createdAt} in
 * milliseconds, 8 bytes big-endian, so that iterating forward goes from newest to oldest):
 *
 * <ul>
 *   <li>{@code a recipient 0 when id} → the alert (JSON of {@link Stored})
 *   <li>{@code i recipient 0 id} → {@code when id}: find one alert by id
 *   <li>{@code x recipient 0 indicator 0 when id} → nothing: the alerts on one indicator
 *   <li>{@code s recipient 0 id} → the id of the alert that superseded it
 *   <li>{@code r recipient} → nothing: the recipients held
 *   <li>{@code o topic 0 partition} → the next offset to read
 *   <li>{@code m name} → the store's format and the cluster it mirrors
 * </ul>
 *
 * <p>A page's cursor is the {@code when id} of its last alert, so paging is stable: alerts that
 * arrive while a reader pages do not shift the pages after the first.
 */
public final class AlertStore implements AutoCloseable {

  /** Bumped when the layout changes: an older store is dropped and read again from the topics. */
  static final String FORMAT = "1";

  /** One request reads at most this many alerts; a page can be short, its cursor goes on. */
  static final int SCAN_BUDGET = 100_000;

  private static final byte ALERT = 'a';
  private static final byte BY_ID = 'i';
  private static final byte BY_INDICATOR = 'x';
  private static final byte SUPERSEDED = 's';
  private static final byte RECIPIENT = 'r';
  private static final byte OFFSET = 'o';
  private static final byte META = 'm';
  private static final byte[] EMPTY = new byte[0];

  static {
    RocksDB.loadLibrary();
  }

  /** What is kept per alert: the alert and its record's timestamp (for the dashboard). */
  public record Stored(long timestamp, AlertView alert) {}

  /** One alert read from a topic, not yet stored. */
  public record Incoming(TopicPartition partition, long offset, long timestamp, AlertView alert) {}

  /** A page of alerts, newest first, and the cursor of the next one (absent at the end). */
  public record Page(List<AlertView> alerts, Optional<String> next) {}

  /**
   * What a page holds: created in {@code [from, until)} (either open), on {@code indicator} (then
   * hit/no-hit notices are left out: they must not be found by what they are about), and passing
   * {@code filter}.
   */
  public record Query(Instant from, Instant until, String indicator, Predicate<AlertView> filter) {
    public static Query all() {
      return new Query(null, null, null, a -> true);
    }
  }

  private final RocksDB db;
  private final Options options;

  /**
   * Reads and writes hold it shared, {@link #close} exclusively: a request still reading when the
   * service stops must not touch a closed native handle (which would crash the JVM, not throw).
   */
  private final java.util.concurrent.locks.ReadWriteLock lock =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  private volatile boolean closed;
  private final WriteOptions writeOptions = new WriteOptions();
  private final ObjectMapper json;

  private AlertStore(RocksDB db, Options options, ObjectMapper json) {
    this.db = db;
    this.options = options;
    this.json = json;
  }

  /**
   * Opens (or creates) the store in {@code dir} for the cluster {@code clusterId}. A store written
   * for another cluster or in another format is deleted first: its offsets would mean nothing.
   */
  public static AlertStore open(Path dir, String clusterId, ObjectMapper json) {
    AlertStore store = openDir(dir, json);
    String format = store.meta("format");
    String cluster = store.meta("cluster");
    if (format == null && cluster == null) {
      store.putMeta("format", FORMAT);
      store.putMeta("cluster", clusterId);
      return store;
    }
    if (FORMAT.equals(format) && clusterId.equals(cluster)) {
      return store;
    }
    store.close();
    deleteTree(dir);
    store = openDir(dir, json);
    store.putMeta("format", FORMAT);
    store.putMeta("cluster", clusterId);
    return store;
  }

  private static AlertStore openDir(Path dir, ObjectMapper json) {
    // Bounded: 16 MiB memtables (RocksDB's 64 MiB default preallocates as much WAL on disk), a few
    // info logs, and LZ4 (alerts are JSON, which it shrinks several times over).
    Options options =
        new Options()
            .setCreateIfMissing(true)
            .setWriteBufferSize(16L << 20)
            .setKeepLogFileNum(3)
            .setCompressionType(CompressionType.LZ4_COMPRESSION);
    try {
      Files.createDirectories(dir);
      return new AlertStore(RocksDB.open(options, dir.toString()), options, json);
    } catch (IOException e) {
      options.close();
      throw new UncheckedIOException("cannot create the alert store's directory " + dir, e);
    } catch (RocksDBException e) {
      options.close();
      throw new IllegalStateException("cannot open the alert store in " + dir, e);
    }
  }

  /**
   * Stores the alerts of one poll and the offsets after them, in one atomic write. Returns the
   * alerts that were new: one already held by its recipient (a replay) is not news.
   */
  private List<Incoming> addAllOpen(List<Incoming> incoming) {
    List<Incoming> added = new ArrayList<>();
    Set<String> inBatch = new HashSet<>();
    try (WriteBatch batch = new WriteBatch()) {
      for (Incoming in : incoming) {
        AlertView alert = in.alert();
        String recipient = alert.recipient();
        byte[] idKey = key(BY_ID, recipient, alert.id());
        if (!inBatch.add(recipient + '\0' + alert.id()) || db.get(idKey) != null) {
          continue;
        }
        byte[] suffix = suffix(alert);
        batch.put(concat(prefix(ALERT, recipient), suffix), encode(in.timestamp(), alert));
        batch.put(idKey, suffix);
        if (alert.indicator() != null) {
          batch.put(concat(prefix(BY_INDICATOR, recipient, alert.indicator()), suffix), EMPTY);
        }
        if (alert.supersedes() != null && "SUPERSEDED".equals(alert.reason())) {
          batch.put(key(SUPERSEDED, recipient, alert.supersedes()), utf8(alert.id()));
        }
        batch.put(concat(new byte[] {RECIPIENT}, utf8(recipient)), EMPTY);
        added.add(in);
      }
      for (Incoming in : incoming) {
        batch.put(
            offsetKey(in.partition()), ByteBuffer.allocate(8).putLong(in.offset() + 1).array());
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot write to the alert store", e);
    }
    return added;
  }

  /** The offset to read {@code partition} from, when anything of it was stored. */
  private OptionalLong nextOffsetOpen(TopicPartition partition) {
    byte[] value = get(offsetKey(partition));
    return value == null ? OptionalLong.empty() : OptionalLong.of(ByteBuffer.wrap(value).getLong());
  }

  /** The alert of {@code recipient} with this id. */
  private Optional<AlertView> findOpen(String recipient, String id) {
    byte[] suffix = get(key(BY_ID, recipient, id));
    if (suffix == null) {
      return Optional.empty();
    }
    byte[] value = get(concat(prefix(ALERT, recipient), suffix));
    return value == null ? Optional.empty() : Optional.of(decode(value).alert());
  }

  /** The id of the alert that superseded this one, if one did. */
  private Optional<String> supersededByOpen(String recipient, String id) {
    byte[] value = get(key(SUPERSEDED, recipient, id));
    return value == null
        ? Optional.empty()
        : Optional.of(new String(value, StandardCharsets.UTF_8));
  }

  /** Up to {@code limit} alerts of {@code recipient} matching {@code query}, newest first. */
  private Page pageOpen(String recipient, Query query, String cursor, int limit) {
    byte[] resume = cursor == null ? null : decodeCursor(cursor);
    boolean byIndicator = query.indicator() != null;
    byte[] prefix =
        byIndicator ? prefix(BY_INDICATOR, recipient, query.indicator()) : prefix(ALERT, recipient);
    byte[] start =
        concat(prefix, query.until() == null ? EMPTY : when(query.until().minusMillis(1)));
    if (resume != null && compare(concat(prefix, resume), start) > 0) {
      start = concat(prefix, resume);
    }
    long oldest = query.from() == null ? Long.MIN_VALUE : query.from().toEpochMilli();
    byte[] alertPrefix = prefix(ALERT, recipient);
    List<AlertView> found = new ArrayList<>();
    byte[] last = null;
    int scanned = 0;
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(start); it.isValid() && startsWith(it.key(), prefix); it.next()) {
        byte[] suffix = Arrays.copyOfRange(it.key(), prefix.length, it.key().length);
        if (resume != null && Arrays.equals(suffix, resume)) {
          continue;
        }
        if (createdAt(suffix) < oldest) {
          return new Page(found, Optional.empty());
        }
        if (scanned++ == SCAN_BUDGET || found.size() == limit) {
          return new Page(found, Optional.of(encodeCursor(last)));
        }
        last = suffix;
        byte[] value = byIndicator ? get(concat(alertPrefix, suffix)) : it.value();
        if (value == null) {
          continue;
        }
        AlertView alert = decode(value).alert();
        if (byIndicator && "HIT_NO_HIT".equals(alert.disclosure())) {
          continue;
        }
        if (query.filter().test(alert)) {
          found.add(alert);
        }
      }
    }
    return new Page(found, Optional.empty());
  }

  private void replayOpen(String recipient, java.util.function.Consumer<Stored> to) {
    byte[] prefix = prefix(ALERT, recipient);
    try (RocksIterator it = db.newIterator()) {
      // Newest first is the key order; the dashboard only counts, so order does not matter.
      for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
        to.accept(decode(it.value()));
      }
    }
  }

  private int pruneOpen(Instant cutoff) {
    List<String> recipients = new ArrayList<>();
    byte[] recipientPrefix = {RECIPIENT};
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(recipientPrefix);
          it.isValid() && startsWith(it.key(), recipientPrefix);
          it.next()) {
        recipients.add(new String(it.key(), 1, it.key().length - 1, StandardCharsets.UTF_8));
      }
    }
    int pruned = 0;
    for (String recipient : recipients) {
      byte[] prefix = prefix(ALERT, recipient);
      try (RocksIterator it = db.newIterator();
          WriteBatch batch = new WriteBatch()) {
        for (it.seek(concat(prefix, when(cutoff.minusMillis(1))));
            it.isValid() && startsWith(it.key(), prefix);
            it.next()) {
          byte[] suffix = Arrays.copyOfRange(it.key(), prefix.length, it.key().length);
          AlertView alert = decode(it.value()).alert();
          batch.delete(it.key());
          batch.delete(key(BY_ID, recipient, alert.id()));
          batch.delete(key(SUPERSEDED, recipient, alert.id()));
          if (alert.indicator() != null) {
            batch.delete(concat(prefix(BY_INDICATOR, recipient, alert.indicator()), suffix));
          }
          pruned++;
        }
        db.write(writeOptions, batch);
      } catch (RocksDBException e) {
        throw new IllegalStateException("cannot prune the alert store", e);
      }
    }
    return pruned;
  }

  public List<Incoming> addAll(List<Incoming> incoming) {
    return open(() -> addAllOpen(incoming));
  }

  public OptionalLong nextOffset(TopicPartition partition) {
    return open(() -> nextOffsetOpen(partition));
  }

  public Optional<AlertView> find(String recipient, String id) {
    return open(() -> findOpen(recipient, id));
  }

  public Optional<String> supersededBy(String recipient, String id) {
    return open(() -> supersededByOpen(recipient, id));
  }

  public Page page(String recipient, Query query, String cursor, int limit) {
    return open(() -> pageOpen(recipient, query, cursor, limit));
  }

  /**
   * Forgets the alerts created before {@code cutoff} (they have left the topics too), with their
   * index entries. Returns how many.
   */
  public int prune(Instant cutoff) {
    return open(() -> pruneOpen(cutoff));
  }

  /** Every stored alert of {@code recipient} (newest first), with its record's timestamp. */
  public void replay(String recipient, java.util.function.Consumer<Stored> to) {
    open(
        () -> {
          replayOpen(recipient, to);
          return null;
        });
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      db.close();
      writeOptions.close();
      options.close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code action} while the store is open; an {@link IllegalStateException} after close. */
  private <R> R open(java.util.function.Supplier<R> action) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the alert store is closed");
      }
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private String meta(String name) {
    byte[] value = get(key(META, name));
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  private void putMeta(String name, String value) {
    try {
      db.put(key(META, name), utf8(value));
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot write to the alert store", e);
    }
  }

  private byte[] get(byte[] key) {
    try {
      return db.get(key);
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot read the alert store", e);
    }
  }

  private byte[] encode(long timestamp, AlertView alert) {
    try {
      return json.writeValueAsBytes(new Stored(timestamp, alert));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Stored decode(byte[] value) {
    try {
      return json.readValue(value, Stored.class);
    } catch (IOException e) {
      throw new UncheckedIOException("an unreadable entry in the alert store", e);
    }
  }

  /** {@code when id} of an alert: its place in time order, newest first. */
  private static byte[] suffix(AlertView alert) {
    return concat(when(alert.createdAt()), utf8(alert.id()));
  }

  private static byte[] when(Instant createdAt) {
    long millis = createdAt == null ? 0 : createdAt.toEpochMilli();
    return ByteBuffer.allocate(8).putLong(Long.MAX_VALUE - millis).array();
  }

  private static long createdAt(byte[] suffix) {
    return Long.MAX_VALUE - ByteBuffer.wrap(suffix, 0, 8).getLong();
  }

  private static String encodeCursor(byte[] suffix) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(suffix);
  }

  private static byte[] decodeCursor(String cursor) {
    byte[] suffix;
    try {
      suffix = Base64.getUrlDecoder().decode(cursor.strip());
    } catch (IllegalArgumentException e) {
      suffix = EMPTY;
    }
    if (suffix.length <= 8) {
      throw new BadParameterException(
          "query parameter 'cursor' is not a cursor this service gave out");
    }
    return suffix;
  }

  private static byte[] offsetKey(TopicPartition partition) {
    return concat(
        prefix(OFFSET, partition.topic()),
        ByteBuffer.allocate(4).putInt(partition.partition()).array());
  }

  private static byte[] key(byte kind, String first, String second) {
    return concat(prefix(kind, first), utf8(second));
  }

  private static byte[] key(byte kind, String name) {
    return concat(new byte[] {kind}, utf8(name));
  }

  private static byte[] prefix(byte kind, String... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(kind);
    for (String part : parts) {
      out.writeBytes(utf8(part));
      out.write(0);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the old alert store in " + dir, e);
    }
  }
}
