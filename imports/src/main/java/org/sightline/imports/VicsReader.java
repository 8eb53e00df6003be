package org.sightline.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sightline.schema.Category;
import org.sightline.sighting.FieldError;

/**
 * Project VIC (VICS) JSON: a hash set ({@code value} is a list of Media) or a case export ({@code
 * value} is a list of cases, each with a {@code Media} list), VICS 1.x ({@code odata.metadata}) or
 * 2.0 ({@code @odata.context}). Read as a stream, one Media at a time: hash sets run to millions of
 * records.
 *
 * <p>Each hash of a Media becomes one sighting, as {@code sightline hash --publish} does (MD5,
 * SHA1, PhotoDNA, and SHA-256 when present, top level or in {@code AlternativeHashes}), with:
 *
 * <ul>
 *   <li>a PDQ hash in {@code AlternativeHashes} ({@code HashName} "PDQ"), as the federation's
 *       known-hash list writes it;
 *   <li>{@code Category} mapped by {@link ImportDefaults#vicsCategories()} (default: 0
 *       non-pertinent, not imported; 1 CSAM; 2 CSEM_OTHER; other numbers UNKNOWN), absent → the
 *       import's default category;
 *   <li>{@code VictimIdentified}, {@code OffenderIdentified} (booleans or "true"/"false"), {@code
 *       Series} (a name, or an object with {@code Name}) → identification;
 *   <li>{@code DateUpdated} → observedAt (absent: the time the intake receives it);
 *   <li>the case's {@code CaseNumber} (when it precedes {@code Media}) → caseRef.
 * </ul>
 *
 * VICS has no TLP and no confidence: the import must give both. Every other property (file names,
 * sizes, EXIF, tags, comments) is named once in a notice and not imported; so are skipped and
 * unmapped categories, with their counts.
 */
