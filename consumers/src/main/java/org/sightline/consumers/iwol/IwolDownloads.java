package org.sightline.consumers.iwol;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.function.Function;
import org.sightline.consumers.lists.ListAnswer;
import org.sightline.consumers.lists.ListChanges;
import org.sightline.consumers.lists.ListDownloads;
import org.sightline.consumers.lists.ListSnapshot;
import org.sightline.consumers.lists.ListVersion;
import org.sightline.consumers.lists.VersionedList;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.schema.IwolDownload;

/**
 * The IWOL feed's downloads ({@link ListDownloads}): the caller must be an enabled access provider,
 * and every request, served or refused, leaves one record in {@code iwol.downloads}.
 */
@ApplicationScoped
public class IwolDownloads {

  /** The version of the list an answer is (or, for a refusal, the version held then). */
  public static final String VERSION_HEADER = "X-Iwol-Version";

  /** On an incremental format: {@code true} when the answer is the whole list, not changes. */
  public static final String FULL_HEADER = "X-Iwol-Full";

  private final ListDownloads<IwolItem> downloads;

  IwolDownloads(LiveMemberDirectory members, IwolReader reader, IwolList list, IwolAudit audit) {
    this.downloads =
        new ListDownloads<>(
            "iwol",
            "an access provider",
            // Agency and platform keys are looked up elsewhere: they do not open this list.
            key ->
                members
                    .get()
                    .authenticateAccessProvider(key)
                    .map(p -> new ListDownloads.Who("access-provider", p.id())),
            reader::isLoaded,
            list,
            (request, at, who, since, version, entries, status) ->
                audit.record(record(request, at, who.id(), since, version, entries, status)));
  }

  /** See {@link ListDownloads#serveWholeOrChanges}. */
  public Response serveWholeOrChanges(
      String format,
      String mediaType,
      String authorization,
      String since,
      String remoteAddress,
      Function<ListSnapshot<IwolItem>, Object> whole,
      Function<ListChanges<IwolItem>, Object> changes) {
    return downloads.serveWholeOrChanges(
        format, mediaType, authorization, since, remoteAddress, whole, changes);
  }

  public Response serve(
      ListDownloads.Request request, Function<VersionedList<IwolItem>, ListAnswer> render) {
    return downloads.serve(request, render);
  }

  private static IwolDownload record(
      ListDownloads.Request request,
      Instant at,
      String who,
      Long sinceNumber,
      ListVersion version,
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
}
