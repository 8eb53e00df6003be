package org.sightline.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sightline.schema.Tlp;
import org.sightline.sighting.FieldError;
import org.sightline.sighting.SightingValidator;

/**
 * A STIX 2.1 bundle. Its objects refer to each other, so the bundle is read whole (the intake
 * bounds its size). What becomes a sighting:
 *
 * <ul>
 *   <li>a {@code sighting} of an indicator (or, when the indicator is not in the bundle, of the
 *       observables in its {@code observed_data_refs}): observedAt = last_seen, first_seen or
 *       created;
 *   <li>an {@code indicator} no sighting in the bundle refers to: observedAt = valid_from;
 *   <li>an {@code observed-data} no sighting refers to, one sighting per observable: observedAt =
 *       last_observed or first_observed.
 * </ul>
 *
 * Patterns and observables as {@link StixPatterns} reads them. TLP from {@code object_marking_refs}
 * ({@link StixTlp}; the strictest when several; a sighting without one takes its indicator's), else
 * the import's default; confidence from {@code confidence}, else the default; category from the
 * first of {@code labels} that names a Sightline category, else the default. Ids are the object's
 * id and {@code modified} ({@code <id>@<modified>}, so a new version of an object is a new sighting
 * and a resend of the same version is recognised), with {@code #<observable or hash>} when one
 * object gives several sightings. Every other object (identities, reports, relationships, malware,
 * bare observables, non-TLP markings, revoked objects, other pattern languages) is named in a
 * notice with its id.
 */
