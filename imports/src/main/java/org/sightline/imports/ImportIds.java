package org.sightline.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ids for sightings whose source has none (a CSV row without an id, any VICS hash): derived from
 * the format and the normalised content, so importing the same file again gives the same ids and
 * the intake recognises every line as already held.
 *
 * <p>The agency is not part of the hash: ids are scoped by agency everywhere (the intake's receipt
 * index, the agency's own topic, the processor's dedupe), so two agencies importing the same hash
 * set get the same ids and still two sightings, as they should.
 */
public final class ImportIds {

  /** Fields whose case carries no meaning: spelled in upper or lower case, one id. */
  private static final Set<String> UPPER = Set.of("tlp", "category", "hostingCountry");

  private static final Set<String> LOWER = Set.of("type", "chain", "platform");

  private ImportIds() {}

  /**
   * {@code <format>-<32 hex digits>}: 128 bits of SHA-256 over the format and the sighting without
   * its id, keys sorted, strings stripped, enumerations in one case.
   */
  public static String derive(ImportFormat format, ObjectNode sighting) {
    StringBuilder canonical = new StringBuilder(256).append(format.word()).append('\n');
    write(sighting, null, canonical, true);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return format.word() + "-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static void write(JsonNode node, String name, StringBuilder out, boolean top) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String n = it.next();
        if (!(top && n.equals("id")) && !node.get(n).isNull()) {
          names.add(n);
        }
      }
      Collections.sort(names);
      out.append('{');
      for (String n : names) {
        quote(n, out);
        out.append(':');
        write(node.get(n), n, out, false);
        out.append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode element : node) {
        write(element, null, out, false);
        out.append(',');
      }
      out.append(']');
    } else if (node.isTextual()) {
      String v = node.asText().strip();
      if (UPPER.contains(name)) {
        v = v.toUpperCase(Locale.ROOT);
      } else if (LOWER.contains(name)) {
        v = v.toLowerCase(Locale.ROOT);
      }
      quote(v, out);
    } else {
      out.append(node.toString());
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }
}
