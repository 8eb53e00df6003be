package org.sightline.consumers.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list as RFC 4180 CSV (CRLF line ends, quoted where needed): the whole list under its header, or
 * the changes since a version under a header with a leading {@code change} column, {@code added}
 * (listed, or its line changed) or {@code removed} (the key, the other columns empty).
 */
public final class ListCsv {

  private static final String CRLF = "\r\n";

  private ListCsv() {}

  public static <T> String whole(
      List<String> header, List<T> items, Function<T, List<String>> line) {
    StringBuilder out = new StringBuilder((items.size() + 1) * 64);
    row(out, header);
    for (T item : items) {
      row(out, line.apply(item));
    }
    return out.toString();
  }

  /**
   * {@code header} without its {@code change} column: it is added here. {@code removed} gives the
   * leading fields of a removed key's line (the rest are empty).
   */
  public static <T> String changes(
      List<String> header,
      ListChanges<T> changes,
      Function<T, List<String>> line,
      Function<String, List<String>> removedLine) {
    StringBuilder out = new StringBuilder((changes.size() + 1) * 72);
    List<String> withChange = new ArrayList<>();
    withChange.add("change");
    withChange.addAll(header);
    row(out, withChange);
    for (T item : changes.added()) {
      List<String> added = new ArrayList<>();
      added.add("added");
      added.addAll(line.apply(item));
      row(out, added);
    }
    for (String key : changes.removed()) {
      List<String> removed = new ArrayList<>();
      removed.add("removed");
      removed.addAll(removedLine.apply(key));
      while (removed.size() < withChange.size()) {
        removed.add("");
      }
      row(out, removed);
    }
    return out.toString();
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
  public static String field(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\r') < 0
        && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
