package org.sightline.consumers.iwol;

import java.time.format.DateTimeFormatter;
import java.util.List;
import org.sightline.consumers.lists.ListChanges;
import org.sightline.consumers.lists.ListCsv;
import org.sightline.consumers.lists.ListSnapshot;

/**
 * The list as CSV (RFC 4180: CRLF line ends, a header record, fields quoted when they hold a comma,
 * a quote or a line break), dates in ISO-8601 UTC. The incremental form has a leading {@code
 * change} column, {@code added} or {@code removed}; a removed domain has no dates or category.
 */
final class DomainsCsv {

  /** {@code expires_at} last, so that tools reading the first three columns keep working. */
  static final List<String> HEADER = List.of("domain", "added_at", "category", "expires_at");

  private DomainsCsv() {}

  static String render(ListSnapshot<IwolItem> snapshot) {
    return ListCsv.whole(HEADER, snapshot.items(), DomainsCsv::line);
  }

  static String render(ListChanges<IwolItem> changes) {
    return ListCsv.changes(HEADER, changes, DomainsCsv::line, List::of);
  }

  private static List<String> line(IwolItem item) {
    return List.of(
        item.domain(),
        DateTimeFormatter.ISO_INSTANT.format(item.addedAt()),
        item.category(),
        item.expiresAt() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(item.expiresAt()));
  }

  /** RFC 4180 section 2: quote a field that needs it, doubling the quotes inside. */
  static String field(String value) {
    return ListCsv.field(value);
  }
}
