package org.sightline.deploy.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes rendered objects as YAML, the same bytes every time: no document start marker of Jackson's
 * own (documents are joined with {@code ---}), nulls and empty values left out, maps in the order
 * they were built, numbers that are strings kept quoted.
 */
final class Yaml {

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                  // Strimzi's polymorphic types carry their own `type` property: no YAML tags.
                  .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
                  .disable(YAMLGenerator.Feature.USE_NATIVE_OBJECT_ID)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .build())
          .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private Yaml() {}

  static String document(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** Several documents in one file, separated by {@code ---}, under a comment header. */
  static String documents(String header, List<?> values) {
    StringBuilder out = new StringBuilder(header);
    for (Object value : values) {
      out.append("---\n").append(document(value));
    }
    return out.toString();
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }
}
