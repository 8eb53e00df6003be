package org.sightline.consumers.lists;

import java.util.List;

/**
 * What changed in the list since a version a client holds, or — when that version cannot be served
 * (another epoch, forgotten, unreadable) — the whole list with {@code full} set: the client then
 * replaces its copy instead of patching it.
 *
 * @param version the version the client holds after applying this answer (JSON: {@code
 *     "<epoch>:<number>"})
 * @param added entries listed or changed since, as they are now (every entry when full)
 * @param removed keys not on the list now that may have been on it at the client's version
 */
public record ListChanges<T>(
    ListVersion version, boolean full, List<T> added, List<String> removed) {

  /** How many entries the answer names, for the audit trail. */
  public int size() {
    return added.size() + removed.size();
  }
}
