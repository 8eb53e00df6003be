package org.sightline.processor.topology;

import java.util.ArrayList;
import java.util.List;
import org.sightline.schema.AttributedEvent;

/**
 * The keys a sighting reached, as the deduplication store keeps them: one per line, the indicator's
 * own key first, then {@code D <key>} for derived and {@code R <key>} for related keys. Canonical
 * keys never contain a line break (control characters are escaped by canonicalisation).
 */
final class SeenKeys {

  private SeenKeys() {}

  static String encode(AttributedEvent event) {
    StringBuilder b = new StringBuilder(event.getIndicatorKey());
    event.getDerivedKeys().forEach(k -> b.append("\nD ").append(k));
    event.getRelatedKeys().forEach(k -> b.append("\nR ").append(k));
    return b.toString();
  }

  /** Sets on a retraction the keys its sighting reached. */
  static void restore(String encoded, AttributedEvent retraction) {
    String[] lines = encoded.split("\n");
    List<String> derived = new ArrayList<>();
    List<String> related = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      (lines[i].startsWith("D ") ? derived : related).add(lines[i].substring(2));
    }
    retraction.setIndicatorKey(lines[0]);
    retraction.setDerivedKeys(derived);
    retraction.setRelatedKeys(related);
  }
}
