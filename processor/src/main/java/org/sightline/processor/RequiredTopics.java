package org.sightline.processor;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.sightline.processor.topology.CorrelationTopology;
import org.sightline.topics.TopicSpec;

/**
 * {@code quarkus.kafka-streams.topics}, the topics the processor waits for before it starts, from
 * the topology's own list ({@link CorrelationTopology#NAMED_TOPICS}) rather than a copy of their
 * names in a properties file, which had fallen behind the topology. Registered with the
 * ServiceLoader; below application.properties, which could still override it.
 */
public final class RequiredTopics implements ConfigSource {

  static final String PROPERTY = "quarkus.kafka-streams.topics";

  private static final String VALUE =
      CorrelationTopology.NAMED_TOPICS.stream()
          .map(TopicSpec::name)
          .collect(Collectors.joining(","));

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(PROPERTY);
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(PROPERTY, VALUE);
  }

  @Override
  public String getValue(String propertyName) {
    return PROPERTY.equals(propertyName) ? VALUE : null;
  }

  @Override
  public String getName() {
    return "sightline-required-topics";
  }

  @Override
  public int getOrdinal() {
    return 200;
  }
}
