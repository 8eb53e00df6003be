package org.sightline.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sightline.schema.Category;
import org.sightline.schema.Identification;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.sighting.FieldError;
import org.sightline.sighting.SightingValidator;

/**
 * Reads the public JSON shape of a sighting into the Avro record, naming every field that is
 * missing, of the wrong type or unknown. The shape:
 *
 * <pre>{"id":"...","observedAt":"2026-11-20T10:15:00Z","indicator":{"type":"url","value":"..."},
 * "category":"CSAM","confidence":80,"tlp":"GREEN","caseRef":"...","hostingCountry":"NL",
 * "shareWith":["BR","US"],
 * "related":[{"type":"wallet","chain":"btc","value":"..."}],
 * "identification":{"victimIdentified":true,"offenderIdentified":false,"series":"..."}}</pre>
 */
public final class SightingJson {

  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "observedAt",
          "indicator",
          "category",
          "confidence",
          "tlp",
          "caseRef",
          "hostingCountry",
          "related",
          "identification",
          "shareWith");
  private static final Set<String> INDICATOR_FIELDS =
      Set.of("type", "value", "chain", "platform", "quality");

  /** Fields that would let a sender claim to be someone else: refused, never ignored. */
  static final Set<String> IDENTITY_FIELDS = Set.of("agency", "agencyId", "country", "reporter");

  /**
   * The parsed sighting, or the reasons it was refused; {@code observedAtFilledIn} when the intake
   * gave it its observation time.
   */
  public record Result(Sighting sighting, List<FieldError> errors, boolean observedAtFilledIn) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private SightingJson() {}

  /**
   * @param region the reporting agency's country: the default region of phone numbers written
   *     without a country code
   */
  public static Result parse(JsonNode body, Instant now, String region) {
    return parse(body, now, region, null);
  }

  /**
   * @param observedAtDefault the observation time of a sighting that gives none (bulk formats often
   *     have none: a hash set); null when observedAt is required
   */
  public static Result parse(JsonNode body, Instant now, String region, Instant observedAtDefault) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      errors.add(new FieldError("(body)", "must be a JSON object"));
      return new Result(null, errors, false);
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (IDENTITY_FIELDS.contains(name)) {
        errors.add(
            new FieldError(
                name,
                "is not accepted: the reporting agency is the one whose key signed the request"));
      } else if (!FIELDS.contains(name)) {
        errors.add(
            name.isBlank()
                ? new FieldError("(empty name)", "a field without a name is not a sighting field")
                : new FieldError(name, "is not a sighting field"));
      }
    }
    Sighting.Builder b = Sighting.newBuilder().setReportedAt(now);
    b.setId(text(body, "id", true, errors));
    boolean filledIn = observedAtDefault != null && !body.hasNonNull("observedAt");
    b.setObservedAt(filledIn ? observedAtDefault : instant(body, "observedAt", errors));
    b.setIndicator(indicator(body.get("indicator"), "indicator", errors));
    b.setCategory(enumValue(body, "category", Category.class, Category.UNKNOWN, errors));
    b.setConfidence(confidence(body, errors));
    b.setTlp(tlp(body, errors));
    b.setCaseRef(text(body, "caseRef", false, errors));
    String hosting = text(body, "hostingCountry", false, errors);
    b.setHostingCountry(hosting == null ? null : hosting.strip().toUpperCase(Locale.ROOT));
    b.setRelated(related(body.get("related"), errors));
    b.setIdentification(identification(body.get("identification"), errors));
    b.setShareWith(shareWith(body.get("shareWith"), errors));
    if (!errors.isEmpty()) {
      return new Result(null, errors, filledIn);
    }
    Sighting sighting = b.build();
    errors.addAll(SightingValidator.validate(sighting, now, region));
    return new Result(errors.isEmpty() ? sighting : null, errors, filledIn);
  }

  private static String text(
      JsonNode node, String field, boolean required, List<FieldError> errors) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return required ? "" : null;
    }
    if (!v.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return required ? "" : null;
    }
    return v.asText();
  }

  private static Instant instant(JsonNode node, String field, List<FieldError> errors) {
    String v = text(node, field, true, errors);
    if (v.isEmpty()) {
      return Instant.EPOCH;
    }
    try {
      return Instants.parse(v);
    } catch (java.time.DateTimeException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-11-20T10:15:00Z"));
      return Instant.EPOCH;
    }
  }

  private static int confidence(JsonNode node, List<FieldError> errors) {
    JsonNode v = node.get("confidence");
    if (v == null || v.isNull()) {
      errors.add(new FieldError("confidence", "is required (0-100)"));
      return 0;
    }
    if (!v.isIntegralNumber()) {
      errors.add(new FieldError("confidence", "must be a whole number from 0 to 100"));
      return 0;
    }
    return v.asInt();
  }

  private static <E extends Enum<E>> E enumValue(
      JsonNode node, String field, Class<E> type, E fallback, List<FieldError> errors) {
    String v = text(node, field, fallback == null, errors);
    if (v == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        allowed.add(c.name());
      }
      errors.add(new FieldError(field, "'" + v + "' is not one of " + allowed));
      return fallback == null ? type.getEnumConstants()[0] : fallback;
    }
  }

  /** TLP 2.0's own spelling ({@code AMBER+STRICT}, {@code TLP:RED}) and Sightline's both. */
  private static Tlp tlp(JsonNode node, List<FieldError> errors) {
    String v = text(node, "tlp", true, errors);
    if (v.isEmpty()) {
      return Tlp.RED;
    }
    String name = org.sightline.imports.ImportDefaults.tlp(v);
    if (name == null) {
      errors.add(
          new FieldError(
              "tlp", "'" + v + "' is not one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED"));
      return Tlp.RED;
    }
    return Tlp.valueOf(name);
  }

  /** Named recipients: member country codes, upper-cased; validated with the rest. */
  private static List<String> shareWith(JsonNode node, List<FieldError> errors) {
    List<String> countries = new ArrayList<>();
    if (node == null || node.isNull()) {
      return countries;
    }
    if (!node.isArray()) {
      errors.add(new FieldError("shareWith", "must be an array of country codes such as [\"BR\"]"));
      return countries;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode c = node.get(i);
      if (!c.isTextual()) {
        errors.add(new FieldError("shareWith[" + i + "]", "must be a country code such as BR"));
      } else {
        countries.add(c.asText().strip().toUpperCase(Locale.ROOT));
      }
    }
    return countries;
  }

  /**
   * One indicator object ({@code type}, {@code value}, optional {@code chain}, {@code platform},
   * {@code quality}), its problems added to {@code errors} under {@code path}: for a sighting, and
   * for a lookup.
   */
  public static Indicator indicator(JsonNode node, String path, List<FieldError> errors) {
    Indicator placeholder = new Indicator(IndicatorType.URL, "", null, null);
    if (node == null || node.isNull()) {
      errors.add(new FieldError(path, "is required"));
      return placeholder;
    }
    if (!node.isObject()) {
      errors.add(new FieldError(path, "must be an object with type and value"));
      return placeholder;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!INDICATOR_FIELDS.contains(name)) {
        errors.add(new FieldError(path + "." + name, "is not an indicator field"));
      }
    }
    List<FieldError> local = new ArrayList<>();
    String type = text(node, "type", true, local);
    String value = text(node, "value", true, local);
    String chain = text(node, "chain", false, local);
    String platform = text(node, "platform", false, local);
    Integer quality = null;
    JsonNode q = node.get("quality");
    if (q != null && !q.isNull()) {
      if (!q.isIntegralNumber() || q.asInt() < 0 || q.asInt() > 100) {
        local.add(new FieldError("quality", "must be a whole number from 0 to 100"));
      } else {
        quality = q.asInt();
      }
    }
    IndicatorType indicatorType = null;
    if (!type.isEmpty()) {
      try {
        indicatorType = IndicatorType.valueOf(type.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        local.add(
            new FieldError(
                "type",
                "'"
                    + type
                    + "' is not an indicator type; use one of "
                    + java.util.Arrays.stream(IndicatorType.values())
                        .map(t -> t.name().toLowerCase(Locale.ROOT))
                        .toList()));
      }
    }
    local.forEach(e -> errors.add(new FieldError(path + "." + e.field(), e.reason())));
    if (indicatorType == null) {
      return placeholder;
    }
    return new Indicator(indicatorType, value, chain != null ? chain : platform, quality);
  }

  private static List<Indicator> related(JsonNode node, List<FieldError> errors) {
    List<Indicator> related = new ArrayList<>();
    if (node == null || node.isNull()) {
      return related;
    }
    if (!node.isArray()) {
      errors.add(new FieldError("related", "must be an array of indicators"));
      return related;
    }
    for (int i = 0; i < node.size(); i++) {
      related.add(indicator(node.get(i), "related[" + i + "]", errors));
    }
    return related;
  }

  private static Identification identification(JsonNode node, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      errors.add(new FieldError("identification", "must be an object"));
      return null;
    }
    Identification.Builder b = Identification.newBuilder();
    b.setVictimIdentified(bool(node, "victimIdentified", errors));
    b.setOffenderIdentified(bool(node, "offenderIdentified", errors));
    JsonNode series = node.get("series");
    if (series != null && !series.isNull()) {
      if (series.isTextual()) {
        b.setSeries(series.asText());
      } else {
        errors.add(new FieldError("identification.series", "must be a string"));
      }
    }
    return b.build();
  }

  private static Boolean bool(JsonNode node, String field, List<FieldError> errors) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      errors.add(new FieldError("identification." + field, "must be true or false"));
      return null;
    }
    return v.asBoolean();
  }
}
