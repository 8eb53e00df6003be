package org.sightline.consumers.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ServiceUnavailableException;
import java.time.Instant;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.members.User;
import org.sightline.schema.ConsoleView;
import org.sightline.topics.Topics;

/**
 * One {@link ConsoleView} per look at federation data through the console, on {@code
 * audit.console-views}, keyed by user, written before the answer goes out: when the record cannot
 * be written the request is refused (503), so no view escapes the secretariat's trail.
 */
@ApplicationScoped
public class ConsoleAudit {

  private final ConsumersConfig config;
  private final KafkaAccess kafka;
  private AuditTrail<ConsoleView> trail;

  ConsoleAudit(ConsumersConfig config, KafkaAccess kafka) {
    this.config = config;
    this.kafka = kafka;
  }

  void start(@Observes StartupEvent event) {
    trail =
        new AuditTrail<>(
            kafka,
            config.registryUrl(),
            Topics.AUDIT_CONSOLE_VIEWS,
            "sightline-consumers-console-audit");
  }

  void stop(@Observes ShutdownEvent event) {
    if (trail != null) {
      trail.close();
    }
  }

  /**
   * Records that {@code user} looked at {@code view} of {@code recipient}'s data; throws a 503 when
   * the record is not on the broker. Call it on a worker thread: it waits for the broker.
   */
  public void require(
      User user,
      String recipient,
      String view,
      String target,
      int items,
      HttpServerRequest request) {
    ConsoleView record =
        ConsoleView.newBuilder()
            .setUser(user.id())
            .setRecipient(recipient)
            .setAt(Instant.now())
            .setView(view)
            .setTarget(target)
            .setItems(items)
            .setRemoteAddress(
                request == null || request.remoteAddress() == null
                    ? null
                    : request.remoteAddress().hostAddress())
            .build();
    if (!trail.record(user.id(), record)) {
      throw new ServiceUnavailableException(
          "this view cannot be recorded in the audit trail right now; try again in a moment");
    }
  }
}
