package org.sightline.imports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Indicators written as one string ({@code wallet:btc:1Boat...}) in the flat formats. */
final class JsonQualifier {

  private JsonQualifier() {}

  /**
   * Moves a neutral {@code qualifier} to where the sighting shape expects it: {@code chain} for a
   * wallet, {@code platform} for a username (other types keep it as {@code chain}, and validation
   * says it does not belong).
   */
  static void place(ObjectNode indicator, String type) {
    if (!indicator.has("qualifier")) {
      return;
    }
    String q = indicator.remove("qualifier").asText();
    indicator.put("username".equals(type) ? "platform" : "chain", q);
  }

  /**
   * {@code type:value}, {@code wallet:<chain>:<address>} or {@code username:<platform>:<name>};
   * null when it is none of these. The value keeps any further colons (URLs, IPv6).
   */
  static ObjectNode parseTyped(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return null;
    }
    String type = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String rest = text.substring(colon + 1).strip();
    ObjectNode indicator = JsonNodeFactory.instance.objectNode();
    indicator.put("type", type);
    if (type.equals("wallet") || type.equals("username")) {
      int second = rest.indexOf(':');
      if (second <= 0 || second == rest.length() - 1) {
        return null;
      }
      indicator.put(
          type.equals("wallet") ? "chain" : "platform", rest.substring(0, second).strip());
      rest = rest.substring(second + 1).strip();
    }
    indicator.put("value", rest);
    return indicator;
  }
}
