package org.sightline.imports;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The bulk formats agencies already hold, each with the name used in {@code ?format=} and on the
 * command line, and the media type that selects it at the intake.
 */
public enum ImportFormat {
  /** One sighting per line, in the JSON shape of {@code POST /api/v1/sightings}. */
  NDJSON("ndjson", "application/x-ndjson"),
  /** A header row naming the columns, then one sighting per record (RFC 4180). */
  CSV("csv", "text/csv"),
  /** A Project VIC (VICS 1.x or 2.0) JSON hash set or case export. */
  VICS("vics", "application/vnd.projectvic+json"),
  /** A STIX 2.1 bundle. */
  STIX("stix", "application/stix+json");

  private final String word;
  private final String mediaType;

  ImportFormat(String word, String mediaType) {
    this.word = word;
    this.mediaType = mediaType;
  }

  /** The name in {@code ?format=}, on the command line and in derived ids. */
  public String word() {
    return word;
  }

  public String mediaType() {
    return mediaType;
  }

  /** {@code ndjson} (or {@code jsonl}), {@code csv}, {@code vics}, {@code stix}. */
  public static Optional<ImportFormat> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.equals("jsonl")) {
      return Optional.of(NDJSON);
    }
    for (ImportFormat f : values()) {
      if (f.word.equals(n)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The format a Content-Type selects, parameters ignored. Besides the canonical types: {@code
   * application/jsonl}, {@code application/csv}, {@code text/tab-separated-values} is not CSV and
   * is refused, and TAXII's {@code application/taxii+json} is not a bundle.
   */
  public static Optional<ImportFormat> byMediaType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/x-ndjson",
          "application/ndjson",
          "application/jsonl",
          "application/x-jsonl" ->
          Optional.of(NDJSON);
      case "text/csv", "application/csv" -> Optional.of(CSV);
      case "application/vnd.projectvic+json", "application/vnd.vics+json" -> Optional.of(VICS);
      case "application/stix+json", "application/vnd.oasis.stix+json" -> Optional.of(STIX);
      default -> Optional.empty();
    };
  }

  /**
   * The format of a file, from its name and its first bytes: {@code .ndjson}/{@code .jsonl} and
   * {@code .csv} by name; a {@code .json} file is STIX when it is a bundle, VICS when it carries
   * OData metadata or a top-level {@code value} array, NDJSON when its first line is a whole
   * object. Empty when nothing fits.
   */
  public static Optional<ImportFormat> detect(String fileName, byte[] head) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
      return Optional.of(NDJSON);
    }
    if (name.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    String text = new String(head, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String compact = text.replaceAll("\\s+", "");
    if (compact.startsWith("{")) {
      if (compact.contains("\"type\":\"bundle\"")) {
        return Optional.of(STIX);
      }
      if (compact.contains("odata.metadata")
          || compact.contains("odata.context")
          || compact.startsWith("{\"value\":[")) {
        return Optional.of(VICS);
      }
      String first = text.strip().lines().findFirst().orElse("").strip();
      if (first.startsWith("{") && first.endsWith("}")) {
        return Optional.of(NDJSON);
      }
    }
    return Optional.empty();
  }
}
