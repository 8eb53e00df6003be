package org.sightline.consumers.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sightline.consumers.alerts.AlertFeed;
import org.sightline.consumers.alerts.AlertStore;
import org.sightline.consumers.alerts.AlertView;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.members.User;
import org.sightline.standards.stix.StixAlerts;

/**
 * A read-only TAXII 2.1 server for the alerts: discovery, one API root, a collection per recipient
 * a user may read (their country's alerts, their agency's own, the secretariat's), and its objects
 * as STIX 2.1 ({@link StixAlerts}) with {@code added_after}, {@code limit} and {@code next} paging.
 * The same users, the same disclosure and the same audit trail as the console: a TAXII client logs
 * in with a console user's name and password (HTTP Basic, checked by {@code AccessFilter}, over the
 * same TLS as the console in production), sees only what that user sees, and every read of objects
 * is on {@code audit.console-views}. A request that does not accept TAXII's media type is 406
 * ({@link TaxiiMediaType}).
 */
@Path("/taxii2")
public class TaxiiResource {

  static final String TAXII = org.sightline.consumers.auth.AccessFilter.TAXII;
  static final String STIX = "application/stix+json;version=2.1";

  /** Objects per page when the client does not say, and at most. */
  static final int DEFAULT_LIMIT = 100;

  static final int MAX_LIMIT = 1000;

  /** Alerts a collection is read from at most per request (a year of a country's alerts). */
  static final int MAX_ALERTS = 100_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SignedIn signedIn;
  private final AlertFeed feed;
  private final ConsoleAudit audit;

  TaxiiResource(SignedIn signedIn, AlertFeed feed, ConsoleAudit audit) {
    this.signedIn = signedIn;
    this.feed = feed;
    this.audit = audit;
  }

  /** A collection: whose alerts, under which id. */
  record Collection(String id, String recipient) {
    static Collection of(String recipient) {
      return new Collection(
          StixAlerts.uuid("taxii-collection\n" + recipient).toString(), recipient);
    }

    ObjectNode resource() {
      ObjectNode c = JSON.createObjectNode();
      c.put("id", id);
      c.put(
          "title",
          recipient.equals("secretariat")
              ? "Alerts for the secretariat"
              : recipient.startsWith("agency:")
                  ? "Alerts of agency " + recipient.substring("agency:".length())
                  : "Alerts for " + recipient);
      c.put("description", "Sightline alerts, as the console shows them to their recipient.");
      c.put("can_read", true);
      c.put("can_write", false);
      c.putArray("media_types").add(STIX);
      return c;
    }
  }

  @GET
  @Path("/")
  public Response discovery(@Context UriInfo uri) {
    signedIn.user();
    ObjectNode d = JSON.createObjectNode();
    d.put("title", "Sightline");
    d.put("description", "The federation's alerts for the tools members already run.");
    String root = uri.getBaseUriBuilder().path("taxii2/api/").build().toString();
    d.put("default", root);
    d.putArray("api_roots").add(root);
    return ok(d);
  }

  @GET
  @Path("/api/")
  public Response apiRoot() {
    signedIn.user();
    ObjectNode r = JSON.createObjectNode();
    r.put("title", "Sightline alerts");
    r.putArray("versions").add(TAXII);
    r.put("max_content_length", 0);
    return ok(r);
  }

  @GET
  @Path("/api/collections/")
  public Response collections() {
    ObjectNode r = JSON.createObjectNode();
    ArrayNode list = r.putArray("collections");
    collectionsOf(signedIn.user()).forEach(c -> list.add(c.resource()));
    return ok(r);
  }

  @GET
  @Path("/api/collections/{id}/")
  public Response collection(@PathParam("id") String id) {
    return find(signedIn.user(), id)
        .map(c -> ok(c.resource()))
        .orElseGet(() -> noSuchCollection(id));
  }

