package org.sightline.consumers.hashes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.sightline.consumers.lists.ListChanges;
import org.sightline.consumers.lists.ListCsv;
import org.sightline.consumers.lists.ListVersion;

/**
 * The known-hash list in the formats agencies' and platforms' tools import.
 *
 * <p><b>VICS 2.0 JSON</b> (Project VIC's OData model, what forensic triage tools import): one Media
 * per hash (the list keys hashes, not files), {@code Category} 1 (child abuse material), MD5 and
 * SHA1 as Media properties, SHA-256 and PDQ in {@code AlternativeHashes}, {@code DateUpdated} the
 * day it was listed. VICS has no removal: an incremental answer lists the added Media in {@code
 * value} and the keys taken off in {@code sightline.removed}, which VICS tools pass over.
 *
 * <p><b>CSV</b> (RFC 4180): {@code type,hash,category,listed_at}; changes with a leading {@code
 * change} column.
 */
final class HashListFormats {

  static final String VICS_CONTEXT =
      "http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media";

  static final List<String> CSV_HEADER = List.of("type", "hash", "category", "listed_at");

  /** VICS's number for child abuse material (the US and default profiles). */
  private static final int VICS_CSAM = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private HashListFormats() {}

  static ObjectNode vics(List<KnownHashItem> items, ListVersion version) {
    ObjectNode root = JSON.createObjectNode();
    root.put("@odata.context", VICS_CONTEXT);
    root.put("sightline.version", version.toString());
    ArrayNode value = root.putArray("value");
    long id = 1;
    for (KnownHashItem item : items) {
      ObjectNode media = value.addObject();
      media.put("MediaID", id++);
      media.put("Category", VICS_CSAM);
      switch (item.type()) {
        case "MD5" -> media.put("MD5", item.value().toUpperCase(java.util.Locale.ROOT));
        case "SHA1" -> media.put("SHA1", item.value().toUpperCase(java.util.Locale.ROOT));
        default ->
            media
                .putArray("AlternativeHashes")
                .addObject()
                .put("HashName", item.type())
                .put("HashValue", item.value());
      }
      media.put("DateUpdated", DateTimeFormatter.ISO_INSTANT.format(item.listedAt()));
    }
    return root;
  }

  static ObjectNode vics(ListChanges<KnownHashItem> changes) {
    ObjectNode root = vics(changes.added(), changes.version());
    root.put("sightline.full", changes.full());
    ArrayNode removed = root.putArray("sightline.removed");
    changes.removed().forEach(removed::add);
    return root;
  }

  static String csv(List<KnownHashItem> items) {
    return ListCsv.whole(CSV_HEADER, items, HashListFormats::line);
  }

  static String csv(ListChanges<KnownHashItem> changes) {
    return ListCsv.changes(
        CSV_HEADER,
        changes,
        HashListFormats::line,
        key -> List.of(key.substring(0, key.indexOf(':')), key.substring(key.indexOf(':') + 1)));
  }

  private static List<String> line(KnownHashItem item) {
    return List.of(
        item.type().toLowerCase(java.util.Locale.ROOT),
        item.value(),
        item.category(),
        DateTimeFormatter.ISO_INSTANT.format(item.listedAt()));
  }
}
