package org.sightline.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How a client reaches the broker: SASL_SSL with SCRAM-SHA-512 as one principal, trusting the
 * federation's certificate authority. There is no plaintext variant: the broker has no plaintext
 * listener.
 *
 * @param caCertificate PEM file of the certificate authority that signed the broker's certificate
 */
public record KafkaAccess(
    String bootstrapServers, String principal, String password, Path caCertificate) {

  public static final String SECURITY_PROTOCOL = "SASL_SSL";
  public static final String SASL_MECHANISM = "SCRAM-SHA-512";

  /** The local broker's listener, as {@code ./sightline up} starts it ({@code SIGHTLINE_KAFKA}). */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:19092";

  /**
   * The local installation's CA, as {@code ./sightline up} makes it ({@code SIGHTLINE_KAFKA_CA}).
   */
  public static final String DEFAULT_CA = ".sightline/tls/ca.pem";

  public KafkaAccess {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caCertificate, "caCertificate");
  }

  /**
   * A service's access from its configuration, or a clear error naming what to set when the
   * password is missing (a service never starts without its login).
   */
  public static KafkaAccess forService(
      String bootstrapServers, String principal, Optional<String> password, Path caCertificate) {
    return new KafkaAccess(
        bootstrapServers,
        principal,
        password
            .filter(p -> !p.isBlank())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no broker password for principal '"
                            + principal
                            + "': set SIGHTLINE_KAFKA_PASSWORD (./sightline up keeps it in"
                            + " .sightline/credentials/"
                            + principal
                            + ".password)")),
        caCertificate);
  }

  /** The bootstrap servers and security settings every producer, consumer or admin client needs. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.putAll(securityProperties());
    return props;
  }

  /** {@link #clientProperties()} with a client's own settings added. */
  public Map<String, Object> clientProperties(Map<String, ?> settings) {
    Map<String, Object> props = clientProperties();
    props.putAll(settings);
    return props;
  }

  /**
   * A producer of what someone waits for (an analyst's action, an audit record, an erasure): each
   * write acknowledged by every in-sync replica, idempotent, and given up within {@code wait} when
   * the broker is away, instead of after the client's default minute.
   */
  public Map<String, Object> confirmedProducerProperties(String clientId, Duration wait) {
    Map<String, Object> props = clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) wait.toMillis() / 2);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) wait.toMillis() / 2);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) wait.toMillis());
    return props;
  }

  /**
   * A reader of what Sightline wrote, the one way every service, the CLI and the benchmarks read:
   * only committed transactions (the processor writes exactly-once: an aborted batch must never
   * reach an analyst, a provider or a platform), from the beginning, nothing committed (each view
   * is rebuilt from Kafka; callers add a group where they need one), and looking a topic up never
   * creates it (auto-created, it would lack the retention and cleanup policy the registry gives
   * it). A mutable map.
   */
  public Map<String, Object> readerProperties(String clientId) {
    Map<String, Object> props = clientProperties();
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return props;
  }

  /** The security settings alone, for a client configured elsewhere with its bootstrap servers. */
  public Map<String, Object> securityProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
    props.put(SaslConfigs.SASL_MECHANISM, SASL_MECHANISM);
    props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(principal, password));
    props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
    props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, caCertificate.toAbsolutePath().toString());
    return props;
  }

  /** The JAAS line of a SCRAM client; the password is quoted, and ours never holds a quote. */
  public static String jaasConfig(String user, String password) {
    if (password.indexOf('"') >= 0 || password.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("a Kafka password must not contain quotes or backslashes");
    }
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  @Override
  public String toString() {
    // Never the password: this record ends up in log lines.
    return "KafkaAccess[" + principal + "@" + bootstrapServers + "]";
  }
}