final class StixReader extends QueuedNoticesReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> OBSERVABLES =
      Set.of("url", "domain-name", "ipv4-addr", "ipv6-addr", "email-addr", "file");

  private final ImportDefaults defaults;
  private final Deque<ImportItem> items = new ArrayDeque<>();

  private final Map<String, JsonNode> byId = new HashMap<>();
  private final Map<String, Long> lines = new HashMap<>();
  private final Map<String, Tlp> markings = new HashMap<>();

  StixReader(CountingInputStream counted, ImportDefaults defaults) throws IOException {
    super(counted);
    this.defaults = defaults;
    List<JsonNode> objects = read(counted);
    index(objects);
    map(objects);
  }

  private List<JsonNode> read(CountingInputStream in) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    boolean bundle = false;
    boolean sawObjects = false;
    try (JsonParser p = new JsonFactory(JSON).createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notABundle();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("type")) {
          bundle = value == JsonToken.VALUE_STRING && p.getText().equals("bundle");
        } else if (name.equals("objects") && value == JsonToken.START_ARRAY) {
          sawObjects = true;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            long line = p.currentTokenLocation().getLineNr();
            JsonNode object = p.readValueAsTree();
            objects.add(object);
            if (object.path("id").isTextual()) {
              lines.putIfAbsent(object.get("id").asText(), line);
            }
          }
          if (p.currentToken() != JsonToken.END_ARRAY) {
            throw new ImportFormatException(
                "objects", "holds something other than STIX objects", line(p));
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ImportFormatException(
          "(body)", "is not valid JSON at line " + line + ": " + e.getOriginalMessage(), line);
    }
    if (!bundle || !sawObjects) {
      throw notABundle();
    }
    return objects;
  }

  private static ImportFormatException notABundle() {
    return new ImportFormatException(
        "(body)", "a STIX import is a bundle: {\"type\":\"bundle\",\"objects\":[...]}", 1);
  }

  private static long line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  private void index(List<JsonNode> objects) {
    for (JsonNode o : objects) {
      String id = o.path("id").asText("");
      if (!id.isEmpty()) {
        byId.putIfAbsent(id, o);
      }
      if ("marking-definition".equals(o.path("type").asText())) {
        Tlp tlp = StixTlp.declared(o);
        if (tlp != null) {
          markings.put(id, tlp);
        } else {
          notice(o, "not a TLP marking (" + describe(o) + "): not mapped to a disclosure level");
        }
      }
    }
  }

  private void map(List<JsonNode> objects) {
    Set<String> sightedIndicators = new HashSet<>();
    Set<String> sightedObservations = new HashSet<>();
    Set<String> observedScos = new HashSet<>();
    for (JsonNode o : objects) {
      String type = o.path("type").asText();
      if (type.equals("sighting")) {
        sightedIndicators.add(o.path("sighting_of_ref").asText());
        o.path("observed_data_refs").forEach(r -> sightedObservations.add(r.asText()));
      } else if (type.equals("observed-data")) {
        o.path("object_refs").forEach(r -> observedScos.add(r.asText()));
      } else if (type.equals("indicator")) {
        // an indicator's sightings may come later in the bundle; decided in the second pass
      }
    }
    boolean identityNoted = false;
    for (JsonNode o : objects) {
      String type = o.path("type").asText();
      String id = o.path("id").asText();
      if (o.path("revoked").asBoolean(false)) {
        notice(o, "is revoked: not imported (retract the sighting it gave, if any, by its id)");
        continue;
      }
      switch (type) {
        case "indicator" -> {
          if (!sightedIndicators.contains(id)) {
            indicator(o);
          }
        }
        case "sighting" -> sighting(o);
        case "observed-data" -> {
          if (!sightedObservations.contains(id)) {
            observedData(o);
          }
        }
        case "marking-definition" -> {}
        case "identity" -> {
          if (!identityNoted) {
            notice(
                o,
                "identity objects (and created_by_ref) are not used: the reporting agency is the one"
                    + " whose key signed the request");
            identityNoted = true;
          }
        }
        default -> {
          if (OBSERVABLES.contains(type) && observedScos.contains(id)) {
            break;
          }
          if (OBSERVABLES.contains(type)) {
            notice(
                o,
                "an observable outside observed-data is not a sighting (no time, no observer):"
                    + " not imported");
          } else {
            notice(o, "STIX " + type + " objects are not imported");
          }
        }
      }
    }
  }

  private void indicator(JsonNode o) {
    String patternType = o.path("pattern_type").asText("stix");
    if (!patternType.equals("stix")) {
      notice(o, "pattern_type " + patternType + " is not imported (only stix patterns are)");
      return;
    }
    StixPatterns.Match match = StixPatterns.parse(o.path("pattern").asText(null));
    if (!match.ok()) {
      notice(o, "pattern: " + match.unsupported());
      return;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("indicator", "pattern");
    labels.put("indicator.value", "pattern");
    labels.put("indicator.type", "pattern");
    labels.put("observedAt", "valid_from");
    emit(
        o,
        null,
        List.<String[]>of(new String[] {match.type(), match.value(), null}),
        o,
        time(o, labels, "valid_from"),
        labels);
  }

  private void sighting(JsonNode o) {
    Map<String, String> labels = new LinkedHashMap<>();
    String ofRef = o.path("sighting_of_ref").asText("");
    JsonNode indicator = byId.get(ofRef);
    List<String[]> values = new ArrayList<>();
    if (indicator != null && "indicator".equals(indicator.path("type").asText())) {
      String patternType = indicator.path("pattern_type").asText("stix");
      StixPatterns.Match match =
          patternType.equals("stix")
              ? StixPatterns.parse(indicator.path("pattern").asText(null))
              : new StixPatterns.Match(
                  null, null, "pattern_type " + patternType + " is not imported");
      if (!match.ok()) {
        notice(o, "sighting_of_ref " + ofRef + ": pattern: " + match.unsupported());
        return;
      }
      values.add(new String[] {match.type(), match.value(), null});
      labels.put("indicator.value", ofRef + " pattern");
    } else {
      for (JsonNode ref : o.path("observed_data_refs")) {
        JsonNode observed = byId.get(ref.asText());
        if (observed != null) {
          values.addAll(observables(observed));
        }
      }
      labels.put("indicator.value", "observed_data_refs");
      if (values.isEmpty()) {
        items.add(
            new ImportItem(
                line(o),
                o.path("id").asText(),
                null,
                List.of(
                    new FieldError(
                        "sighting_of_ref",
                        ofRef
                            + " is not an indicator in this bundle, and no observed data it refers"
                            + " to holds an observable Sightline reads")),
                Map.of()));
        return;
      }
    }
    labels.put("indicator", labels.get("indicator.value"));
    String observedAt = firstText(o, labels, "last_seen", "first_seen", "created");
    emit(o, indicator, values, o, observedAt, labels);
  }

  private void observedData(JsonNode o) {
    List<String[]> values = observables(o);
    if (values.isEmpty()) {
      notice(
          o, "holds no observable Sightline reads (url, domain-name, ip, email-addr, file hashes)");
      return;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("indicator.value", "object_refs");
    labels.put("indicator", "object_refs");
    emit(o, null, values, o, firstText(o, labels, "last_observed", "first_observed"), labels);
  }

  /** {type, value, suffix} for each readable observable of an observed-data object. */
  private List<String[]> observables(JsonNode observed) {
    List<String[]> values = new ArrayList<>();
    List<JsonNode> scos = new ArrayList<>();
    for (JsonNode ref : observed.path("object_refs")) {
      JsonNode sco = byId.get(ref.asText());
      if (sco == null) {
        notice(observed, "object_refs names " + ref.asText() + ", which is not in the bundle");
      } else {
        scos.add(sco);
      }
    }
    // STIX 2.0's embedded observables, still found in the wild.
    for (Iterator<JsonNode> it = observed.path("objects").elements(); it.hasNext(); ) {
      scos.add(it.next());
    }
    for (JsonNode sco : scos) {
      String type = sco.path("type").asText();
      String scoId = sco.path("id").asText(type);
      switch (type) {
        case "url" -> values.add(new String[] {"url", sco.path("value").asText(), scoId});
        case "domain-name" ->
            values.add(new String[] {"domain", sco.path("value").asText(), scoId});
        case "ipv4-addr", "ipv6-addr" ->
            values.add(new String[] {"ip", sco.path("value").asText(), scoId});
        case "email-addr" -> values.add(new String[] {"email", sco.path("value").asText(), scoId});
        case "file" -> {
          for (Iterator<Map.Entry<String, JsonNode>> h = sco.path("hashes").fields();
              h.hasNext(); ) {
            Map.Entry<String, JsonNode> hash = h.next();
            String hashType = StixPatterns.hashType(hash.getKey());
            if (hashType == null) {
              notice(
                  sco, "hash " + hash.getKey() + " is not one Sightline correlates: not imported");
            } else {
              values.add(new String[] {hashType, hash.getValue().asText(), scoId + "/" + hashType});
            }
          }
        }
        default -> notice(sco, "STIX " + type + " observables are not imported");
      }
    }
    return values;
  }

  /**
   * One item per value. {@code inheritFrom} (a sighting's indicator) lends its TLP, confidence and
   * labels when the object has none.
   */
  private void emit(
      JsonNode o,
      JsonNode inheritFrom,
      List<String[]> values,
      JsonNode own,
      String observedAt,
      Map<String, String> labels) {
    List<FieldError> errors = new ArrayList<>();
    Tlp tlp = tlp(own, errors);
    if (tlp == null && inheritFrom != null) {
      tlp = tlp(inheritFrom, errors);
    }
    labels.put("tlp", "object_marking_refs");
    if (own.has("granular_markings")) {
      notice(o, "granular_markings are not imported: the object-level marking is used");
    }
    JsonNode confidence =
        own.has("confidence") || inheritFrom == null
            ? own.get("confidence")
            : inheritFrom.get("confidence");
    String category = category(own);
    if (category == null && inheritFrom != null) {
      category = category(inheritFrom);
    }
    labels.put("category", "labels");
    String base =
        o.path("id").asText() + (o.hasNonNull("modified") ? "@" + o.get("modified").asText() : "");
    for (String[] v : values) {
      ObjectNode sighting = JSON.createObjectNode();
      String id = values.size() == 1 ? base : base + "#" + v[2];
      sighting.put("id", id.length() <= SightingValidator.MAX_ID_LENGTH ? id : hashed(id));
      if (observedAt != null) {
        sighting.put("observedAt", observedAt);
      }
      ObjectNode indicator = sighting.putObject("indicator");
      indicator.put("type", v[0]);
      indicator.put("value", v[1]);
      if (tlp != null) {
        sighting.put("tlp", tlp.name());
      }
      if (confidence != null && !confidence.isNull()) {
        sighting.set("confidence", confidence);
      }
      if (category != null) {
        sighting.put("category", category);
      }
      defaults.applyTo(sighting);
      List<FieldError> itemErrors = new ArrayList<>(errors);
      if (!sighting.hasNonNull("tlp")) {
        itemErrors.add(
            new FieldError(
                "tlp", "the object has no TLP marking and the import gives no default TLP"));
      }
      String ref = values.size() == 1 ? o.path("id").asText() : o.path("id").asText() + " " + v[2];
      items.add(
          new ImportItem(line(o), ref, itemErrors.isEmpty() ? sighting : null, itemErrors, labels));
    }
  }

  private Tlp tlp(JsonNode o, List<FieldError> errors) {
    Tlp tlp = null;
    for (JsonNode ref : o.path("object_marking_refs")) {
      Tlp level = markings.get(ref.asText());
      if (level == null) {
        level = StixTlp.WELL_KNOWN.get(ref.asText());
      }
      tlp = StixTlp.stricter(tlp, level);
    }
    return tlp;
  }

  private static String category(JsonNode o) {
    for (JsonNode label : o.path("labels")) {
      String c = ImportDefaults.category(label.asText());
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  private static String time(JsonNode o, Map<String, String> labels, String field) {
    return firstText(o, labels, field);
  }

  private static String firstText(JsonNode o, Map<String, String> labels, String... fields) {
    for (String f : fields) {
      if (o.path(f).isTextual()) {
        labels.put("observedAt", f);
        return o.get(f).asText();
      }
    }
    return null;
  }

  private static String hashed(String id) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return "stix-" + HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(JsonNode marking) {
    String type = marking.path("definition_type").asText("");
    return type.isEmpty() ? marking.path("name").asText("no definition_type") : type;
  }

  private long line(JsonNode o) {
    return lines.getOrDefault(o.path("id").asText(), 0L);
  }

  private void notice(JsonNode o, String reason) {
    String id = o.path("id").asText(o.path("type").asText("(object)"));
    notices.add(new ImportNotice(line(o), id, reason));
  }

  @Override
  public ImportItem next() {
    return items.poll();
  }

  @Override
  public void close() throws IOException {
    counted.close();
  }
}
