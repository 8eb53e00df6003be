package org.sightline.consumers.iwol;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The list as CSV (RFC 4180: CRLF line ends, a header record, fields quoted when they hold a comma,
 * a quote or a line break), dates in ISO-8601 UTC. The incremental form has a leading {@code
 * change} column, {@code added} or {@code removed}; a removed domain has no dates or category.
 */
final class DomainsCsv {

  /** {@code expires_at} last, so that tools reading the first three columns keep working. */
  static final List<String> HEADER = List.of("domain", "added_at", "category", "expires_at");

  static final List<String> CHANGES_HEADER =
      List.of("change", "domain", "added_at", "category", "expires_at");

  private static final String CRLF = "\r\n";

  private DomainsCsv() {}

  static String render(IwolSnapshot snapshot) {
    StringBuilder out = new StringBuilder(snapshot.items().size() * 48);
    row(out, HEADER);
    for (IwolItem item : snapshot.items()) {
      row(out, line(item));
    }
    return out.toString();
  }

  static String render(IwolChanges changes) {
    StringBuilder out = new StringBuilder((changes.size() + 1) * 56);
    row(out, CHANGES_HEADER);
    for (IwolItem item : changes.added()) {
      List<String> line = line(item);
      List<String> added = new java.util.ArrayList<>();
      added.add("added");
      added.addAll(line);
      row(out, added);
    }
    for (String domain : changes.removed()) {
      row(out, List.of("removed", domain, "", "", ""));
    }
    return out.toString();
  }

  private static List<String> line(IwolItem item) {
    return List.of(
        item.domain(),
        DateTimeFormatter.ISO_INSTANT.format(item.addedAt()),
        item.category(),
        item.expiresAt() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(item.expiresAt()));
  }

  private static void row(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(fields.get(i)));
    }
    out.append(CRLF);
  }

  /** RFC 4180 section 2: quote a field that needs it, doubling the quotes inside. */
  static String field(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\r') < 0
        && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
