package org.sightline.consumers.iwol;

import java.util.List;

/**
 * What changed in the list since a version a client holds, or — when that version cannot be served
 * (another epoch, forgotten, unreadable) — the whole list with {@code full} set: the client then
 * replaces its copy instead of patching it.
 *
 * @param version the version the client holds after applying this answer (JSON: {@code
 *     "<epoch>:<number>"})
 * @param added domains listed or changed since, with their current line (every domain when full)
 * @param removed domains not on the list now that may have been on it at the client's version
 */
public record IwolChanges(
    IwolVersion version, boolean full, List<IwolItem> added, List<String> removed) {

  /** How many domains the answer names, for the audit trail. */
  public int size() {
    return added.size() + removed.size();
  }
}
