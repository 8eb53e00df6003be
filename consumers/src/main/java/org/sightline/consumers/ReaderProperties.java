package org.sightline.consumers;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.sightline.security.KafkaAccess;

/**
 * How this service's readers consume: each view is rebuilt from Kafka (or from a local store that
 * keeps its own offsets), so nothing is committed; reading starts at the beginning; only committed
 * transactions are seen (the processor writes exactly-once: an aborted batch must never reach an
 * analyst, a provider or a platform); and looking a topic up never creates it (auto-created, it
 * would lack the retention and cleanup policy the registry gives it).
 */
public final class ReaderProperties {

  private ReaderProperties() {}

  /** A mutable map: callers add a group or a metadata age where they need one. */
  public static Map<String, Object> of(KafkaAccess kafka, String clientId) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return props;
  }
}
