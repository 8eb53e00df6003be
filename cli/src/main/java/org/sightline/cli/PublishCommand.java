package org.sightline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sightline.imports.ImportFormat;
import org.sightline.imports.ImportIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One sighting, from flags or from a JSON document, posted to the intake. */
@Command(
    name = "publish",
    description = {
      "Publish one sighting to the intake, from flags or from a JSON document (--json FILE, or -"
          + " for stdin).",
      "Without --id, the id is derived from the content, so publishing the same sighting again"
          + " is recognised as a resend.",
      "Exit 0 accepted (or already held), 2 refused (the reasons on stderr), 3 intake"
          + " unavailable: run again."
    })
final class PublishCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** --intake, --key. */
  @Mixin IntakeOptions agency = new IntakeOptions();

  /** --federation-key, --country. */
  @Mixin PseudonymOptions pseudonyms = new PseudonymOptions();

  @Option(names = "--json", description = "The sighting as JSON (the intake's shape); - = stdin")
  String json;

  @Option(names = "--id", description = "Sighting id (default: derived from the content)")
  String id;

  @Option(names = "--type", description = "Indicator type: url, domain, md5, wallet, ...")
  String type;

  @Option(names = "--value", description = "The indicator")
  String value;

  @Option(names = "--qualifier", description = "Wallet chain or username platform")
  String qualifier;

  @Option(names = "--quality", description = "PDQ quality 0-100")
  Integer quality;

  @Option(
      names = "--observed-at",
      description = "ISO-8601 instant (default: when the intake receives it)")
  String observedAt;

  @Option(names = "--category", description = "CSAM, BASELINE_CSAM, GROOMING, ...")
  String category;

  @Option(names = "--confidence", description = "0-100")
  Integer confidence;

  @Option(names = "--tlp", description = "CLEAR, GREEN, AMBER, AMBER+STRICT, RED")
  String tlp;

  @Option(
      names = "--share-with",
      split = ",",
      paramLabel = "CC",
      description =
          "Only these member countries (and the secretariat) may see it as its TLP allows;"
              + " everyone else gets a hit/no-hit notice at most, e.g. --share-with BR,US")
  List<String> shareWith;

  @Option(names = "--case-ref", description = "The agency's case reference")
  String caseRef;

  @Option(names = "--hosting-country", description = "ISO 3166 code of the hosting country")
  String hostingCountry;

  @Option(
      names = "--related",
      description = "Related indicator, repeatable: type:value, wallet:<chain>:<address>")
  List<String> related;

  @Option(names = "--victim-identified", description = "true/false")
  Boolean victimIdentified;

  @Option(names = "--offender-identified", description = "true/false")
  Boolean offenderIdentified;

  @Option(names = "--series", description = "Identified series name")
  String series;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() throws Exception {
    if (!agency.hasKey()) {
      err.println("publish: the agency's API key is required (--key or SIGHTLINE_API_KEY)");
      return CanonCommand.INVALID;
    }
    ObjectNode sighting;
    try {
      sighting = json != null ? fromJson() : fromFlags();
    } catch (IllegalArgumentException | IOException e) {
      err.println("publish: " + e.getMessage());
      return CanonCommand.INVALID;
    }
    try {
      pseudonyms.pseudonymiseSighting(sighting, pseudonyms.key());
    } catch (IllegalArgumentException e) {
      err.println("publish: " + e.getMessage());
      return CanonCommand.INVALID;
    }
    // Derived from what is sent: never from an identifier in clear.
    if (!sighting.hasNonNull("id")) {
      sighting.put("id", ImportIds.derive(ImportFormat.NDJSON, sighting));
    }
    HttpResponse<String> response;
    try {
      response = agency.client().post("/api/v1/sightings", "application/json", sighting.toString());
    } catch (IOException e) {
      err.println("publish: cannot reach the intake at " + agency.intake + ": " + e.getMessage());
      return IntakeClient.UNAVAILABLE;
    }
    return Answers.report("publish", response, out, err);
  }

  private ObjectNode fromJson() throws IOException {
    byte[] bytes = json.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(json));
    JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("--json must hold one JSON object (one sighting)");
    }
    return (ObjectNode) node;
  }

  private ObjectNode fromFlags() {
    if (type == null || value == null) {
      throw new IllegalArgumentException(
          "give --type and --value (and --tlp, --confidence), or --json FILE");
    }
    ObjectNode s = JSON.createObjectNode();
    if (id != null) {
      s.put("id", id);
    }
    if (observedAt != null) {
      s.put("observedAt", observedAt);
    }
    ObjectNode indicator = s.putObject("indicator");
    String t = type.toLowerCase(Locale.ROOT);
    indicator.put("type", t);
    indicator.put("value", value);
    if (qualifier != null) {
      indicator.put(t.equals("username") ? "platform" : "chain", qualifier);
    }
    if (quality != null) {
      indicator.put("quality", quality);
    }
    put(s, "category", category);
    if (confidence != null) {
      s.put("confidence", confidence);
    }
    put(s, "tlp", tlp);
    put(s, "caseRef", caseRef);
    put(s, "hostingCountry", hostingCountry);
    if (shareWith != null && !shareWith.isEmpty()) {
      var named = s.putArray("shareWith");
      shareWith.forEach(c -> named.add(c.strip()));
    }
    if (related != null && !related.isEmpty()) {
      ArrayNode list = s.putArray("related");
      for (String r : related) {
        list.add(Answers.typed(r));
      }
    }
    if (victimIdentified != null || offenderIdentified != null || series != null) {
      ObjectNode identification = s.putObject("identification");
      if (victimIdentified != null) {
        identification.put("victimIdentified", victimIdentified);
      }
      if (offenderIdentified != null) {
        identification.put("offenderIdentified", offenderIdentified);
      }
      put(identification, "series", series);
    }
    return s;
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
