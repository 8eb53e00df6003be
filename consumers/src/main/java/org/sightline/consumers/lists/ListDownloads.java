package org.sightline.consumers.lists;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.sightline.consumers.auth.BearerKey;

/**
 * The one way a list download is answered, whatever the list and the format: the caller must hold a
 * key the list is for, the list must be loaded, and the answer goes out only once its audit record
 * is written. Every request, served or refused, leaves one record.
 */
public final class ListDownloads<T> {

  /** Who asked: the kind of key holder ({@code agency}, {@code platform}, ...) and its id. */
  public record Who(String kind, String id) {

    /** A request that presented no valid key. */
    public static final Who UNAUTHENTICATED = new Who("unauthenticated", "unauthenticated");
  }

  /** What the client sent that matters to the answer and the audit trail. */
  public record Request(String format, String authorization, String since, String remoteAddress) {}

  /** Writes one audit record and says whether the broker has it. */
  public interface Trail {
    boolean record(
        Request request,
        Instant at,
        Who who,
        Long sinceVersion,
        ListVersion version,
        int entries,
        int status);
  }

  private final String name;
  private final String keyHolders;
  private final Function<String, Optional<Who>> authenticate;
  private final BooleanSupplier loaded;
  private final VersionedList<T> list;
  private final Trail trail;

  /**
   * @param name the list's name in realms and headers: {@code iwol} gives realm {@code
   *     sightline-iwol} and headers {@code X-Iwol-Version}, {@code X-Iwol-Full}
   * @param keyHolders who may hold a key, for the 401's message ("an access provider")
   * @param authenticate the holder of the key in a bearer {@code Authorization} header
   */
  public ListDownloads(
      String name,
      String keyHolders,
      Function<String, Optional<Who>> authenticate,
      BooleanSupplier loaded,
      VersionedList<T> list,
      Trail trail) {
    this.name = name;
    this.keyHolders = keyHolders;
    this.authenticate = authenticate;
    this.loaded = loaded;
    this.list = list;
    this.trail = trail;
  }

  /** The header naming the version of the list an answer is (for a refusal: the version held). */
  public String versionHeader() {
    return "X-" + capitalised() + "-Version";
  }

  /** On an incremental format: {@code true} when the answer is the whole list, not changes. */
  public String fullHeader() {
    return "X-" + capitalised() + "-Full";
  }

  /**
   * A format that comes whole, or with {@code since} as the changes since that version: {@code
   * format} and {@code format + "-changes"} on the audit trail.
   */
  public Response serveWholeOrChanges(
      String format,
      String mediaType,
      String authorization,
      String since,
      String remoteAddress,
      Function<ListSnapshot<T>, Object> whole,
      Function<ListChanges<T>, Object> changes) {
    if (since == null) {
      return serve(
          new Request(format, authorization, null, remoteAddress),
          list -> {
            ListSnapshot<T> snapshot = list.snapshot();
            return ListAnswer.whole(snapshot, mediaType, whole.apply(snapshot));
          });
    }
    return serve(
        new Request(format + "-changes", authorization, since, remoteAddress),
        list -> {
          ListChanges<T> changed = list.changesSince(ListVersion.parse(since));
          return ListAnswer.changes(changed, mediaType, changes.apply(changed));
        });
  }

  public Response serve(Request request, Function<VersionedList<T>, ListAnswer> render) {
    Instant at = Instant.now();
    Long sinceNumber = ListVersion.parse(request.since()).map(ListVersion::number).orElse(null);
    Optional<Who> who = BearerKey.of(request.authorization()).flatMap(authenticate);
    if (who.isEmpty()) {
      trail.record(request, at, Who.UNAUTHENTICATED, sinceNumber, list.version(), 0, 401);
      return unauthorized(request.authorization());
    }
    if (!loaded.getAsBoolean()) {
      ListVersion held = list.version();
      trail.record(request, at, who.get(), sinceNumber, held, 0, 503);
      return unavailable("the list is still being loaded; try again shortly", 5, held);
    }
    ListAnswer answer = render.apply(list);
    if (!trail.record(
        request, at, who.get(), sinceNumber, answer.version(), answer.entries(), 200)) {
      // An unrecorded download is not handed out: the audit trail is the point of the feed.
      return unavailable(
          "the download could not be recorded in the audit trail; try again later",
          30,
          answer.version());
    }
    Response.ResponseBuilder ok =
        Response.ok(answer.body(), answer.mediaType())
            .header(versionHeader(), answer.version().toString())
            // Per key holder and sensitive: no shared cache may keep it.
            .header(HttpHeaders.CACHE_CONTROL, "no-store");
    if (answer.full() != null) {
      ok.header(fullHeader(), answer.full().toString());
    }
    return ok.build();
  }

  private Response unauthorized(String authorization) {
    boolean presented = BearerKey.of(authorization).isPresent();
    String realm = "Bearer realm=\"sightline-" + name + "\"";
    // RFC 6750: no error code when no credentials were sent, invalid_token when they were wrong.
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(
            HttpHeaders.WWW_AUTHENTICATE, presented ? realm + ", error=\"invalid_token\"" : realm)
        .type(MediaType.APPLICATION_JSON)
        .entity(
            Map.of(
                "error",
                presented
                    ? "the API key is not the enabled key of " + keyHolders
                    : "the API key of " + keyHolders + " is required: Authorization: Bearer <key>"))
        .build();
  }

  private Response unavailable(String message, int retryAfterSeconds, ListVersion held) {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
        .header(versionHeader(), held.toString())
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", message))
        .build();
  }

  private String capitalised() {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
