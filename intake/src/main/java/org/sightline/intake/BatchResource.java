package org.sightline.intake;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.sightline.imports.ImportDefaults;
import org.sightline.imports.ImportFormat;
import org.sightline.imports.ImportFormatException;
import org.sightline.imports.ImportItem;
import org.sightline.imports.ImportReader;
import org.sightline.members.Agency;
import org.sightline.sighting.FieldError;

/**
 * Many sightings in one request, in the formats agencies already hold. The body is read as a
 * stream; every item that passes validation is sent at once and the answer waits until the broker
 * acknowledged all of them, so accepted lines are durable even when others are refused.
 */
@Path("/api/v1/sightings/batch")
@Tag(name = "sightings")
@SecurityRequirement(name = IntakeResource.AGENCY_KEY)
public class BatchResource {

  private static final Logger LOG = Logger.getLogger(BatchResource.class);
  private static final int SNIFF = 8192;

  private final AgencyAuthenticator authenticator;
  private final IntakeService service;
  private final IntakeMetrics metrics;
  private final IntakeConfig config;
  private final Limits limits;
  private final Clock clock = Clock.systemUTC();

  private final Pseudonymiser pseudonyms;

  BatchResource(
      AgencyAuthenticator authenticator,
      IntakeService service,
      IntakeMetrics metrics,
      IntakeConfig config,
      Limits limits,
      Pseudonymiser pseudonyms) {
    this.authenticator = authenticator;
    this.service = service;
    this.metrics = metrics;
    this.config = config;
    this.limits = limits;
    this.pseudonyms = pseudonyms;
  }

  /** One accepted item on its way to the broker. */
  private record Pending(
      ImportItem item, String id, CompletableFuture<IntakeService.Outcome> outcome) {}

