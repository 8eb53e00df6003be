package org.sightline.consumers.iwol;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.audit.AuditTrail;
import org.sightline.schema.IwolDownload;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Writes one {@link IwolDownload} to {@code iwol.downloads} per request for the list, keyed by the
 * access provider, and waits for the broker to have it: a download is handed out only once it is on
 * record.
 */
@ApplicationScoped
public class IwolAudit {

  /** The {@code accessProvider} of a request that presented no valid provider key. */
  public static final String UNAUTHENTICATED = "unauthenticated";

  private static final TopicSpec<IwolDownload> TOPIC = Topics.IWOL_DOWNLOADS;

  private final ConsumersConfig config;
  private final KafkaAccess kafka;
  private AuditTrail<IwolDownload> trail;

  IwolAudit(ConsumersConfig config, KafkaAccess kafka) {
    this.config = config;
    this.kafka = kafka;
  }

  void start(@Observes StartupEvent event) {
    trail = new AuditTrail<>(kafka, config.registryUrl(), TOPIC, "sightline-consumers-iwol-audit");
  }

  void stop(@Observes ShutdownEvent event) {
    if (trail != null) {
      trail.close();
    }
  }

  /** Whether the record is on the broker; a failure is logged with the record. */
  public boolean record(IwolDownload download) {
    return trail.record(download.getAccessProvider(), download);
  }
}
