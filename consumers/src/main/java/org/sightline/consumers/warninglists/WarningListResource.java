package org.sightline.consumers.warninglists;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.audit.ConsoleAudit;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.consumers.kafka.ConfirmedProducers;
import org.sightline.indicator.WarningPatterns;
import org.sightline.schema.WarningListAction;
import org.sightline.schema.WarningListChange;
import org.sightline.topics.Topics;

/**
 * The secretariat manages the warning lists of known-benign values. Secretariat users only; every
 * look and change on the console's audit trail first.
 *
 * <ul>
 *   <li>{@code GET /api/v1/warning-lists}: the managed entries, by list;
 *   <li>{@code POST /api/v1/warning-lists} {@code {"pattern","list","note"}}: adds a pattern (a
 *       canonical key, {@code host:}, {@code *.<domain>}, {@code cidr:}), kept in canonical form;
 *   <li>{@code POST /api/v1/warning-lists/removals} {@code {"pattern","note"}}: removes one; 409
 *       when it is not on a managed list.
 * </ul>
 *
 * 202 once {@code warninglists.changes} holds the change; every processor instance applies it from
 * the next sighting on.
 */
@Path("/api/v1/warning-lists")
@Singleton
public class WarningListResource {

  static final int MAX_NOTE = 1000;
  private static final Pattern LIST_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** What the page sends to add a pattern. */
  public record Addition(String pattern, String list, String note) {}

  /** What the page sends to remove one. */
  public record Removal(String pattern, String note) {}

  private final SignedIn signedIn;
  private final ConsoleAudit audit;
  private final WarningListEntries entries;
  private final KafkaProducer<String, WarningListChange> producer;

  WarningListResource(
      SignedIn signedIn,
      ConsoleAudit audit,
      WarningListEntries entries,
      ConsumersConfig config,
      KafkaAccess kafka) {
    this.signedIn = signedIn;
    this.audit = audit;
    this.entries = entries;
    this.producer =
        ConfirmedProducers.of(
            kafka,
            config.registryUrl(),
            Topics.WARNINGLISTS_CHANGES,
            "sightline-consumers-warning-lists",
            WAIT);
  }

  void stop(@Observes ShutdownEvent event) {
    producer.close();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<WarningListEntries.Entry> list(@Context HttpServerRequest http) {
    signedIn.requireSecretariat();
    requireLoaded();
    List<WarningListEntries.Entry> all = entries.all();
    audit.require(signedIn.user(), "secretariat", "warning-lists", "managed", all.size(), http);
    return all;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response add(Addition request, @Context HttpServerRequest http) {
    signedIn.requireSecretariat();
    if (request == null) {
      throw new BadParameterException("a JSON body {pattern, list, note} is required");
    }
    String pattern = pattern(request.pattern());
    String list =
        request.list() == null || request.list().isBlank() ? "managed" : request.list().strip();
    if (!LIST_NAME.matcher(list).matches()) {
      throw new BadParameterException(
          "'list' is a short name in lower case, digits and dashes, e.g. shared-infrastructure");
    }
    return write(pattern, WarningListAction.ADD, list, note(request.note()), http);
  }

  @POST
  @Path("/removals")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response remove(Removal request, @Context HttpServerRequest http) {
    signedIn.requireSecretariat();
    if (request == null) {
      throw new BadParameterException("a JSON body {pattern, note} is required");
    }
    String pattern = pattern(request.pattern());
    requireLoaded();
    WarningListEntries.Entry entry =
        entries
            .get(pattern)
            .orElseThrow(
                () ->
                    new WebApplicationException(
                        Response.status(Response.Status.CONFLICT)
                            .type(MediaType.APPLICATION_JSON)
                            .entity(
                                Map.of(
                                    "error",
                                    "'pattern' " + pattern + " is not on a managed warning list"))
                            .build()));
    return write(pattern, WarningListAction.REMOVE, entry.list(), note(request.note()), http);
  }

  private Response write(
      String pattern, WarningListAction action, String list, String note, HttpServerRequest http) {
    audit.require(
        signedIn.user(),
        "secretariat",
        action == WarningListAction.ADD ? "warning-list-add" : "warning-list-remove",
        pattern,
        1,
        http);
    WarningListChange change =
        WarningListChange.newBuilder()
            .setPattern(pattern)
            .setAction(action)
            .setList(list)
            .setNote(note)
            .setRequestedBy("console:" + signedIn.user().id())
            .setRequestedAt(Instant.now())
            .build();
    ConfirmedProducers.sendAndWait(
        producer, Topics.WARNINGLISTS_CHANGES, pattern, change, WAIT, "warning list change");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pattern", pattern);
    body.put("action", action.name());
    body.put("list", list);
    body.put("requestedBy", change.getRequestedBy());
    return Response.accepted(body).build();
  }

  private void requireLoaded() {
    if (!entries.isLoaded()) {
      throw new ServiceUnavailableException(
          "the warning lists are still being read from the broker; try again in a moment");
    }
  }

  private static String pattern(String value) {
    try {
      return WarningPatterns.canonical(value);
    } catch (IllegalArgumentException e) {
      throw new BadParameterException("'pattern' " + e.getMessage());
    }
  }

  private static String note(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_NOTE) {
      throw new BadParameterException("'note' must be at most " + MAX_NOTE + " characters");
    }
    return value.strip();
  }
}
