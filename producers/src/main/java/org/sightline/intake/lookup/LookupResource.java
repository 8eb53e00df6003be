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
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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

  /** The most indicators one request may carry. */
  public static final int MAX_INDICATORS = 100_000;

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
      return unavailable(
          "lookups need the processor's query port: sightline.intake.processor-url is not set");
    }
    String region = agency.country().value();
    // Each indicator's canonical key, or why it has none; each key asked of the processor once.
    List<Object> perItem = new ArrayList<>(indicators.size());
    Map<String, Integer> unique = new LinkedHashMap<>();
    for (int i = 0; i < indicators.size(); i++) {
      String path = "indicators[" + i + "]";
      List<FieldError> errors = new ArrayList<>();
      Indicator indicator = SightingJson.indicator(indicators.get(i), path, errors);
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
    String requestId = UUID.randomUUID().toString();
    Instant now = clock.instant();
    List<String> answers = List.of();
    if (!keys.isEmpty()) {
      // The audit record and the question go out together; the answer only once the broker
      // holds the record.
      CompletableFuture<Void> audited =
          audit.send(requestId, agency.id().value(), region, now, keys);
      try {
        answers = processor.ask(agency.id().value(), keys);
      } catch (ProcessorLookup.UnavailableException e) {
        LOG.warnf("lookup %s of %s not answered: %s", requestId, agency.id(), e.getMessage());
        return unavailable(e.getMessage());
      }
      try {
        audit.await(audited);
      } catch (LookupAudit.NotRecordedException e) {
        LOG.warnf("lookup %s of %s not answered: %s", requestId, agency.id(), e.getMessage());
        return unavailable(e.getMessage() + "; nothing was answered, ask again");
      }
    }
    // Written as text: the processor's answers go out as it wrote them, in request order.
    StringBuilder out = new StringBuilder(64 + 160 * perItem.size());
    out.append("{\"requestId\":\"").append(requestId).append("\",\"results\":[");
    for (int i = 0; i < perItem.size(); i++) {
      out.append(i == 0 ? "" : ",");
      if (perItem.get(i) instanceof String key) {
        out.append(answers.get(unique.get(key)));
      } else {
        try {
          out.append(JSON.writeValueAsString(Map.of("known", false, "errors", perItem.get(i))));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    return Response.ok(out.append("]}").toString(), MediaType.APPLICATION_JSON_TYPE).build();
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