  @POST
  @Blocking
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Publish a batch: NDJSON, CSV, VICS or a STIX 2.1 bundle",
      description =
          "The format comes from ?format= (ndjson, csv, vics, stix) or the Content-Type"
              + " (application/x-ndjson, text/csv, application/vnd.projectvic+json,"
              + " application/stix+json; application/json is recognised by its content). Items"
              + " without an id get one derived from their content, so a resend is recognised."
              + " The answer is a report: accepted ids, rejected items with line number and"
              + " reasons, parts not imported. 200 when every accepted item is held by the"
              + " broker; 503 (same report) when some were not confirmed: resend the batch.")
  @RequestBody(
      content = {
        @Content(
            mediaType = "application/x-ndjson",
            examples =
                @ExampleObject(
                    name = "two sightings",
                    value =
                        "{\"id\":\"a-1\",\"observedAt\":\"2026-11-20T10:15:00Z\",\"indicator\":{\"type\":\"url\",\"value\":\"http://example.com/a\"},\"confidence\":80,\"tlp\":\"GREEN\"}\n"
                            + "{\"observedAt\":\"2026-11-20T10:16:00Z\",\"indicator\":{\"type\":\"md5\",\"value\":\"0123456789abcdef0123456789abcdef\"},\"confidence\":90,\"tlp\":\"AMBER\"}\n")),
        @Content(
            mediaType = "text/csv",
            examples =
                @ExampleObject(
                    name = "header and rows",
                    value =
                        "id,observed_at,type,value,category,confidence,tlp\n"
                            + "c-1,2026-11-20T10:15:00Z,url,http://example.com/a,CSAM,80,GREEN\n")),
        @Content(mediaType = "application/vnd.projectvic+json"),
        @Content(mediaType = "application/stix+json")
      })
  @APIResponse(responseCode = "200", description = "The report; every accepted item is held")
  @APIResponse(responseCode = "400", description = "The input cannot be read in its format")
  @APIResponse(responseCode = "401", description = "Missing, unknown or disabled key")
  @APIResponse(responseCode = "413", description = "A limit (bytes or items) named in the error")
  @APIResponse(responseCode = "415", description = "No format given or recognised")
  @APIResponse(responseCode = "503", description = "Some accepted items were not confirmed")
  public Response batch(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Parameter(description = "ndjson, csv, vics or stix; overrides the Content-Type")
          @QueryParam("format")
          String format,
      @Parameter(description = "TLP for items that carry none (VICS carries none: required)")
          @QueryParam("tlp")
          String tlp,
      @Parameter(description = "Category for items that carry none") @QueryParam("category")
          String category,
      @Parameter(description = "Confidence 0-100 for items that carry none (VICS: required)")
          @QueryParam("confidence")
          String confidence,
      @Parameter(description = "Case reference for items that carry none") @QueryParam("caseRef")
          String caseRef,
      @Parameter(
              description =
                  "VICS category numbers to Sightline categories, e.g. 1=CSAM,2=CSEM_OTHER,0=SKIP")
          @QueryParam("vicsCategories")
          String vicsCategories,
      @Parameter(description = "false leaves the list of accepted ids out of the report")
          @QueryParam("acceptedIds")
          String acceptedIds,
      InputStream body) {
    long start = System.nanoTime();
    Response response;
    try {
      response =
          handle(
              authorization,
              contentType,
              format,
              tlp,
              category,
              confidence,
              caseRef,
              vicsCategories,
              !"false".equalsIgnoreCase(acceptedIds),
              body);
    } catch (IOException e) {
      response =
          Response.status(Response.Status.BAD_REQUEST)
              .entity(Map.of("error", "the body could not be read: " + e.getMessage()))
              .build();
    }
    metrics.request("batch", response.getStatus(), start);
    return response;
  }

  private Response handle(
      String authorization,
      String contentType,
      String formatName,
      String tlp,
      String category,
      String confidence,
      String caseRef,
      String vicsCategories,
      boolean listIds,
      InputStream body)
      throws IOException {
    Agency agency = authenticator.authenticate(authorization);
    if (!service.ready()) {
      return IntakeResource.notReady();
    }
    ImportDefaults defaults;
    try {
      defaults = ImportDefaults.parse(tlp, category, integer(confidence), caseRef, vicsCategories);
    } catch (ImportFormatException e) {
      return IntakeResource.invalid(List.of(new FieldError(e.field(), e.reason())));
    }
    Optional<ImportFormat> named = ImportFormat.byName(formatName);
    if (formatName != null && named.isEmpty()) {
      return unsupportedFormat("?format=" + formatName + " is not a format");
    }
    BufferedInputStream in = new BufferedInputStream(body, 64 * 1024);
    ImportFormat format = named.or(() -> ImportFormat.byMediaType(contentType)).orElse(null);
    if (format == null && isJson(contentType)) {
      in.mark(SNIFF);
      byte[] head = in.readNBytes(SNIFF);
      in.reset();
      format = ImportFormat.detect(null, head).orElse(null);
    }
    if (format == null) {
      return unsupportedFormat(
          contentType == null
              ? "no Content-Type and no ?format="
              : "Content-Type " + contentType + " is not a batch format");
    }
    Limits.Limit byteLimit = limits.batchLimit(format);
    return read(
        agency, format, defaults, Limits.bounded(in, byteLimit.bytes()), byteLimit, listIds);
  }

  private Response read(
      Agency agency,
      ImportFormat format,
      ImportDefaults defaults,
      InputStream in,
      Limits.Limit byteLimit,
      boolean listIds) {
    Instant now = clock.instant();
    String region = agency.country().value();
    int maxItems = config.batch().maxItems();
    BatchReport report = new BatchReport(agency, format, listIds);
    List<Pending> pending = new ArrayList<>();
    CompletableFuture<IntakeService.Outcome> unsent = null;
    int status = 200;
    try (ImportReader reader = ImportReader.open(format, in, defaults)) {
      for (ImportItem item = reader.next(); item != null; item = reader.next()) {
        report.unsupported(reader.drainNotices());
        if (report.items() >= maxItems) {
          status = 413;
          report.stop(
              "the batch has more than "
                  + maxItems
                  + " items, the limit (sightline.intake.batch.max-items); the first "
                  + maxItems
                  + " are reported here and nothing after them was read: send the rest in"
                  + " another batch",
              Map.of("limit", "sightline.intake.batch.max-items", "maxItems", maxItems));
          break;
        }
        report.item();
        if (!item.ok()) {
          List<FieldError> errors = item.labelled(item.errors());
          metrics.rejected("batch", item.errors());
          report.rejected(item, errors);
          continue;
        }
        SightingJson.Result parsed = SightingJson.parse(item.sighting(), now, region, now);
        if (!parsed.ok()) {
          metrics.rejected("batch", parsed.errors());
          report.rejected(item, item.labelled(parsed.errors()));
          continue;
        }
        CompletableFuture<IntakeService.Outcome> outcome;
        if (unsent == null) {
          outcome =
              service.submit(
                  agency.id(),
                  pseudonyms.apply(parsed.sighting(), region),
                  parsed.observedAtFilledIn(),
                  region);
          if (outcome.isCompletedExceptionally()) {
            // Refused at once by the producer (the broker unreachable for ack-timeout, the
            // registry down): every later item would wait as long again, so none is sent.
            unsent = outcome;
          }
        } else {
          outcome = unsent;
        }
        pending.add(new Pending(item, parsed.sighting().getId(), outcome));
      }
      report.unsupported(reader.drainNotices());
    } catch (ImportFormatException e) {
      status = 400;
      report.stop(
          (e.line() > 0 ? "line " + e.line() + ": " : "") + e.field() + ": " + e.reason(),
          Map.of("field", e.field()));
    } catch (Limits.TooLargeException e) {
      status = 413;
      Map<String, Object> body = Limits.body(byteLimit);
      report.stop(
          body.get("error") + "; the items read before the limit are reported here",
          Map.of("limit", byteLimit.setting(), "maxBytes", byteLimit.bytes()));
    } catch (IOException | RuntimeException e) {
      status = 400;
      LOG.debugf(e, "batch of %s: body not read to the end", agency.id());
      report.stop(
          "the body could not be read to the end ("
              + e.getMessage()
              + "); the items read before are reported here",
          Map.of());
    }
    report.unsupportedCounted(metrics, format);
    boolean unconfirmed = await(pending, report, format);
    if (unconfirmed && status == 200) {
      status = 503;
    }
    return Response.status(status).entity(report.toJson()).build();
  }

  /** Waits for every acknowledgement; true when some did not come. */
  private boolean await(List<Pending> pending, BatchReport report, ImportFormat format) {
    long deadline = System.nanoTime() + config.ackTimeout().toNanos();
    long written = 0;
    long duplicates = 0;
    boolean unconfirmed = false;
    for (Pending p : pending) {
      try {
        long wait = Math.max(0, deadline - System.nanoTime());
        IntakeService.Outcome o = p.outcome().get(wait, TimeUnit.NANOSECONDS);
        switch (o.status()) {
          case WRITTEN -> {
            written++;
            report.accepted(p.id(), false);
          }
          case DUPLICATE -> {
            duplicates++;
            report.accepted(p.id(), true);
          }
          case CONFLICT -> {
            metrics.rejected("batch", "conflict");
            report.rejected(
                p.item(),
                List.of(
                    new FieldError(
                        p.item().label("id"), IntakeResource.conflictReason(p.id(), o.receipt()))));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unconfirmed = true;
        report.unconfirmed(p.item(), p.id(), "interrupted");
      } catch (ExecutionException | TimeoutException e) {
        unconfirmed = true;
        metrics.rejected("batch", "not-acknowledged");
        report.unconfirmed(
            p.item(),
            p.id(),
            "the broker did not confirm storage within "
                + config.ackTimeout()
                + "; resend the batch: what is held is recognised");
      }
    }
    metrics.accepted("batch", format.word(), written, duplicates);
    return unconfirmed;
  }

  private static boolean isJson(String contentType) {
    return contentType == null
        || contentType.toLowerCase(Locale.ROOT).startsWith("application/json")
        || contentType.toLowerCase(Locale.ROOT).startsWith("application/octet-stream");
  }

  private static Response unsupportedFormat(String why) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "error",
        why
            + ": give ?format= (ndjson, csv, vics, stix) or one of the Content-Types "
            + Arrays.stream(ImportFormat.values()).map(ImportFormat::mediaType).toList());
    return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).entity(body).build();
  }

  private static Integer integer(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new ImportFormatException("confidence", "'" + value + "' is not a whole number");
    }
  }
}
