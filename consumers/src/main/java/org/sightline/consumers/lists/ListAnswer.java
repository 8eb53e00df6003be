package org.sightline.consumers.lists;

/**
 * A rendered download of a list: its body and media type, the version it is, how many entries it
 * names, and for an incremental format whether it is the whole list instead ({@code null} for
 * whole-list formats).
 */
public record ListAnswer(
    ListVersion version, int entries, Boolean full, String mediaType, Object body) {

  public static ListAnswer whole(ListSnapshot<?> snapshot, String mediaType, Object body) {
    return new ListAnswer(snapshot.version(), snapshot.items().size(), null, mediaType, body);
  }

  public static ListAnswer changes(ListChanges<?> changes, String mediaType, Object body) {
    return new ListAnswer(changes.version(), changes.size(), changes.full(), mediaType, body);
  }
}
