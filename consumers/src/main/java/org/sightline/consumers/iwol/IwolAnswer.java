package org.sightline.consumers.iwol;

/**
 * A rendered download: its body and media type, the version it is, how many domains it names, and
 * for an incremental format whether it is the whole list instead ({@code null} for whole-list
 * formats).
 */
record IwolAnswer(IwolVersion version, int entries, Boolean full, String mediaType, Object body) {

  static IwolAnswer whole(IwolSnapshot snapshot, String mediaType, Object body) {
    return new IwolAnswer(snapshot.version(), snapshot.items().size(), null, mediaType, body);
  }

  static IwolAnswer changes(IwolChanges changes, String mediaType, Object body) {
    return new IwolAnswer(changes.version(), changes.size(), changes.full(), mediaType, body);
  }
}
