package org.sightline.intake.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.intake.AgencyAuthenticator;
import org.sightline.intake.IntakeConfig;
import org.sightline.intake.IntakeMetrics;
import org.sightline.intake.Limits;
import org.sightline.intake.Pseudonymiser;
import org.sightline.intake.SightingJson;
import org.sightline.members.Agency;
import org.sightline.schema.Indicator;
import org.sightline.sighting.FieldError;

/**
 * "Is this known?": an agency asks about up to {@value #MAX_INDICATORS} indicators at once (a
 * seized drive's hash list) and learns, for each, whether the federation knows it and what it may
 * see of it — counts, first and last seen, categories, identification, links, the "worst of" list —
 * cut by the same disclosure as the alerts; facts it may not see answer as a hit and nothing more.
 * Asking is itself information: the request is written to {@code audit.lookups} before it is
 * answered, and the holders of undisclosed facts are told that an agency of the asker's country
 * asked.
 */
@Path("/api/v1/lookup")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "lookup", description = "Whether indicators are known, as the agency may see them")
@SecurityRequirement(name = "agencyKey")
public class LookupResource {

  /** The most indicators one JSON request may carry; NDJSON carries any number. */
  public static final int MAX_INDICATORS = 100_000;

  /** Lines of an NDJSON lookup read, audited and answered together. */
  static final int CHUNK = 10_000;

  static final String NDJSON = "application/x-ndjson";

  /**
   * The id of an NDJSON lookup (the one on its audit records): the JSON form has it in the body.
   */
  static final String REQUEST_ID_HEADER = "X-Sightline-Request-Id";

