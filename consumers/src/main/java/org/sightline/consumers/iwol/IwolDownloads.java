package org.sightline.consumers.iwol;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.sightline.members.AccessProvider;
import org.sightline.schema.IwolDownload;

/**
 * The one way a download is answered, whatever the format: the caller must be an access provider,
 * the list must be loaded, and the answer goes out only once its audit record is written. Every
 * request, served or refused, leaves one record in {@code iwol.downloads}.
 */
@ApplicationScoped
public class IwolDownloads {

  /** The version of the list an answer is (or, for a refusal, the version held then). */
  public static final String VERSION_HEADER = "X-Iwol-Version";

  /** On an incremental format: {@code true} when the answer is the whole list, not changes. */
  public static final String FULL_HEADER = "X-Iwol-Full";

  private static final String REALM = "Bearer realm=\"sightline-iwol\"";

  private final AccessProviderAuth auth;
  private final IwolReader reader;
  private final IwolList list;
  private final IwolAudit audit;

  IwolDownloads(AccessProviderAuth auth, IwolReader reader, IwolList list, IwolAudit audit) {
    this.auth = auth;
    this.reader = reader;
    this.list = list;
    this.audit = audit;
  }

  /** What the client sent that matters to the answer and the audit trail. */
  public record Request(String format, String authorization, String since, String remoteAddress) {}

  public Response serve(Request request, Function<IwolList, IwolAnswer> render) {
    Instant at = Instant.now();
    Long sinceNumber = IwolVersion.parse(request.since()).map(IwolVersion::number).orElse(null);
    Optional<AccessProvider> provider = auth.authenticate(request.authorization());
    if (provider.isEmpty()) {
      IwolVersion held = list.version();
      audit.record(record(request, at, IwolAudit.UNAUTHENTICATED, sinceNumber, held, 0, 401));
      return unauthorized(request.authorization());
    }
    String who = provider.get().id();
    if (!reader.isLoaded()) {
      IwolVersion held = list.version();
      audit.record(record(request, at, who, sinceNumber, held, 0, 503));
      return unavailable("the list is still being loaded; try again shortly", 5, held);
    }
    IwolAnswer answer = render.apply(list);
    if (!audit.record(
        record(request, at, who, sinceNumber, answer.version(), answer.entries(), 200))) {
      // An unrecorded download is not handed out: the audit trail is the point of the feed.
      return unavailable(
          "the download could not be recorded in the audit trail; try again later",
          30,
          answer.version());
    }
    Response.ResponseBuilder ok =
        Response.ok(answer.body(), answer.mediaType())
            .header(VERSION_HEADER, answer.version().toString())
            // Per provider and sensitive: no shared cache may keep it.
            .header(HttpHeaders.CACHE_CONTROL, "no-store");
    if (answer.full() != null) {
      ok.header(FULL_HEADER, answer.full().toString());
    }
    return ok.build();
  }

  private static IwolDownload record(
      Request request,
      Instant at,
      String who,
      Long sinceNumber,
      IwolVersion version,
      int entries,
      int status) {
    return IwolDownload.newBuilder()
        .setAccessProvider(who)
        .setAt(at)
        .setFormat(request.format())
        .setSinceVersion(sinceNumber)
        .setVersion(version.number())
        .setEpoch(version.epoch())
        .setEntries(entries)
        .setStatus(status)
        .setRemoteAddress(request.remoteAddress())
        .build();
  }

  private static Response unauthorized(String authorization) {
    boolean presented = AccessProviderAuth.bearerKey(authorization).isPresent();
    // RFC 6750: no error code when no credentials were sent, invalid_token when they were wrong.
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(
            HttpHeaders.WWW_AUTHENTICATE, presented ? REALM + ", error=\"invalid_token\"" : REALM)
        .type(MediaType.APPLICATION_JSON)
        .entity(
            Map.of(
                "error",
                presented
                    ? "the API key is not an enabled access provider's key"
                    : "an access provider's API key is required: Authorization: Bearer <key>"))
        .build();
  }

  private static Response unavailable(String message, int retryAfterSeconds, IwolVersion held) {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
        .header(VERSION_HEADER, held.toString())
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", message))
        .build();
  }
}
