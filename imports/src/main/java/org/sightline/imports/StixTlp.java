package org.sightline.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import org.sightline.schema.Tlp;

/**
 * TLP markings in STIX: the fixed marking-definition ids of TLP 2.0 (the OASIS extension) and of
 * TLP 1.0 (predefined by STIX 2.1), and marking definitions in a bundle that declare a level
 * themselves. TLP 1.0 WHITE is TLP 2.0 CLEAR; STIX has no TLP 1.0 AMBER+STRICT.
 */
public final class StixTlp {

  /** The TLP 2.0 extension definition (OASIS cti-stix-common-objects). */
  public static final String TLP2_EXTENSION =
      "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

  public static final Map<String, Tlp> WELL_KNOWN =
      Map.of(
          // TLP 2.0
          "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", Tlp.CLEAR,
          "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", Tlp.GREEN,
          "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", Tlp.AMBER,
          "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", Tlp.AMBER_STRICT,
          "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", Tlp.RED,
          // TLP 1.0, predefined in STIX 2.1
          "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Tlp.CLEAR,
          "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Tlp.GREEN,
          "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Tlp.AMBER,
          "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Tlp.RED);

  private StixTlp() {}

  /**
   * The level a marking-definition object declares — {@code definition_type: "tlp"} with {@code
   * definition.tlp}, or the TLP 2.0 extension's {@code tlp_2_0} — or null when it is not a TLP
   * marking (a statement, a copyright).
   */
  public static Tlp declared(JsonNode marking) {
    Tlp known = WELL_KNOWN.get(marking.path("id").asText());
    if (known != null) {
      return known;
    }
    JsonNode ext = marking.path("extensions").path(TLP2_EXTENSION).path("tlp_2_0");
    if (ext.isTextual()) {
      return level(ext.asText());
    }
    if ("tlp".equals(marking.path("definition_type").asText())) {
      return level(marking.path("definition").path("tlp").asText());
    }
    return null;
  }

  static Tlp level(String text) {
    String v = text.strip().toUpperCase(Locale.ROOT).replace("TLP:", "").replace('+', '_');
    if (v.equals("WHITE")) {
      return Tlp.CLEAR;
    }
    try {
      return Tlp.valueOf(v);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The more restrictive of two levels (RED is the most). */
  static Tlp stricter(Tlp a, Tlp b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
