package org.sightline.standards.stix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.sightline.schema.Alert;
import org.sightline.schema.Disclosure;

/**
 * A recipient's alerts as a STIX 2.1 bundle, for the tools agencies already run (OpenCTI, MISP's
 * STIX import, a TAXII client): per alert an {@code indicator} (its canonical key as a STIX
 * pattern) and a {@code sighting} of it (first and last seen, the member agencies of the countries
 * involved as {@code identity} groups, as far as the alert discloses them), created by the
 * federation's {@code identity} and marked with a TLP 2.0 marking definition. Nothing is added that
 * the alert does not already show its recipient; an alert superseded by a later one in the same set
 * is left out.
 *
 * <p>Ids are name-based (UUID v5 of the alert's own deterministic id), so the same alert exported
 * twice is the same object, and a tool that imports both keeps one.
 */
public final class StixAlerts {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** STIX's namespace for name-based ids of its cyber-observables; ours for the rest. */
  private static final UUID NAMESPACE = UUID.fromString("6d0a2c37-1b9e-5a4c-9f0b-5e2f3c1a7d44");

  /** The TLP 2.0 extension's marking definitions, as OASIS publishes them (fixed ids). */
  static final String TLP_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

  static final String TLP_AUTHOR = "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01";

  static final Map<String, String> TLP_MARKINGS =
      Map.of(
          "clear", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
          "green", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
          "amber", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
          "amber+strict", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
          "red", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

  private static final DateTimeFormatter STIX_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  private StixAlerts() {}

  /** The federation as the author of every object. */
  static final String SIGHTLINE = "identity--" + uuid("sightline-federation");

  /**
   * The bundle of {@code alerts}, all for one recipient; its id is named after the alerts' ids, so
   * the same set gives the same bundle.
   */
  public static ObjectNode bundle(List<Alert> alerts) {
    Set<String> superseded = new HashSet<>();
    alerts.forEach(
        a -> {
          if (a.getSupersedes() != null) {
            superseded.add(a.getSupersedes());
          }
        });
    Map<String, ObjectNode> objects = new LinkedHashMap<>();
    Instant earliest = null;
    for (Alert alert : alerts) {
      earliest =
          earliest == null || alert.getCreatedAt().isBefore(earliest)
              ? alert.getCreatedAt()
              : earliest;
    }
    objects.put(SIGHTLINE, identity(earliest == null ? Instant.EPOCH : earliest));
    Set<String> markings = new HashSet<>();
    StringBuilder ids = new StringBuilder();
    for (Alert alert : alerts) {
      if (superseded.contains(alert.getId())) {
        continue;
      }
      ids.append(alert.getId()).append('\n');
      String tlp = tlp(alert);
      markings.add(tlp);
      ObjectNode indicator = indicator(alert, tlp);
      objects.put(indicator.get("id").asText(), indicator);
      List<String> places = new ArrayList<>();
      for (String country : alert.getCountries()) {
        ObjectNode members = members(country);
        places.add(members.get("id").asText());
        objects.putIfAbsent(members.get("id").asText(), members);
      }
      ObjectNode sighting = sighting(alert, indicator.get("id").asText(), places, tlp);
      objects.put(sighting.get("id").asText(), sighting);
    }
    for (String tlp : markings) {
      ObjectNode marking = marking(tlp);
      objects.put(marking.get("id").asText(), marking);
    }
    ObjectNode bundle = JSON.createObjectNode();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + uuid("bundle\n" + ids));
    ArrayNode list = bundle.putArray("objects");
    objects.values().forEach(list::add);
    return bundle;
  }

  /**
   * How the recipient may pass an alert on: a hit/no-hit notice only inside its organisation
   * (AMBER+STRICT: that someone else holds it is itself sensitive), anything else to its
   * organisation and those who need it to act (AMBER). The alerts are never for the public.
   */
  static String tlp(Alert alert) {
    return alert.getDisclosure() == Disclosure.HIT_NO_HIT ? "amber+strict" : "amber";
  }

  static ObjectNode identity(Instant created) {
    ObjectNode o = base("identity", SIGHTLINE, created);
    o.put("name", "Sightline federation");
    o.put("identity_class", "system");
    o.put(
        "description",
        "The backbone that correlates member agencies' sightings across borders; the alerts it"
            + " raises for one member.");
    return o;
  }

