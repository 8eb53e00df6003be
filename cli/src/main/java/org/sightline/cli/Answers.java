package org.sightline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.Locale;

/** The intake's answers to one sighting or retraction, as a person reads them. */
final class Answers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Answers() {}

  /** Prints the receipt or the reasons; returns the exit status. */
  static int report(
      String command, HttpResponse<String> response, PrintStream out, PrintStream err) {
    int status = response.statusCode();
    JsonNode body = parse(response.body());
    if (status == 202) {
      boolean replayed =
          response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
      out.println(response.body());
      if (replayed) {
        err.println(command + ": already held by the intake: this is the first receipt");
      }
      return 0;
    }
    String error = body.path("error").asText(response.body());
    if (status == 400) {
      err.println(command + ": refused: " + error);
      for (JsonNode e : body.path("errors")) {
        err.println("  " + e.path("field").asText() + ": " + e.path("reason").asText());
      }
      return CanonCommand.INVALID;
    }
    String field = body.path("field").asText("");
    err.println(
        command + ": " + status + ": " + error + (field.isEmpty() ? "" : " (field " + field + ")"));
    // A refusal (unknown key, unknown id, conflict, too large) is not cured by running again;
    // a timeout, a rate limit or a server error may be.
    boolean refused = status >= 400 && status < 500 && status != 408 && status != 429;
    return refused ? CanonCommand.INVALID : IntakeClient.UNAVAILABLE;
  }

  /** {@code type:value}, {@code wallet:<chain>:<address>}, {@code username:<platform>:<name>}. */
  static ObjectNode typed(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--related '" + text + "' is not type:value");
    }
    String type = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = text.substring(colon + 1);
    ObjectNode indicator = JSON.createObjectNode();
    indicator.put("type", type);
    if (type.equals("wallet") || type.equals("username")) {
      int second = rest.indexOf(':');
      if (second <= 0) {
        throw new IllegalArgumentException(
            "--related '" + text + "' is not " + type + ":<qualifier>:<value>");
      }
      indicator.put(type.equals("wallet") ? "chain" : "platform", rest.substring(0, second));
      rest = rest.substring(second + 1);
    }
    indicator.put("value", rest);
    return indicator;
  }

  static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
