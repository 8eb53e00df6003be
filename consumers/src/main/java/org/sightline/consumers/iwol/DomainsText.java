package org.sightline.consumers.iwol;

import org.sightline.consumers.lists.ListSnapshot;

/**
 * The list as plain text: one domain per line, sorted, nothing else. Blocking tools that read "one
 * domain per line" take every line for a domain, so the version travels in a header instead of a
 * comment line.
 */
final class DomainsText {

  private DomainsText() {}

  static String render(ListSnapshot<IwolItem> snapshot) {
    StringBuilder out = new StringBuilder(snapshot.items().size() * 24);
    for (IwolItem item : snapshot.items()) {
      out.append(item.domain()).append('\n');
    }
    return out.toString();
  }
}
