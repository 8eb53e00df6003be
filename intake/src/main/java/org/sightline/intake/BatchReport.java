package org.sightline.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sightline.imports.ImportFormat;
import org.sightline.imports.ImportItem;
import org.sightline.imports.ImportNotice;
import org.sightline.members.Agency;
import org.sightline.sighting.FieldError;

/** The per-item answer to a batch, as the sender will read it. */
final class BatchReport {

  private final Agency agency;
  private final ImportFormat format;
  private final boolean listIds;
  private long items;
  private long accepted;
  private long duplicates;
  private final List<String> acceptedIds = new ArrayList<>();
  private final List<Map<String, Object>> rejections = new ArrayList<>();
  private final List<Map<String, Object>> unsupported = new ArrayList<>();
  private final List<Map<String, Object>> unconfirmed = new ArrayList<>();
  private String error;
  private Map<String, Object> errorDetail = Map.of();

  BatchReport(Agency agency, ImportFormat format, boolean listIds) {
    this.agency = agency;
    this.format = format;
    this.listIds = listIds;
  }

  long items() {
    return items;
  }

  void item() {
    items++;
  }

  void accepted(String id, boolean duplicate) {
    accepted++;
    if (duplicate) {
      duplicates++;
    }
    if (listIds) {
      acceptedIds.add(id);
    }
  }

  void rejected(ImportItem item, List<FieldError> errors) {
    Map<String, Object> r = position(item);
    if (item.id() != null) {
      r.put("id", item.id());
    }
    r.put("errors", errors);
    rejections.add(r);
  }

  void unconfirmed(ImportItem item, String id, String reason) {
    Map<String, Object> r = position(item);
    r.put("id", id);
    r.put("reason", reason);
    unconfirmed.add(r);
  }

  void unsupported(List<ImportNotice> notices) {
    for (ImportNotice n : notices) {
      Map<String, Object> u = new LinkedHashMap<>();
      if (n.line() > 0) {
        u.put("line", n.line());
      }
      u.put("ref", n.ref());
      u.put("reason", n.reason());
      unsupported.add(u);
    }
  }

  void unsupportedCounted(IntakeMetrics metrics, ImportFormat format) {
    metrics.unsupported(format.word(), unsupported.size());
  }

  void stop(String error, Map<String, Object> detail) {
    this.error = error;
    this.errorDetail = detail;
  }

  private static Map<String, Object> position(ImportItem item) {
    Map<String, Object> r = new LinkedHashMap<>();
    if (item.line() > 0) {
      r.put("line", item.line());
    }
    if (item.ref() != null) {
      r.put("ref", item.ref());
    }
    return r;
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    if (error != null) {
      json.put("error", error);
      json.putAll(errorDetail);
    }
    json.put("agency", agency.id().value());
    json.put("format", format.word());
    json.put("items", items);
    json.put("accepted", accepted);
    json.put("duplicates", duplicates);
    json.put("rejected", (long) rejections.size());
    json.put("unconfirmed", (long) unconfirmed.size());
    if (listIds) {
      json.put("acceptedIds", acceptedIds);
    }
    rejections.sort(
        java.util.Comparator.comparingLong(r -> ((Number) r.getOrDefault("line", 0L)).longValue()));
    json.put("rejections", rejections);
    json.put("unsupported", unsupported);
    if (!unconfirmed.isEmpty()) {
      json.put("notConfirmed", unconfirmed);
    }
    return json;
  }
}
