package org.sightline.topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.sightline.serde.RegistrySerdes;

/**
 * One topic of the backbone: its name, how its keys and values are (de)serialised, and how the
 * broker keeps it. Code, tests, provisioning and deployment manifests all take topics from {@link
 * Topics}, so a topic cannot exist in one place and not the other.
 */
public final class TopicSpec<V extends SpecificRecord> {

  /** How the broker keeps the records of a topic. */
  public enum Cleanup {
    DELETE,
    COMPACT,
    /** Latest record per key, and nothing older than the retention (rolling dashboards). */
    COMPACT_DELETE
  }

  private final String name;
  private final Class<V> valueType;
  private final Cleanup cleanup;
  private final Duration retention;

  TopicSpec(String name, Class<V> valueType, Cleanup cleanup, Duration retention) {
    this.name = Objects.requireNonNull(name, "name");
    this.valueType = valueType;
    this.cleanup = cleanup;
    this.retention = retention;
  }

  public String name() {
    return name;
  }

  public Serde<String> keySerde() {
    return Serdes.String();
  }

  /**
   * A topic that carries other topics' records as raw bytes (a dead-letter queue): no schema of its
   * own, never read through a typed serde.
   */
  static TopicSpec<SpecificRecord> raw(String name, Cleanup cleanup, Duration retention) {
    return new TopicSpec<>(name, null, cleanup, retention);
  }

  /** False for a {@link #raw} topic. */
  public boolean hasSchema() {
    return valueType != null;
  }

  public Serde<V> valueSerde(RegistrySerdes serdes) {
    if (valueType == null) {
      throw new IllegalStateException(name + " carries raw bytes: it has no value serde");
    }
    return serdes.avro(valueType);
  }

  public Class<V> valueType() {
    return valueType;
  }

  /** The value schema, registered in the registry under {@code <name>-value}. */
  public Schema valueSchema() {
    if (valueType == null) {
      throw new IllegalStateException(name + " carries raw bytes: it has no value schema");
    }
    return SpecificData.get().getSchema(valueType);
  }

  /** The registry subject of the value schema (Confluent's TopicNameStrategy). */
  public String valueSubject() {
    return name + "-value";
  }

  public Cleanup cleanup() {
    return cleanup;
  }

  /**
   * How long records are kept; {@code null} means the broker's default (or forever, when
   * compacted).
   */
  public Duration retention() {
    return retention;
  }

  /** Topic-level broker configuration, as the provisioner and the deployment manifests write it. */
  public Map<String, String> brokerConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put(
        TopicConfig.CLEANUP_POLICY_CONFIG,
        switch (cleanup) {
          case COMPACT -> TopicConfig.CLEANUP_POLICY_COMPACT;
          case DELETE -> TopicConfig.CLEANUP_POLICY_DELETE;
          case COMPACT_DELETE ->
              TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE;
        });
    if (retention != null) {
      config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }
    return config;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicSpec<?> other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
