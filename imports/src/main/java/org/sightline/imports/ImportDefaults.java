package org.sightline.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sightline.schema.Category;
import org.sightline.schema.Tlp;

/**
 * Values for a whole import, given by the sender ({@code ?tlp=AMBER} at the intake, {@code --tlp
 * AMBER} on the command line), for the fields an item leaves out. Formats without TLP or confidence
 * (VICS) need them; no value is ever guessed for the sender.
 *
 * @param tlp a {@link Tlp} name, or null
 * @param category a {@link Category} name, or null
 * @param confidence 0-100, or null
 * @param caseRef the agency's case reference, or null
 * @param vicsCategories VICS category number to a {@link Category} name, or to {@link #SKIP} for
 *     hashes that are not reported at all (non-pertinent material)
 */
public record ImportDefaults(
    String tlp,
    String category,
    Integer confidence,
    String caseRef,
    Map<Integer, String> vicsCategories) {

  /** A VICS category mapped to this is left out of the import, and the report says so. */
  public static final String SKIP = "SKIP";

  /**
   * Project VIC's categories as the US and default profiles number them: 0 non-pertinent, 1 child
   * abuse material, 2 child exploitative (not abuse material, or age difficult). Other numbers have
   * no meaning shared across national profiles; they import as UNKNOWN unless the sender maps them.
   */
  public static final Map<Integer, String> VICS_CATEGORIES =
      Map.of(0, SKIP, 1, Category.CSAM.name(), 2, Category.CSEM_OTHER.name());

  public static final ImportDefaults NONE =
      new ImportDefaults(null, null, null, null, VICS_CATEGORIES);

  public ImportDefaults {
    vicsCategories =
        vicsCategories == null
            ? VICS_CATEGORIES
            : Collections.unmodifiableMap(new LinkedHashMap<>(vicsCategories));
  }

  /**
   * Reads and checks the sender's values: names are case-insensitive, {@code AMBER+STRICT} and
   * {@code WHITE} (TLP 1.0 for CLEAR) are understood. {@code vicsCategories} is {@code
   * 1=CSAM,2=CSEM_OTHER,0=SKIP}; the numbers it names replace those of {@link #VICS_CATEGORIES}.
   *
   * @throws ImportFormatException naming the parameter that is wrong
   */
  public static ImportDefaults parse(
      String tlp, String category, Integer confidence, String caseRef, String vicsCategories) {
    String t = blank(tlp) ? null : tlp(tlp);
    if (!blank(tlp) && t == null) {
      throw new ImportFormatException(
          "tlp", "'" + tlp + "' is not one of " + Arrays.toString(Tlp.values()));
    }
    String c = blank(category) ? null : category(category);
    if (!blank(category) && c == null) {
      throw new ImportFormatException(
          "category", "'" + category + "' is not one of " + Arrays.toString(Category.values()));
    }
    if (confidence != null && (confidence < 0 || confidence > 100)) {
      throw new ImportFormatException("confidence", "must be from 0 to 100, was " + confidence);
    }
    Map<Integer, String> vics = new LinkedHashMap<>(VICS_CATEGORIES);
    if (!blank(vicsCategories)) {
      for (String pair : vicsCategories.split(",")) {
        String[] kv = pair.split("=", 2);
        String mapped = kv.length == 2 ? kv[1].strip().toUpperCase(Locale.ROOT) : null;
        Integer number = kv.length == 2 ? integer(kv[0].strip()) : null;
        if (number == null
            || mapped == null
            || (!mapped.equals(SKIP) && category(mapped) == null)) {
          throw new ImportFormatException(
              "vicsCategories",
              "'"
                  + pair.strip()
                  + "' is not <VICS category number>=<"
                  + String.join("|", Arrays.stream(Category.values()).map(Enum::name).toList())
                  + "|SKIP>");
        }
        vics.put(number, mapped.equals(SKIP) ? SKIP : category(mapped));
      }
    }
    return new ImportDefaults(t, c, confidence, blank(caseRef) ? null : caseRef.strip(), vics);
  }

  /** Fills the fields the item leaves out; what the item says always wins. */
  public void applyTo(ObjectNode sighting) {
    if (tlp != null && !sighting.hasNonNull("tlp")) {
      sighting.put("tlp", tlp);
    }
    if (category != null && !sighting.hasNonNull("category")) {
      sighting.put("category", category);
    }
    if (confidence != null && !sighting.hasNonNull("confidence")) {
      sighting.put("confidence", confidence);
    }
    if (caseRef != null && !sighting.hasNonNull("caseRef")) {
      sighting.put("caseRef", caseRef);
    }
  }

  /** A TLP name in Sightline's spelling, or null: {@code amber+strict}, {@code white} accepted. */
  public static String tlp(String value) {
    String v = value.strip().toUpperCase(Locale.ROOT).replace('+', '_').replace("TLP:", "");
    if (v.equals("WHITE")) {
      return Tlp.CLEAR.name();
    }
    for (Tlp t : Tlp.values()) {
      if (t.name().equals(v)) {
        return v;
      }
    }
    return null;
  }

  /** A category name in Sightline's spelling, or null. */
  public static String category(String value) {
    String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (Category c : Category.values()) {
      if (c.name().equals(v)) {
        return v;
      }
    }
    return null;
  }

  private static Integer integer(String s) {
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
