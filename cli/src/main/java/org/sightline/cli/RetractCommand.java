package org.sightline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The agency withdraws one of its sightings. */
@Command(
    name = "retract",
    description = {
      "Withdraw one of the agency's sightings by its id: alerts it caused are superseded, \"worst"
          + " of\" entries it supported are recomputed.",
      "Exit 0 accepted (or already retracted), 2 refused, 3 intake unavailable: run again."
    })
final class RetractCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ID", description = "The sighting id")
  String id;

  @Option(names = "--reason", description = "Why, for the chain of evidence")
  String reason;

  @Option(
      names = "--false-positive",
      description =
          "Withdraw it as a false positive: the mark counts against the indicator (it is then"
              + " neither proposed for the \"worst of\" list nor on the known-hash list)")
  boolean falsePositive;

  /** --intake, --key. */
  @Mixin IntakeOptions agency = new IntakeOptions();

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() throws Exception {
    if (!agency.hasKey()) {
      err.println("retract: the agency's API key is required (--key or SIGHTLINE_API_KEY)");
      return CanonCommand.INVALID;
    }
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    if (reason != null) {
      fields.put("reason", reason);
    }
    if (falsePositive) {
      fields.put("falsePositive", true);
    }
    String body = fields.isEmpty() ? "" : new ObjectMapper().writeValueAsString(fields);
    HttpResponse<String> response;
    try {
      response =
          agency
              .client()
              .post(
                  "/api/v1/sightings/"
                      + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
                      + "/retraction",
                  "application/json",
                  body);
    } catch (IOException e) {
      err.println("retract: cannot reach the intake at " + agency.intake + ": " + e.getMessage());
      return IntakeClient.UNAVAILABLE;
    }
    return Answers.report("retract", response, out, err);
  }
}