  static ObjectNode indicator(Alert alert, String tlp) {
    ObjectNode o =
        base(
            "indicator", "indicator--" + uuid("indicator\n" + alert.getId()), alert.getCreatedAt());
    o.put("created_by_ref", SIGHTLINE);
    o.put(
        "name",
        alert.getReason().name().toLowerCase(Locale.ROOT).replace('_', '-')
            + " "
            + alert.getIndicator());
    o.put("description", alert.getMessage());
    o.putArray("indicator_types").add("malicious-activity");
    o.put("pattern", StixPatterns.of(alert.getIndicator()));
    o.put("pattern_type", "stix");
    o.put("valid_from", time(alert.getFirstSeen()));
    o.putArray("labels")
        .add("sightline-" + alert.getReason().name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .add("severity-" + alert.getSeverity().name().toLowerCase(Locale.ROOT));
    o.putArray("object_marking_refs").add(TLP_MARKINGS.get(tlp));
    ArrayNode refs = o.putArray("external_references");
    refs.addObject().put("source_name", "sightline").put("external_id", alert.getId());
    return o;
  }

  static ObjectNode sighting(Alert alert, String indicatorId, List<String> places, String tlp) {
    ObjectNode o =
        base("sighting", "sighting--" + uuid("sighting\n" + alert.getId()), alert.getCreatedAt());
    o.put("created_by_ref", SIGHTLINE);
    o.put("sighting_of_ref", indicatorId);
    Instant first = alert.getFirstSeen();
    Instant last = alert.getLastSeen().isBefore(first) ? first : alert.getLastSeen();
    o.put("first_seen", time(first));
    o.put("last_seen", time(last));
    if (!alert.getSightingIds().isEmpty()) {
      o.put("count", Math.min(alert.getSightingIds().size(), 999_999_999));
    }
    if (!places.isEmpty()) {
      ArrayNode where = o.putArray("where_sighted_refs");
      places.forEach(where::add);
    }
    o.putArray("object_marking_refs").add(TLP_MARKINGS.get(tlp));
    return o;
  }

  /**
   * The member agencies of one country, where a sighting was made; the same object whichever alert
   * names it. An identity rather than a location: the OASIS bundle schema lists no location.
   */
  static ObjectNode members(String country) {
    ObjectNode o = base("identity", "identity--" + uuid("country\n" + country), Instant.EPOCH);
    o.put("created_by_ref", SIGHTLINE);
    o.put("name", "Member agencies of " + country);
    o.put("identity_class", "group");
    o.putArray("sectors").add("government-public-services");
    o.put("contact_information", "Through the Sightline secretariat");
    return o;
  }

  /** A TLP 2.0 marking definition as the OASIS extension defines it. */
  static ObjectNode marking(String tlp) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "marking-definition");
    o.put("spec_version", "2.1");
    o.put("id", TLP_MARKINGS.get(tlp));
    o.put("created_by_ref", TLP_AUTHOR);
    o.put("created", "2022-10-01T00:00:00.000Z");
    o.put("name", "TLP:" + tlp.toUpperCase(Locale.ROOT));
    o.putObject("extensions")
        .putObject(TLP_EXTENSION)
        .put("extension_type", "property-extension")
        .put("tlp_2_0", tlp);
    return o;
  }

  private static ObjectNode base(String type, String id, Instant created) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", time(created));
    o.put("modified", time(created));
    return o;
  }

  /** STIX's timestamp form, to the millisecond. */
  public static String time(Instant t) {
    return STIX_TIME.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  /** A name-based UUID (version 5, SHA-1) in Sightline's namespace: stable ids for any name. */
  public static UUID uuid(String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(toBytes(NAMESPACE));
      byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
      long msb = 0;
      long lsb = 0;
      for (int i = 0; i < 8; i++) {
        msb = (msb << 8) | (hash[i] & 0xff);
        lsb = (lsb << 8) | (hash[i + 8] & 0xff);
      }
      return new UUID(msb, lsb);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
  }

  private static byte[] toBytes(UUID u) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (u.getMostSignificantBits() >>> (56 - 8 * i));
      b[i + 8] = (byte) (u.getLeastSignificantBits() >>> (56 - 8 * i));
    }
    return b;
  }
}