  private static final Logger LOG = Logger.getLogger(LookupResource.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String EXAMPLE =
      "{\"indicators\":[{\"type\":\"sha256\",\"value\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e46"
          + "49b934ca495991b7852b855\"},{\"type\":\"url\",\"value\":\"http://example.com/a\"}]}";

  private final AgencyAuthenticator authenticator;
  private final LookupAudit audit;
  private final ProcessorLookup processor;
  private final Pseudonymiser pseudonyms;
  private final IntakeMetrics metrics;
  private final IntakeConfig config;
  private final Clock clock = Clock.systemUTC();

  LookupResource(
      AgencyAuthenticator authenticator,
      LookupAudit audit,
      ProcessorLookup processor,
      Pseudonymiser pseudonyms,
      IntakeMetrics metrics,
      IntakeConfig config) {
    this.authenticator = authenticator;
    this.audit = audit;
    this.processor = processor;
    this.pseudonyms = pseudonyms;
    this.metrics = metrics;
    this.config = config;
  }

  @POST
  @Operation(
      summary = "Ask whether indicators are known",
      description =
          "One result per indicator, in request order: its canonical key and known (true or"
              + " false), with what the agency may see (disclosure DETAILS: agencies, countries,"
              + " sightings, firstSeen, lastSeen, categories, identification, linked, iwolListedAt,"
              + " yours, undisclosedHolders), or disclosure HIT_NO_HIT when every fact is under a"
              + " TLP or named recipients the agency may not see; or errors naming why the"
              + " indicator is not valid. Audited before it is answered; the holders of facts the"
              + " agency may not see are told that an agency of its country asked.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "hashes", value = EXAMPLE)))
  @APIResponse(responseCode = "200", description = "{requestId, results: [...]}")
  @APIResponse(responseCode = "400", description = "The body is not {indicators: [...]}")
  @APIResponse(responseCode = "401", description = "Missing, unknown or disabled key")
  @APIResponse(responseCode = "413", description = "More than 100,000 indicators, or too large")
  @APIResponse(responseCode = "503", description = "Not audited or not answered: ask again")
  public Response lookup(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
    long start = System.nanoTime();
    Response response = answer(authorization, body);
    metrics.request("lookup", response.getStatus(), start);
    return response;
  }

  private Response answer(String authorization, byte[] body) {
    Agency agency = authenticator.authenticate(authorization);
    if (body != null && body.length > config.batch().maxBytes().asLongValue()) {
      return Limits.tooLarge(
          "a lookup",
          config.batch().maxBytes().asLongValue(),
          "sightline.intake.batch.max-bytes",
          "split the indicators over several requests");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body == null ? new byte[0] : body);
    } catch (IOException e) {
      return bad("(body)", "is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    JsonNode indicators = json == null ? null : json.get("indicators");
    if (indicators == null || !indicators.isArray()) {
      return bad("indicators", "is required: an array of {type, value} objects");
    }
    if (indicators.size() > MAX_INDICATORS) {
      return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
          .entity(
              Map.of(
                  "error",
                  "indicators: at most "
                      + MAX_INDICATORS
                      + " per request, was "
                      + indicators.size(),
                  "field",
                  "indicators"))
          .build();
    }
    if (!processor.configured()) {
      return unavailable(ProcessorLookup.NOT_CONFIGURED);
    }
    List<JsonNode> items = new ArrayList<>(indicators.size());
    indicators.forEach(items::add);
    String requestId = UUID.randomUUID().toString();
    List<String> results;
    try {
      results = answer(agency, requestId, items, i -> "indicators[" + i + "]");
    } catch (NotAnswered e) {
      return unavailable(e.getMessage());
    }
    // Written as text: the processor's answers go out as it wrote them, in request order.
    StringBuilder out = new StringBuilder(64 + 160 * results.size());
    out.append("{\"requestId\":\"").append(requestId).append("\",\"results\":[");
    for (int i = 0; i < results.size(); i++) {
      out.append(i == 0 ? "" : ",").append(results.get(i));
    }
    return Response.ok(out.append("]}").toString(), MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * More indicators than one JSON request takes (up to the intake's body limit, {@code
   * quarkus.http.limits.max-body-size}, 65 MB: about 700,000 hashes), one JSON object per line in
   * and one result per line out, line for line (a blank line answers as an error too): read,
   * audited and answered {@value #CHUNK} lines at a time, so a whole seized drive goes in one
   * request and the first answers come back while the rest is still being read. A chunk that cannot
   * be audited or answered ends the stream with a last line {@code {"error": ..., "answered": n}}:
   * the first n lines were answered, ask again for the rest.
   */
  @POST
  @Consumes(NDJSON)
  @Produces(NDJSON)
  @Operation(
      summary = "Ask whether indicators are known, as a stream (NDJSON)",
      description =
          "One indicator object per line; one result per line, in order, as the JSON form's"
              + " results. Audited chunk by chunk before each chunk is answered.")
  @APIResponse(responseCode = "200", description = "One result per line; an error line ends it")
  @APIResponse(responseCode = "401", description = "Missing, unknown or disabled key")
  public Response lookupStream(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
    long start = System.nanoTime();
    Agency agency = authenticator.authenticate(authorization);
    if (!processor.configured()) {
      Response response = unavailable(ProcessorLookup.NOT_CONFIGURED);
      metrics.request("lookup-stream", response.getStatus(), start);
      return response;
    }
    String requestId = UUID.randomUUID().toString();
    StreamingOutput stream =
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          BufferedReader in =
              new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
          long answered = 0;
          List<JsonNode> chunk = new ArrayList<>(CHUNK);
          String line;
          boolean done = false;
          while (!done) {
            line = in.readLine();
            done = line == null;
            if (!done) {
              chunk.add(parseLine(line));
            }
            if (chunk.size() == CHUNK || (done && !chunk.isEmpty())) {
              long first = answered + 1;
              try {
                for (String result : answer(agency, requestId, chunk, i -> "line " + (first + i))) {
                  w.write(result);
                  w.write('\n');
                }
              } catch (NotAnswered e) {
                w.write(
                    JSON.writeValueAsString(
                        new LinkedHashMap<>(
                            Map.of("error", e.getMessage(), "answered", answered))));
                w.write('\n');
                w.flush();
                return;
              }
              answered += chunk.size();
              chunk.clear();
              w.flush();
            }
          }
          w.flush();
          metrics.request("lookup-stream", 200, start);
        };
    return Response.ok(stream, NDJSON).header(REQUEST_ID_HEADER, requestId).build();
  }

  /** One NDJSON line as an indicator object; a line that is not JSON becomes a non-object. */
  private static JsonNode parseLine(String line) {
    try {
      return line.isBlank() ? null : JSON.readTree(line);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(line);
    }
  }

  /**
   * The keys whose answer showed facts hidden from the asker: a bare hit, or undisclosed holders
   * beside what it may see. Read off the processor's JSON as it wrote it (its field names are
   * {@code LookupAnswer}'s).
   */
  static Set<String> undisclosed(List<String> keys, List<String> answers) {
    Set<String> hidden = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      String a = answers.get(i);
      if (a.contains("\"disclosure\":\"HIT_NO_HIT\"")
          || a.contains("\"undisclosedHolders\":true")) {
        hidden.add(keys.get(i));
      }
    }
    return hidden;
  }

  /** A chunk could not be audited or answered; nothing of it may go out. */
  static final class NotAnswered extends Exception {
    NotAnswered(String message) {
      super(message);
    }
  }

  /**
   * The results of {@code items}, one JSON text each, in order: canonicalised (each item's problems
   * named under {@code where.apply(index)}), each key once on {@code audit.lookups} and asked of
   * the processor once; answered only once the broker holds the audit record.
   */
  private List<String> answer(
      Agency agency, String requestId, List<JsonNode> items, IntFunction<String> where)
      throws NotAnswered {
    String region = agency.country().value();
    // Each indicator's canonical key, or why it has none; each key asked of the processor once.
    List<Object> perItem = new ArrayList<>(items.size());
    Map<String, Integer> unique = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String path = where.apply(i);
      List<FieldError> errors = new ArrayList<>();
      Indicator indicator = SightingJson.indicator(items.get(i), path, errors);
      if (!errors.isEmpty()) {
        perItem.add(errors);
        continue;
      }
      try {
        String key = Canonicalizer.canonicalize(pseudonyms.apply(indicator, region), region).key();
        perItem.add(key);
        unique.putIfAbsent(key, unique.size());
      } catch (InvalidIndicatorException e) {
        perItem.add(
            List.of(
                new FieldError(
                    path + "." + e.field().replaceFirst("^indicator\\.", ""), e.reason())));
      } catch (RuntimeException e) {
        perItem.add(List.of(new FieldError(path, "could not be read: " + e.getMessage())));
      }
    }
    List<String> keys = new ArrayList<>(unique.keySet());
    List<String> answers = List.of();
    if (!keys.isEmpty()) {
      Instant asked = clock.instant();
      try {
        answers = processor.ask(agency.id().value(), keys);
      } catch (ProcessorLookup.UnavailableException e) {
        LOG.warnf("lookup %s of %s not answered: %s", requestId, agency.id(), e.getMessage());
        throw new NotAnswered(e.getMessage());
      }
      // On the trail before anything goes out, with the keys whose holders must be told: the
      // processor then reads only those states again, not every key asked.
      try {
        audit.record(
            requestId, agency.id().value(), region, asked, keys, undisclosed(keys, answers));
      } catch (LookupAudit.NotRecordedException e) {
        LOG.warnf("lookup %s of %s not answered: %s", requestId, agency.id(), e.getMessage());
        throw new NotAnswered(e.getMessage() + "; nothing was answered, ask again");
      }
    }
    List<String> results = new ArrayList<>(items.size());
    for (Object item : perItem) {
      if (item instanceof String key) {
        results.add(answers.get(unique.get(key)));
      } else {
        try {
          results.add(
              JSON.writeValueAsString(new LinkedHashMap<>(Map.of("known", false, "errors", item))));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    return results;
  }

  private static Response bad(String field, String reason) {
    return Response.status(Response.Status.BAD_REQUEST)
        .entity(
            Map.of(
                "error",
                "the lookup was not understood",
                "errors",
                List.of(new FieldError(field, reason))))
        .build();
  }

  private static Response unavailable(String reason) {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .entity(Map.of("error", reason))
        .build();
  }
}
