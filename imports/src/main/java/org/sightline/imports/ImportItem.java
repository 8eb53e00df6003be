package org.sightline.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.sightline.sighting.FieldError;

/**
 * One sighting read from a bulk file, in the JSON shape of {@code POST /api/v1/sightings} with its
 * id set (given, or derived from the content by {@link ImportIds}), or the reasons it could not be
 * read.
 *
 * @param line 1-based line where the item starts in the input
 * @param ref where it came from when a line is not enough: a STIX object id, a VICS MediaID and
 *     hash name; null for line formats
 * @param sighting the sighting as JSON; validation is the intake's job
 * @param errors why the item could not be mapped to a sighting at all (empty when it was)
 * @param fieldLabels the input's own name for a sighting field ({@code indicator.value} is the
 *     column {@code value} in CSV, the property {@code MD5} in VICS), so errors name what the
 *     sender wrote
 */
public record ImportItem(
    long line,
    String ref,
    ObjectNode sighting,
    List<FieldError> errors,
    Map<String, String> fieldLabels) {

  public ImportItem {
    errors = List.copyOf(errors);
    fieldLabels = Map.copyOf(fieldLabels);
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  /** The sighting id, or null when none could be given. */
  public String id() {
    return sighting == null || !sighting.path("id").isTextual()
        ? null
        : sighting.get("id").asText();
  }

  /**
   * The input's name for a sighting field; for a nested path ({@code related[2].value}) the label
   * of its first segment is used, the rest kept.
   */
  public String label(String field) {
    String direct = fieldLabels.get(field);
    if (direct != null) {
      return direct;
    }
    int cut = indexOfSeparator(field);
    if (cut > 0) {
      String head = fieldLabels.get(field.substring(0, cut));
      if (head != null) {
        return head + field.substring(cut);
      }
    }
    return field;
  }

  /** Errors with each field named as the input names it. */
  public List<FieldError> labelled(List<FieldError> errors) {
    return errors.stream().map(e -> new FieldError(label(e.field()), e.reason())).toList();
  }

  private static int indexOfSeparator(String field) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '.' || c == '[') {
        return i;
      }
    }
    return -1;
  }
}
