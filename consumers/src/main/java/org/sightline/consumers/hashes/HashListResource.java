package org.sightline.consumers.hashes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.audit.AuditTrail;
import org.sightline.consumers.lists.ListDownloads;
import org.sightline.consumers.lists.ListVersion;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.members.MemberDirectory;
import org.sightline.schema.HashDownload;
import org.sightline.topics.Topics;

/**
 * The federation's known-hash list for agencies (their intake API key) and vetted platforms (a
 * platform key from the member directory), over HTTP only: VICS 2.0 JSON for forensic triage tools,
 * CSV, each whole or as the changes since a version ({@code since}, from the {@code
 * X-Hashes-Version} header of an earlier answer). Every request, served or refused, is written to
 * {@code hashes.downloads} before anything is answered.
 */
@Path("/api/v1/hashes")
@Singleton
// Each answer waits for its audit record to reach the broker: never on the event loop.
@Blocking
public class HashListResource {

  static final String CSV = "text/csv; charset=utf-8; header=present";

  private final ConsumersConfig config;
  private final KafkaAccess kafka;
  private final ListDownloads<KnownHashItem> downloads;
  private AuditTrail<HashDownload> trail;

  HashListResource(
      ConsumersConfig config, KafkaAccess kafka, KnownHashes hashes, LiveMemberDirectory members) {
    this.config = config;
    this.kafka = kafka;
    this.downloads =
        new ListDownloads<>(
            "hashes",
            "an agency or a platform",
            key -> holder(members.get(), key),
            hashes::isLoaded,
            hashes.list(),
            this::record);
  }

  void start(@Observes StartupEvent event) {
    trail =
        new AuditTrail<>(
            kafka, config.registryUrl(), Topics.HASHES_DOWNLOADS, "sightline-consumers-hashes");
  }

  void stop(@Observes ShutdownEvent event) {
    if (trail != null) {
      trail.close();
    }
  }

  /**
   * VICS 2.0 JSON: the whole list, or with {@code since} the Media added since and the keys off.
   */
  @GET
  @Path("/known.json")
  public Response vics(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("since") String since,
      @Context HttpServerRequest http) {
    return downloads.serveWholeOrChanges(
        "vics",
        MediaType.APPLICATION_JSON,
        authorization,
        since,
        remote(http),
        snapshot -> HashListFormats.vics(snapshot.items(), snapshot.version()),
        HashListFormats::vics);
  }

  /** CSV: the whole list; with {@code since}, the changes since that version. */
  @GET
  @Path("/known.csv")
  public Response csv(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("since") String since,
      @Context HttpServerRequest http) {
    return downloads.serveWholeOrChanges(
        "csv",
        CSV,
        authorization,
        since,
        remote(http),
        snapshot -> HashListFormats.csv(snapshot.items()),
        HashListFormats::csv);
  }

  /** An enabled agency (by its intake key) or an enabled platform; nobody else. */
  static Optional<ListDownloads.Who> holder(MemberDirectory members, String key) {
    Optional<ListDownloads.Who> agency =
        members.authenticate(key).map(a -> new ListDownloads.Who("agency", a.id().value()));
    return agency.isPresent()
        ? agency
        : members.authenticatePlatform(key).map(p -> new ListDownloads.Who("platform", p.id()));
  }

  private boolean record(
      ListDownloads.Request request,
      Instant at,
      ListDownloads.Who who,
      Long since,
      ListVersion version,
      int entries,
      int status) {
    return trail.record(
        who.id(),
        HashDownload.newBuilder()
            .setPrincipalKind(who.kind())
            .setPrincipal(who.id())
            .setAt(at)
            .setFormat(request.format())
            .setSinceVersion(since)
            .setVersion(version.number())
            .setEpoch(version.epoch())
            .setEntries(entries)
            .setStatus(status)
            .setRemoteAddress(request.remoteAddress())
            .build());
  }

  private static String remote(HttpServerRequest http) {
    SocketAddress remote = http == null ? null : http.remoteAddress();
    return remote == null ? null : remote.hostAddress();
  }
}