final class VicsReader extends QueuedNoticesReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Properties that are OData plumbing rather than data: not worth a notice. */
  private static final Set<String> PLUMBING = Set.of("odata.id", "@odata.id", "MediaID");

  private static final Set<String> USED =
      Set.of(
          "md5",
          "sha1",
          "sha256",
          "photodna",
          "alternativehashes",
          "category",
          "victimidentified",
          "offenderidentified",
          "series",
          "dateupdated");

  private enum State {
    ROOT,
    VALUE,
    CASE_MEDIA,
    CASE_REST,
    DONE
  }

  private final ImportDefaults defaults;
  private final JsonParser parser;
  private final Deque<ImportItem> pending = new ArrayDeque<>();
  private final Set<String> ignored = new TreeSet<>();
  private final Map<String, Integer> skippedCategories = new TreeMap<>();
  private final Map<String, Integer> unmappedCategories = new TreeMap<>();
  private final Map<String, Integer> unknownHashes = new TreeMap<>();
  private State state = State.ROOT;
  private boolean sawValue;
  private boolean sawMetadata;
  private String caseNumber;

  VicsReader(CountingInputStream counted, ImportDefaults defaults) throws IOException {
    super(counted);
    if (defaults.tlp() == null) {
      throw new ImportFormatException(
          "tlp",
          "VICS carries no TLP: give one for the whole import (?tlp= at the intake, --tlp in the"
              + " CLI)");
    }
    if (defaults.confidence() == null) {
      throw new ImportFormatException(
          "confidence",
          "VICS carries no confidence: give one for the whole import (?confidence= at the intake,"
              + " --confidence in the CLI)");
    }
    this.defaults = defaults;
    this.parser = new JsonFactory(JSON).createParser(counted);
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new ImportFormatException(
          "(body)", "a VICS document is one JSON object with a value array", 1);
    }
  }

  @Override
  public ImportItem next() throws IOException {
    while (pending.isEmpty() && state != State.DONE) {
      advance();
    }
    return pending.poll();
  }

  private void advance() throws IOException {
    try {
      switch (state) {
        case ROOT -> root();
        case VALUE -> value();
        case CASE_MEDIA -> caseMedia();
        case CASE_REST -> caseRest();
        case DONE -> {}
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ImportFormatException(
          "(body)",
          "is not valid JSON at line " + line + ": " + e.getOriginalMessage() + "; reading stopped",
          line);
    }
  }

  private void root() throws IOException {
    JsonToken t = parser.nextToken();
    if (t == JsonToken.END_OBJECT || t == null) {
      finish();
      return;
    }
    String name = parser.currentName();
    JsonToken v = parser.nextToken();
    if (name.equals("value")) {
      if (v != JsonToken.START_ARRAY) {
        throw new ImportFormatException("value", "must be an array of Media or of cases", line());
      }
      sawValue = true;
      state = State.VALUE;
    } else if (name.equals("odata.metadata") || name.equals("@odata.context")) {
      sawMetadata = true;
      parser.skipChildren();
    } else {
      ignored.add(name);
      parser.skipChildren();
    }
  }

  /** At an element of the top-level value array: a Media, or a case holding Media. */
  private void value() throws IOException {
    JsonToken t = parser.nextToken();
    if (t == JsonToken.END_ARRAY) {
      state = State.ROOT;
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      throw new ImportFormatException("value", "holds something other than objects", line());
    }
    long line = line();
    ObjectNode head = JSON.createObjectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken v = parser.nextToken();
      if (name.equalsIgnoreCase("Media") && v == JsonToken.START_ARRAY) {
        caseNumber = head.path("CaseNumber").isValueNode() ? head.get("CaseNumber").asText() : null;
        state = State.CASE_MEDIA;
        return;
      }
      head.set(name, parser.readValueAsTree());
    }
    media(head, line);
  }

  private void caseMedia() throws IOException {
    JsonToken t = parser.nextToken();
    if (t == JsonToken.END_ARRAY) {
      state = State.CASE_REST;
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      throw new ImportFormatException("Media", "holds something other than objects", line());
    }
    long line = line();
    JsonNode node = parser.readValueAsTree();
    media((ObjectNode) node, line);
  }

  private void caseRest() throws IOException {
    JsonToken t = parser.nextToken();
    if (t == JsonToken.END_OBJECT) {
      caseNumber = null;
      state = State.VALUE;
      return;
    }
    parser.nextToken();
    parser.skipChildren();
  }

  private void finish() {
    state = State.DONE;
    if (!sawValue) {
      throw new ImportFormatException(
          "value", "a VICS document has a top-level value array (of Media or of cases)", line());
    }
    if (!sawMetadata) {
      notices.add(
          new ImportNotice(
              0, "@odata.context", "absent: read as VICS 2.0 (no national profile named)"));
    }
    if (!ignored.isEmpty()) {
      notices.add(
          new ImportNotice(
              0,
              String.join(",", ignored),
              "VICS properties with no place in a sighting: not imported"));
    }
    skippedCategories.forEach(
        (category, n) ->
            notices.add(
                new ImportNotice(
                    0,
                    "Category " + category,
                    n + " Media not imported (mapped to SKIP: non-pertinent material)")));
    unmappedCategories.forEach(
        (category, n) ->
            notices.add(
                new ImportNotice(
                    0,
                    "Category " + category,
                    n
                        + " Media imported as UNKNOWN: the number has no meaning shared across"
                        + " VICS profiles (map it with vicsCategories)")));
    unknownHashes.forEach(
        (hash, n) ->
            notices.add(
                new ImportNotice(
                    0,
                    "AlternativeHashes " + hash,
                    n + " hashes of a kind Sightline does not correlate: not imported")));
  }

  private void media(ObjectNode m, long line) {
    String mediaId = m.path("MediaID").isValueNode() ? m.get("MediaID").asText() : null;
    for (Iterator<String> names = m.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!USED.contains(name.toLowerCase(Locale.ROOT))
          && !PLUMBING.contains(name)
          && !name.contains("@odata.")) {
        ignored.add(name);
      }
    }
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    ObjectNode base = JSON.createObjectNode();

    JsonNode category = get(m, "Category");
    if (category != null && !category.isNull() && !category.asText().isBlank()) {
      String number = category.asText().strip();
      Integer n = integer(number);
      String mapped = n == null ? null : defaults.vicsCategories().get(n);
      if (n == null) {
        errors.add(new FieldError("category", "'" + number + "' is not a VICS category number"));
      } else if (ImportDefaults.SKIP.equals(mapped)) {
        skippedCategories.merge(number, 1, Integer::sum);
        return;
      } else if (mapped == null) {
        unmappedCategories.merge(number, 1, Integer::sum);
        base.put("category", Category.UNKNOWN.name());
      } else {
        base.put("category", mapped);
      }
      labels.put("category", "Category");
    }

    ObjectNode identification = JSON.createObjectNode();
    flag(m, "VictimIdentified", "victimIdentified", identification, errors, labels);
    flag(m, "OffenderIdentified", "offenderIdentified", identification, errors, labels);
    JsonNode series = get(m, "Series");
    if (series != null && series.isObject()) {
      series = get((ObjectNode) series, "Name");
    }
    if (series != null && series.isValueNode() && !series.asText().isBlank()) {
      identification.put("series", series.asText().strip());
      labels.put("identification.series", "Series");
    }
    if (!identification.isEmpty()) {
      base.set("identification", identification);
    }

    JsonNode updated = get(m, "DateUpdated");
    if (updated != null && updated.isTextual() && !updated.asText().isBlank()) {
      Instant at = instant(updated.asText().strip());
      if (at == null) {
        errors.add(
            new FieldError("observedAt", "'" + updated.asText() + "' is not an ISO-8601 time"));
      } else {
        base.put("observedAt", at.toString());
      }
      labels.put("observedAt", "DateUpdated");
    }
    if (caseNumber != null && !caseNumber.isBlank()) {
      base.put("caseRef", caseNumber);
      labels.put("caseRef", "CaseNumber");
    }

    Map<String, String[]> hashes = new LinkedHashMap<>();
    hash(m, "MD5", "md5", hashes);
    hash(m, "SHA1", "sha1", hashes);
    hash(m, "SHA256", "sha256", hashes);
    hash(m, "PhotoDNA", "photodna", hashes);
    JsonNode alternatives = get(m, "AlternativeHashes");
    if (alternatives != null && alternatives.isArray()) {
      for (JsonNode alt : alternatives) {
        if (!alt.isObject()) {
          continue;
        }
        JsonNode hashName = get((ObjectNode) alt, "HashName");
        JsonNode hashValue = get((ObjectNode) alt, "HashValue");
        if (hashName == null || hashValue == null || hashValue.asText().isBlank()) {
          continue;
        }
        String type = hashType(hashName.asText());
        if (type == null) {
          unknownHashes.merge(hashName.asText().strip(), 1, Integer::sum);
        } else {
          hashes.putIfAbsent(
              type,
              new String[] {"AlternativeHashes." + hashName.asText().strip(), hashValue.asText()});
        }
      }
    }
    String ref = "MediaID " + (mediaId == null ? "?" : mediaId);
    if (hashes.isEmpty()) {
      errors.add(
          new FieldError("indicator.value", "the Media has no MD5, SHA1, SHA256, PhotoDNA or PDQ"));
      labels.put("indicator.value", "MD5");
      pending.add(new ImportItem(line, ref, null, errors, labels));
      return;
    }
    for (Map.Entry<String, String[]> h : hashes.entrySet()) {
      String property = h.getValue()[0];
      Map<String, String> itemLabels = new LinkedHashMap<>(labels);
      itemLabels.put("indicator.value", property);
      itemLabels.put("indicator", property);
      String itemRef = ref + " " + property;
      if (!errors.isEmpty()) {
        pending.add(new ImportItem(line, itemRef, null, errors, itemLabels));
        continue;
      }
      ObjectNode sighting = base.deepCopy();
      ObjectNode indicator = sighting.putObject("indicator");
      indicator.put("type", h.getKey());
      indicator.put("value", h.getValue()[1].strip());
      defaults.applyTo(sighting);
      sighting.put("id", ImportIds.derive(ImportFormat.VICS, sighting));
      pending.add(new ImportItem(line, itemRef, sighting, List.of(), itemLabels));
    }
  }

  private static void hash(ObjectNode m, String property, String type, Map<String, String[]> out) {
    JsonNode v = get(m, property);
    if (v != null && v.isValueNode() && !v.asText().isBlank()) {
      out.put(type, new String[] {property, v.asText()});
    }
  }

  private static String hashType(String name) {
    return switch (name.strip().toUpperCase(Locale.ROOT).replace("-", "")) {
      case "MD5" -> "md5";
      case "SHA1" -> "sha1";
      case "SHA256" -> "sha256";
      case "PHOTODNA" -> "photodna";
      // Not in the VICS 2.0 model, but how the federation's own list hands PDQ hashes on.
      case "PDQ" -> "pdq";
      default -> null;
    };
  }

  private static void flag(
      ObjectNode m,
      String property,
      String field,
      ObjectNode identification,
      List<FieldError> errors,
      Map<String, String> labels) {
    JsonNode v = get(m, property);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
      return;
    }
    labels.put("identification." + field, property);
    if (v.isBoolean()) {
      identification.put(field, v.asBoolean());
    } else if (v.isTextual() && v.asText().strip().equalsIgnoreCase("true")) {
      identification.put(field, true);
    } else if (v.isTextual() && v.asText().strip().equalsIgnoreCase("false")) {
      identification.put(field, false);
    } else {
      errors.add(new FieldError("identification." + field, "'" + v + "' is not true or false"));
    }
  }

  /** VICS writers disagree on case ({@code Md5}, {@code MD5}); the first match wins. */
  private static JsonNode get(ObjectNode node, String name) {
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static Integer integer(String s) {
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private long line() {
    return parser.currentTokenLocation().getLineNr();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
