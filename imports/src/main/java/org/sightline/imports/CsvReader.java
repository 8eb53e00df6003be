package org.sightline.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.sightline.sighting.FieldError;

/**
 * CSV with a header row (RFC 4180; comma, semicolon or tab, found from the header). Column names
 * are matched ignoring case, spaces, {@code -} and {@code _} ({@code observed_at}, {@code
 * observedAt} and {@code Observed At} are one column). The columns:
 *
 * <pre>
 * id                  sighting id (derived from the row when absent or empty)
 * observed_at         ISO-8601 instant
 * type                indicator type: url, domain, host, ip, md5, sha1, sha256, pdq, photodna,
 *                     wallet, email, phone, username        (required column)
 * value               the indicator                          (required column)
 * qualifier           wallet chain or username platform (also: chain, platform)
 * quality             PDQ quality 0-100
 * category, confidence, tlp, case_ref, hosting_country
 * victim_identified, offender_identified   true/false, yes/no, 1/0
 * series              identified series name
 * related             related indicators, '|'-separated: type:value, wallet:chain:address,
 *                     username:platform:name
 * </pre>
 *
 * A column naming an agency or country ({@code agency}, {@code agency_id}, {@code country}, {@code
 * reporter}) refuses the whole file: the agency is the one whose key signed the request. Other
 * unknown columns are reported and not imported.
 */
