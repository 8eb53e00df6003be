package org.sightline.consumers.lists;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A list read from a compacted topic, in memory, versioned: the "worst of" list, the known-hash
 * list. Every change that a client can see (an entry listed, its line changed, an entry taken off)
 * takes the next version number, in the order the reader applies it; a record that changes nothing
 * visible (the same line again, a tombstone for an entry not listed) takes none. The last {@code
 * changeLogSize} changes are kept so that a client can fetch only what changed since its version.
 *
 * <p>Written by the reader thread and read by request threads, hence the locking.
 */
public class VersionedList<T> {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** One applied change: which key changed at which version (its new state is in the map). */
  private record Change(long version, String key) {}

  private final String epoch;
  private final int changeLogSize;
  private final TreeMap<String, T> byKey = new TreeMap<>();
  private final ArrayDeque<Change> changeLog = new ArrayDeque<>();
  private long version;

  /** The highest version whose change has been dropped from the log; 0 while none has. */
  private long forgottenUpTo;

  private List<T> sortedCache = List.of();

  public VersionedList(int changeLogSize) {
    this(newEpoch(), changeLogSize);
  }

  protected VersionedList(String epoch, int changeLogSize) {
    this.epoch = Objects.requireNonNull(epoch, "epoch");
    this.changeLogSize = Math.max(1, changeLogSize);
  }

  private static String newEpoch() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Lists {@code item} under {@code key}, or takes the key off when {@code item} is null.
   *
   * @return whether a client would see a difference (and so a new version was taken)
   */
  public synchronized boolean apply(String key, T item) {
    T before = item == null ? byKey.remove(key) : byKey.put(key, item);
    if (Objects.equals(before, item)) {
      return false;
    }
    version++;
    changeLog.addLast(new Change(version, key));
    if (changeLog.size() > changeLogSize) {
      forgottenUpTo = changeLog.removeFirst().version();
    }
    sortedCache = null;
    return true;
  }

  /** How many entries are listed. */
  public synchronized int size() {
    return byKey.size();
  }

  public synchronized ListVersion version() {
    return new ListVersion(epoch, version);
  }

  /** The whole list, sorted by key, with the version it is. */
  public synchronized ListSnapshot<T> snapshot() {
    if (sortedCache == null) {
      sortedCache = List.copyOf(byKey.values());
    }
    return new ListSnapshot<>(version(), sortedCache);
  }

  /**
   * The changes after {@code since}: only the entries that changed, each in its current state; or
   * the whole list, marked full, when {@code since} is missing, of another epoch, newer than this
   * list, or older than the oldest change kept.
   */
  public synchronized ListChanges<T> changesSince(Optional<ListVersion> since) {
    if (since.isEmpty() || !canServe(since.get())) {
      return new ListChanges<>(version(), true, snapshot().items(), List.of());
    }
    // Keys in order of first change after `since`; sorted below for a stable answer.
    Set<String> touched = new LinkedHashSet<>();
    for (var it = changeLog.descendingIterator(); it.hasNext(); ) {
      Change change = it.next();
      if (change.version() <= since.get().number()) {
        break;
      }
      touched.add(change.key());
    }
    List<T> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    touched.stream()
        .sorted()
        .forEach(
            key -> {
              T now = byKey.get(key);
              if (now == null) {
                removed.add(key);
              } else {
                added.add(now);
              }
            });
    return new ListChanges<>(version(), false, List.copyOf(added), List.copyOf(removed));
  }

  private boolean canServe(ListVersion since) {
    return epoch.equals(since.epoch())
        && since.number() >= forgottenUpTo
        && since.number() <= version;
  }
}