  @GET
  @Path("/api/collections/{id}/objects/")
  public Response objects(
      @PathParam("id") String id,
      @QueryParam("added_after") String addedAfter,
      @QueryParam("limit") String limit,
      @QueryParam("next") String next,
      @Context HttpServerRequest request) {
    User user = signedIn.user();
    Optional<Collection> collection = find(user, id);
    if (collection.isEmpty()) {
      return noSuchCollection(id);
    }
    Instant after;
    int max;
    Cursor from;
    try {
      after = addedAfter == null ? null : Instant.parse(addedAfter);
      max = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit);
      if (max < 1) {
        throw new NumberFormatException("below 1");
      }
      max = Math.min(max, MAX_LIMIT);
      from = next == null ? null : Cursor.parse(next);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return error(
          400,
          "bad query parameter",
          "added_after must be a timestamp, limit a number of at least 1, next a token this"
              + " server gave: "
              + e.getMessage());
    }
    List<AlertView> alerts = alertsAfter(collection.get().recipient(), after, from);
    Page selected = page(alerts, max);
    List<AlertView> page = selected.alerts();
    boolean more = page.size() < alerts.size();
    audit.require(
        user,
        collection.get().recipient(),
        "taxii-objects",
        collection.get().id(),
        page.size(),
        request);
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("more", more);
    if (more) {
      envelope.put("next", Cursor.of(page.get(page.size() - 1)).token());
    }
    envelope.set("objects", selected.objects());
    Response.ResponseBuilder r = Response.ok(envelope.toString(), TAXII);
    if (!page.isEmpty()) {
      r.header("X-TAXII-Date-Added-First", StixAlerts.time(page.get(0).createdAt()));
      r.header("X-TAXII-Date-Added-Last", StixAlerts.time(page.get(page.size() - 1).createdAt()));
    }
    return r.build();
  }

  /** A page: its alerts, and their objects as {@link StixAlerts} makes them. */
  record Page(List<AlertView> alerts, JsonNode objects) {}

  /**
   * As many whole alerts as fit in {@code max} objects, at least one: counted on the objects {@link
   * StixAlerts} makes of them (shared identities and markings included), not on a second idea of
   * how many there are.
   */
  static Page page(List<AlertView> alerts, int max) {
    // Every alert is at least an indicator and its sighting: no more than half the limit fits.
    int n = Math.min(alerts.size(), Math.max(1, max / 2));
    while (true) {
      List<AlertView> chosen = List.copyOf(alerts.subList(0, n));
      JsonNode objects =
          chosen.isEmpty()
              ? JSON.createArrayNode()
              : StixAlerts.bundle(chosen.stream().map(AlertView::toAlert).toList()).get("objects");
      if (n <= 1 || objects.size() <= max) {
        return new Page(chosen, objects);
      }
      // Each alert dropped takes at least two objects with it.
      n -= Math.max(1, (objects.size() - max + 1) / 2);
    }
  }

  /** Where a page ended: the last alert's creation time and id (alerts are ordered by both). */
  record Cursor(Instant createdAt, String id) {
    static Cursor of(AlertView alert) {
      return new Cursor(alert.createdAt(), alert.id());
    }

    String token() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((createdAt.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor parse(String token) {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = s.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("not a token of this server");
      }
      return new Cursor(
          Instant.ofEpochMilli(Long.parseLong(s.substring(0, colon))), s.substring(colon + 1));
    }

    boolean isBefore(AlertView alert) {
      int c = createdAt.compareTo(alert.createdAt());
      return c < 0 || (c == 0 && id.compareTo(alert.id()) < 0);
    }
  }

  private static final Comparator<AlertView> ADDED =
      Comparator.comparing(AlertView::createdAt).thenComparing(AlertView::id);

  /**
   * The recipient's alerts added after {@code after} and past {@code from}, oldest first. The store
   * is asked from the later of the two, so a client paging through a year reads each page's alerts,
   * not the whole history again for every page.
   */
  private List<AlertView> alertsAfter(String recipient, Instant after, Cursor from) {
    Instant since = after == null ? null : after.plusMillis(1);
    if (from != null && (since == null || from.createdAt().isAfter(since))) {
      since = from.createdAt();
    }
    AlertStore.Query query = new AlertStore.Query(since, null, null, a -> true);
    List<AlertView> all = new ArrayList<>();
    String cursor = null;
    do {
      AlertStore.Page page = feed.page(recipient, query, cursor, 1000);
      all.addAll(page.alerts());
      cursor = page.next().orElse(null);
    } while (cursor != null && all.size() < MAX_ALERTS);
    all.sort(ADDED);
    if (from != null) {
      // Alerts of the cursor's own millisecond up to and including it were on an earlier page.
      all.removeIf(a -> !from.isBefore(a));
    }
    return all;
  }

  private static List<Collection> collectionsOf(User user) {
    List<String> recipients = user.isSecretariat() ? List.of("secretariat") : user.ownRecipients();
    return recipients.stream().map(Collection::of).toList();
  }

  private static Optional<Collection> find(User user, String id) {
    return collectionsOf(user).stream().filter(c -> c.id().equals(id)).findFirst();
  }

  private static Response noSuchCollection(String id) {
    return error(404, "no such collection", "no collection " + id + " for this user");
  }

  private static Response ok(ObjectNode body) {
    return Response.ok(body.toString(), TAXII).build();
  }

  private static Response error(int status, String title, String description) {
    return Response.status(status)
        .entity(errorBody(status, title, description).toString())
        .type(TAXII)
        .build();
  }

  private static ObjectNode errorBody(int status, String title, String description) {
    ObjectNode e = JSON.createObjectNode();
    e.put("title", title);
    e.put("description", description);
    e.put("http_status", Integer.toString(status));
    return e;
  }
}