final class CsvReader extends QueuedNoticesReader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Normalised column name to the sighting field it fills. */
  private static final Map<String, String> COLUMNS = new HashMap<>();

  static {
    COLUMNS.put("id", "id");
    COLUMNS.put("observedat", "observedAt");
    COLUMNS.put("observed", "observedAt");
    COLUMNS.put("type", "indicator.type");
    COLUMNS.put("indicatortype", "indicator.type");
    COLUMNS.put("value", "indicator.value");
    COLUMNS.put("indicator", "indicator.value");
    COLUMNS.put("indicatorvalue", "indicator.value");
    COLUMNS.put("qualifier", "indicator.qualifier");
    COLUMNS.put("chain", "indicator.qualifier");
    COLUMNS.put("platform", "indicator.qualifier");
    COLUMNS.put("quality", "indicator.quality");
    COLUMNS.put("category", "category");
    COLUMNS.put("confidence", "confidence");
    COLUMNS.put("tlp", "tlp");
    COLUMNS.put("caseref", "caseRef");
    COLUMNS.put("hostingcountry", "hostingCountry");
    COLUMNS.put("victimidentified", "identification.victimIdentified");
    COLUMNS.put("offenderidentified", "identification.offenderIdentified");
    COLUMNS.put("series", "identification.series");
    COLUMNS.put("related", "related");
  }

  private static final Set<String> IDENTITY = Set.of("agency", "agencyid", "country", "reporter");

  private final ImportDefaults defaults;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final int headerSize;

  /** Column index to sighting field, for the known columns. */
  private final Map<Integer, String> fields = new LinkedHashMap<>();

  private final Map<String, String> labels = new HashMap<>();

  CsvReader(CountingInputStream counted, ImportDefaults defaults) throws IOException {
    super(counted);
    this.defaults = defaults;
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 64 * 1024);
    reader.mark(64 * 1024);
    String headerLine = reader.readLine();
    reader.reset();
    if (headerLine == null || headerLine.isBlank()) {
      throw new ImportFormatException(
          "(header)", "a CSV import starts with a header row naming its columns (type,value,...)");
    }
    if (headerLine.startsWith("\uFEFF")) {
      reader.skip(1);
      headerLine = headerLine.substring(1);
    }
    char delimiter = delimiter(headerLine);
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setTrim(true)
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY)
            .get();
    try {
      this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ImportFormatException("(header)", "cannot be read: " + e.getMessage(), 1);
    }
    List<String> header = parser.getHeaderNames();
    this.headerSize = header.size();
    boolean type = false;
    boolean value = false;
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      String normal = normalise(name);
      if (normal.isEmpty()) {
        continue;
      }
      if (IDENTITY.contains(normal)) {
        throw new ImportFormatException(
            name,
            "is not accepted: the reporting agency is the one whose key signed the request",
            1);
      }
      String field = COLUMNS.get(normal);
      if (field == null) {
        notices.add(
            new ImportNotice(1, name, "is not a Sightline column: its values are not imported"));
        continue;
      }
      if (fields.containsValue(field)) {
        throw new ImportFormatException(
            name, "fills the same field (" + field + ") as an earlier column", 1);
      }
      fields.put(i, field);
      labels.put(field, name);
      type |= field.equals("indicator.type");
      value |= field.equals("indicator.value");
    }
    if (!type || !value) {
      throw new ImportFormatException(
          "(header)",
          "needs the columns type and value (the indicator); found " + String.join(",", header),
          1);
    }
    labels.put("indicator", labels.get("indicator.value"));
    String qualifier = labels.get("indicator.qualifier");
    if (qualifier != null) {
      labels.put("indicator.chain", qualifier);
      labels.put("indicator.platform", qualifier);
    }
    this.records = parser.iterator();
  }

  @Override
  public ImportItem next() {
    CSVRecord record;
    try {
      if (!records.hasNext()) {
        return null;
      }
      record = records.next();
    } catch (UncheckedIOException | IllegalStateException e) {
      long line = parser.getCurrentLineNumber() + 1;
      throw new ImportFormatException(
          "(line)",
          "line " + line + " cannot be read as CSV (" + rootMessage(e) + "); nothing after it is",
          line);
    }
    long line = parser.getCurrentLineNumber() - lineBreaksIn(record);
    List<FieldError> errors = new ArrayList<>();
    if (record.size() > headerSize) {
      errors.add(
          new FieldError(
              "(line)", "has " + record.size() + " fields where the header names " + headerSize));
      return new ImportItem(line, null, null, errors, labels);
    }
    ObjectNode sighting = NODES.objectNode();
    ObjectNode indicator = sighting.putObject("indicator");
    String type = null;
    for (Map.Entry<Integer, String> column : fields.entrySet()) {
      if (column.getKey() >= record.size()) {
        continue;
      }
      String cell = record.get(column.getKey());
      if (cell == null || cell.isEmpty()) {
        continue;
      }
      String field = column.getValue();
      switch (field) {
        case "indicator.type" -> {
          type = cell.toLowerCase(Locale.ROOT);
          indicator.put("type", cell);
        }
        case "indicator.value" -> indicator.put("value", cell);
        case "indicator.qualifier" -> indicator.put("qualifier", cell);
        case "indicator.quality" ->
            integer(cell, "indicator.quality", indicator, "quality", errors);
        case "confidence" -> integer(cell, "confidence", sighting, "confidence", errors);
        case "identification.victimIdentified", "identification.offenderIdentified" -> {
          Boolean b = bool(cell);
          if (b == null) {
            errors.add(new FieldError(field, "'" + cell + "' is not true/false, yes/no or 1/0"));
          } else {
            identification(sighting).put(field.substring(field.indexOf('.') + 1), b);
          }
        }
        case "identification.series" -> identification(sighting).put("series", cell);
        case "related" -> related(cell, sighting, errors);
        default -> sighting.put(field, cell);
      }
    }
    JsonQualifier.place(indicator, type);
    if (!errors.isEmpty()) {
      return new ImportItem(line, null, null, errors, labels);
    }
    defaults.applyTo(sighting);
    if (!sighting.hasNonNull("id")) {
      sighting.put("id", ImportIds.derive(ImportFormat.CSV, sighting));
    }
    return new ImportItem(line, null, sighting, List.of(), labels);
  }

  private static ObjectNode identification(ObjectNode sighting) {
    return sighting.has("identification")
        ? (ObjectNode) sighting.get("identification")
        : sighting.putObject("identification");
  }

  private static void related(String cell, ObjectNode sighting, List<FieldError> errors) {
    ArrayNode related = sighting.putArray("related");
    for (String part : cell.split("\\|")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      ObjectNode indicator = JsonQualifier.parseTyped(p);
      if (indicator == null) {
        errors.add(
            new FieldError(
                "related",
                "'"
                    + p
                    + "' is not type:value (wallet:<chain>:<address>, username:<platform>:<name>)"));
      } else {
        related.add(indicator);
      }
    }
  }

  private static void integer(
      String cell, String field, ObjectNode target, String name, List<FieldError> errors) {
    try {
      target.put(name, Integer.parseInt(cell));
    } catch (NumberFormatException e) {
      errors.add(new FieldError(field, "'" + cell + "' is not a whole number"));
    }
  }

  private static Boolean bool(String cell) {
    return switch (cell.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1" -> Boolean.TRUE;
      case "false", "no", "n", "0" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static long lineBreaksIn(CSVRecord record) {
    long n = 0;
    for (String value : record) {
      if (value != null) {
        n += value.chars().filter(c -> c == '\n').count();
      }
    }
    return n;
  }

  static String normalise(String column) {
    StringBuilder b = new StringBuilder(column.length());
    for (int i = 0; i < column.length(); i++) {
      char c = column.charAt(i);
      if (c != ' ' && c != '_' && c != '-') {
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  private static char delimiter(String header) {
    int commas = count(header, ',');
    int semicolons = count(header, ';');
    int tabs = count(header, '\t');
    if (tabs > commas && tabs > semicolons) {
      return '\t';
    }
    return semicolons > commas ? ';' : ',';
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
