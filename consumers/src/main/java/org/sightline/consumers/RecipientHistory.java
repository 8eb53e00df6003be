package org.sightline.consumers;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The most recent alerts of one recipient, bounded. Written by the feed thread and read by request
 * threads, hence the locking.
 */
final class RecipientHistory {

  /** Newest first by time of creation; ties keep arrival order. */
  private static final Comparator<AlertView> NEWEST_FIRST =
      Comparator.comparing(
          AlertView::createdAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()));

  private final int capacity;
  private final ArrayDeque<AlertView> newestFirst = new ArrayDeque<>();
  private final Set<String> ids = new HashSet<>();

  RecipientHistory(int capacity) {
    this.capacity = Math.max(1, capacity);
  }

  /** False when the alert is already held: replays and re-deliveries are not news. */
  synchronized boolean add(AlertView alert) {
    if (!ids.add(alert.id())) {
      return false;
    }
    newestFirst.addFirst(alert);
    if (newestFirst.size() > capacity) {
      ids.remove(newestFirst.removeLast().id());
    }
    return true;
  }

  synchronized List<AlertView> recent(int limit) {
    // Partitions are read interleaved, so arrival order is only roughly time order.
    List<AlertView> all = new ArrayList<>(newestFirst);
    all.sort(NEWEST_FIRST);
    return List.copyOf(all.subList(0, Math.min(Math.max(limit, 0), all.size())));
  }

  /** The alert with this id, if it is still held. */
  synchronized java.util.Optional<AlertView> find(String id) {
    return newestFirst.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  /** Every alert held on {@code indicator}, newest first. */
  synchronized List<AlertView> onIndicator(String indicator) {
    List<AlertView> found = new ArrayList<>();
    for (AlertView a : newestFirst) {
      if (indicator.equals(a.indicator())) {
        found.add(a);
      }
    }
    found.sort(NEWEST_FIRST);
    return List.copyOf(found);
  }
}
