package org.sightline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * "Is this known?" from the command line: one indicator, or a list of them (one {@code type:value}
 * per line, or the CSV {@code sightline hash} prints: each image's SHA-256 and PDQ), asked of the
 * intake in batches, answered as CSV. Every lookup is audited, and holders of facts the agency may
 * not see are told that its country asked.
 */
@Command(
    name = "lookup",
    description = {
      "Ask whether indicators are known and what your agency may see of them; CSV out.",
      "  sightline lookup --type sha256 VALUE       one indicator",
      "  sightline lookup hashes.txt                one type:value per line (sha256:…, url:…)",
      "  sightline hash *.jpg | sightline lookup -  the CSV of sightline hash: SHA-256 and PDQ",
      "Every lookup is recorded; the holders of what you may not see learn that your country asked.",
      "Exit 0 answered, 2 invalid input, 3 intake unavailable: run again."
    })
final class LookupCommand implements Callable<Integer> {

  /** Indicators per request: well under the intake's 100,000, so progress shows. */
  static final int BATCH = 10_000;

  static final String HEADER =
      "input,key,known,disclosure,agencies,countries,sightings,first_seen,last_seen,categories,"
          + "identified,iwol_listed_at,undisclosed_holders,error";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(
      index = "0",
      paramLabel = "VALUE|FILE|-",
      description = "With --type: the value; otherwise a file of indicators, or - for stdin")
  String input;

  @Option(names = "--type", description = "The type of the one VALUE: sha256, md5, pdq, url, …")
  String type;

  /** --intake, --key. */
  @Mixin IntakeOptions agency = new IntakeOptions();

  /**
   * --federation-key, --country: in a federation that keeps personal identifiers as pseudonyms, an
   * address is asked about by its pseudonym, made here, as it was published.
   */
  @Mixin PseudonymOptions pseudonyms = new PseudonymOptions();

  @Option(names = "--no-progress", description = "No progress bar (a line every 10 s instead)")
  boolean noProgress;

  PrintStream out = System.out;
  PrintStream err = System.err;
  Reader stdin = new InputStreamReader(System.in, StandardCharsets.UTF_8);

  /** One indicator to ask about, and how the output names it. */
  record Item(String label, ObjectNode indicator) {}

  @Override
  public Integer call() throws Exception {
    if (!agency.hasKey()) {
      err.println("lookup: the agency's API key is required (--key or SIGHTLINE_API_KEY)");
      return CanonCommand.INVALID;
    }
    List<Item> items;
    try {
      items = type != null ? List.of(item(input, type, input, null)) : read();
      org.sightline.indicator.FederationKey key = pseudonyms.key();
      for (int i = 0; i < items.size(); i++) {
        pseudonyms.pseudonymiseIndicator(items.get(i).indicator(), items.get(i).label(), key);
      }
    } catch (IllegalArgumentException e) {
      err.println("lookup: " + e.getMessage());
      return CanonCommand.INVALID;
    }
    IntakeClient client = agency.client();
    out.println(HEADER);
    try (ProgressBar progress = progress(items.size())) {
      for (int from = 0; from < items.size(); from += BATCH) {
        List<Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode indicators = body.putArray("indicators");
        batch.forEach(i -> indicators.add(i.indicator()));
        HttpResponse<String> response;
        try {
          response = client.post("/api/v1/lookup", "application/json", body.toString());
        } catch (IOException e) {
          err.println(
              "lookup: cannot reach the intake at " + agency.intake + ": " + e.getMessage());
          return IntakeClient.UNAVAILABLE;
        }
        if (response.statusCode() != 200) {
          err.println(
              "lookup: the intake answered " + response.statusCode() + ": " + response.body());
          return response.statusCode() >= 500 ? IntakeClient.UNAVAILABLE : CanonCommand.INVALID;
        }
        JsonNode results = JSON.readTree(response.body()).path("results");
        for (int i = 0; i < batch.size(); i++) {
          out.println(line(batch.get(i).label(), results.path(i)));
        }
        progress.stepBy(batch.size());
      }
    }
    return 0;
  }

  /** The indicators of the file (or stdin): the CSV of {@code sightline hash}, or type:value. */
  private List<Item> read() throws IOException {
    List<String> lines;
    if (input.equals("-")) {
      try (BufferedReader r = new BufferedReader(stdin)) {
        lines = r.lines().toList();
      }
    } else {
      Path file = Path.of(input);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(input + " is not a file (use --type for one value)");
      }
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    }
    List<Item> items = new ArrayList<>();
    if (!lines.isEmpty() && lines.get(0).strip().startsWith(HashCommand.IMAGE_HEADER)) {
      CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
      for (CSVRecord r : format.parse(new java.io.StringReader(String.join("\n", lines)))) {
        String file = r.get("file");
        items.add(item(file + " sha256", "sha256", r.get("sha256"), null));
        // A video's row has no PDQ of its own (its frames are matched as a video).
        if (!r.get("pdq").isBlank()) {
          items.add(item(file + " pdq", "pdq", r.get("pdq"), r.get("pdq_quality")));
        }
      }
      return items;
    }
    int number = 0;
    for (String line : lines) {
      number++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      int colon = t.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "line " + number + ": '" + t + "' is not type:value (e.g. sha256:e3b0…, url:http://…)");
      }
      items.add(item(t, t.substring(0, colon), t.substring(colon + 1), null));
    }
    return items;
  }

  private static Item item(String label, String type, String value, String quality) {
    ObjectNode indicator = JSON.createObjectNode();
    indicator.put("type", type.strip().toLowerCase(Locale.ROOT));
    indicator.put("value", value.strip());
    if (quality != null && !quality.isBlank()) {
      indicator.put("quality", Integer.parseInt(quality.strip()));
    }
    return new Item(label, indicator);
  }

  /** One CSV line of an answer. */
  static String line(String label, JsonNode r) {
    List<String> cells = new ArrayList<>();
    cells.add(label);
    cells.add(r.path("key").asText(""));
    cells.add(Boolean.toString(r.path("known").asBoolean(false)));
    cells.add(r.path("disclosure").asText(""));
    for (String field : List.of("agencies", "countries", "sightings", "firstSeen", "lastSeen")) {
      cells.add(r.path(field).asText(""));
    }
    List<String> categories = new ArrayList<>();
    r.path("categories").forEach(c -> categories.add(c.asText()));
    cells.add(String.join(" ", categories));
    JsonNode id = r.path("identification");
    cells.add(
        id.isMissingNode()
            ? ""
            : id.path("victimIdentified").asBoolean(false) ? "victim" : "not-victim");
    cells.add(r.path("iwolListedAt").asText(""));
    cells.add(r.path("undisclosedHolders").asBoolean(false) ? "true" : "");
    List<String> errors = new ArrayList<>();
    r.path("errors")
        .forEach(e -> errors.add(e.path("field").asText() + ": " + e.path("reason").asText()));
    cells.add(String.join("; ", errors));
    return String.join(",", cells.stream().map(HashCommand.FileHashes::csv).toList());
  }

  private ProgressBar progress(int max) {
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName("lookup")
            .setInitialMax(Math.max(max, 1))
            .setUpdateIntervalMillis(500)
            .setUnit(" indicators", 1)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS);
    if (noProgress || System.console() == null) {
      // A line every 10 s, the first after 10 s: a lookup that ends sooner prints none.
      long[] last = {System.nanoTime()};
      b.setStyle(ProgressBarStyle.ASCII)
          .setConsumer(
              new DelegatingProgressBarConsumer(
                  line -> {
                    long now = System.nanoTime();
                    if (now - last[0] > 10_000_000_000L) {
                      last[0] = now;
                      err.println(line.strip());
                    }
                  },
                  100));
    } else {
      b.setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err));
    }
    return b.build();
  }
}
