package org.sightline.consumers.iwol;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.sightline.consumers.lists.ListAnswer;
import org.sightline.consumers.lists.ListChanges;
import org.sightline.consumers.lists.ListDownloads;
import org.sightline.consumers.lists.ListSnapshot;
import org.sightline.consumers.lists.ListVersion;

/**
 * The "worst of" list for access providers, in the formats their blocking tools read. Each answer
 * carries its version in {@code X-Iwol-Version}; {@code changes} (and {@code domains.csv} with
 * {@code since}) answers only what changed since a version the client holds.
 */
@Path("/api/v1/iwol")
// Each answer waits for its audit record to reach the broker: never on the event loop.
@Blocking
public class IwolResource {

  static final String TEXT = "text/plain; charset=utf-8";
  static final String CSV = "text/csv; charset=utf-8; header=present";

  /** RFC 4027's media type for a DNS zone file. */
  static final String ZONE = "text/dns; charset=utf-8";

  private final IwolDownloads downloads;
  private final RpzZone rpz;

  IwolResource(IwolDownloads downloads, RpzZone rpz) {
    this.downloads = downloads;
    this.rpz = rpz;
  }

  @GET
  @Path("/domains.txt")
  public Response text(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpServerRequest http) {
    return downloads.serve(
        request("txt", authorization, null, http),
        list -> {
          ListSnapshot<IwolItem> snapshot = list.snapshot();
          return ListAnswer.whole(snapshot, TEXT, DomainsText.render(snapshot));
        });
  }

  /**
   * The whole list; with {@code since}, the changes since that version (a leading change column).
   */
  @GET
  @Path("/domains.csv")
  public Response csv(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("since") String since,
      @Context HttpServerRequest http) {
    SocketAddress remote = http == null ? null : http.remoteAddress();
    return downloads.serveWholeOrChanges(
        "csv",
        CSV,
        authorization,
        since,
        remote == null ? null : remote.hostAddress(),
        DomainsCsv::render,
        DomainsCsv::render);
  }

  @GET
  @Path("/rpz.zone")
  public Response zone(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpServerRequest http) {
    return downloads.serve(
        request("rpz", authorization, null, http),
        list -> {
          ListSnapshot<IwolItem> snapshot = list.snapshot();
          return ListAnswer.whole(snapshot, ZONE, rpz.render(snapshot));
        });
  }

  /** JSON: what changed since {@code since}, or the whole list marked {@code "full": true}. */
  @GET
  @Path("/changes")
  public Response changes(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("since") String since,
      @Context HttpServerRequest http) {
    return downloads.serve(
        request("changes", authorization, since, http),
        list -> {
          ListChanges<IwolItem> changes = list.changesSince(ListVersion.parse(since));
          return ListAnswer.changes(changes, MediaType.APPLICATION_JSON, changes);
        });
  }

  private static ListDownloads.Request request(
      String format, String authorization, String since, HttpServerRequest http) {
    SocketAddress remote = http == null ? null : http.remoteAddress();
    return new ListDownloads.Request(
        format, authorization, since, remote == null ? null : remote.hostAddress());
  }
}
