package org.sightline.consumers.iwol;

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
 * The "worst of" list in memory, versioned. Every change that an access provider can see (a domain
 * listed, its line changed, a domain delisted) takes the next version number, in the order the
 * reader applies it; a record that changes nothing visible (more support for a listed domain, a
 * tombstone for a domain not listed) takes none. The last {@code changeLogSize} changes are kept so
 * that a client can fetch only what changed since its version.
 *
 * <p>Written by the reader thread and read by request threads, hence the locking.
 */
public final class IwolList {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** One applied change: which domain changed at which version (its new state is in the map). */
  private record Change(long version, String domain) {}

  private final String epoch;
  private final int changeLogSize;
  private final TreeMap<String, IwolItem> byDomain = new TreeMap<>();
  private final ArrayDeque<Change> changeLog = new ArrayDeque<>();
  private long version;

  /** The highest version whose change has been dropped from the log; 0 while none has. */
  private long forgottenUpTo;

  private List<IwolItem> sortedCache = List.of();

  public IwolList(int changeLogSize) {
    this(newEpoch(), changeLogSize);
  }

  IwolList(String epoch, int changeLogSize) {
    this.epoch = Objects.requireNonNull(epoch, "epoch");
    this.changeLogSize = Math.max(1, changeLogSize);
  }

  private static String newEpoch() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Lists {@code item} under {@code domain}, or delists the domain when {@code item} is null.
   *
   * @return whether an access provider would see a difference (and so a new version was taken)
   */
  public synchronized boolean apply(String domain, IwolItem item) {
    IwolItem before = item == null ? byDomain.remove(domain) : byDomain.put(domain, item);
    if (Objects.equals(before, item)) {
      return false;
    }
    version++;
    changeLog.addLast(new Change(version, domain));
    if (changeLog.size() > changeLogSize) {
      forgottenUpTo = changeLog.removeFirst().version();
    }
    sortedCache = null;
    return true;
  }

  /** How many domains are listed. */
  public synchronized int size() {
    return byDomain.size();
  }

  public synchronized IwolVersion version() {
    return new IwolVersion(epoch, version);
  }

  /** The whole list, sorted by domain, with the version it is. */
  public synchronized IwolSnapshot snapshot() {
    if (sortedCache == null) {
      sortedCache = List.copyOf(byDomain.values());
    }
    return new IwolSnapshot(version(), sortedCache);
  }

  /**
   * The changes after {@code since}: only the domains that changed, each in its current state; or
   * the whole list, marked full, when {@code since} is missing, of another epoch, newer than this
   * list, or older than the oldest change kept.
   */
  public synchronized IwolChanges changesSince(Optional<IwolVersion> since) {
    if (since.isEmpty() || !canServe(since.get())) {
      return new IwolChanges(version(), true, snapshot().items(), List.of());
    }
    // Domains in order of first change after `since`; sorted below for a stable answer.
    Set<String> touched = new LinkedHashSet<>();
    for (var it = changeLog.descendingIterator(); it.hasNext(); ) {
      Change change = it.next();
      if (change.version() <= since.get().number()) {
        break;
      }
      touched.add(change.domain());
    }
    List<IwolItem> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    touched.stream()
        .sorted()
        .forEach(
            domain -> {
              IwolItem now = byDomain.get(domain);
              if (now == null) {
                removed.add(domain);
              } else {
                added.add(now);
              }
            });
    return new IwolChanges(version(), false, List.copyOf(added), List.copyOf(removed));
  }

  private boolean canServe(IwolVersion since) {
    return epoch.equals(since.epoch())
        && since.number() >= forgottenUpTo
        && since.number() <= version;
  }
}
