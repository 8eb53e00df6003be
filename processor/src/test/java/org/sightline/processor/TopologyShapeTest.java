package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.sightline.processor.topology.CorrelationTopology;
import org.sightline.processor.topology.ProcessorSettings;
import org.sightline.serde.RegistrySerdes;
import org.sightline.testing.TestMembers;

/**
 * The topology's shape is part of its contract with the state it left behind: Kafka Streams numbers
 * sub-topologies, and so tasks and their state directories, by the order nodes are added, and finds
 * stores and internal topics by name. A change to either must be deliberate, so the description is
 * pinned in {@code src/test/resources/topology.txt}. After an intended change, run this test with
 * {@code -Dsightline.topology.update=true} and commit the new file with the change.
 */
class TopologyShapeTest {

  private static final Path PINNED = Path.of("src/test/resources/topology.txt");

  private static TopologyDescription description() {
    return CorrelationTopology.build(
            TestMembers.directory(),
            RegistrySerdes.forRegistry("http://localhost:1"),
            ProcessorSettings.defaults())
        .describe();
  }

  @Test
  void theProcessorWaitsForEveryTopicTheTopologyNames() {
    Set<String> named = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : description().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          named.addAll(source.topicSet());
        }
        if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
          named.add(sink.topic());
        }
      }
    }
    for (TopologyDescription.GlobalStore global : description().globalStores()) {
      named.addAll(global.source().topicSet());
    }
    // Internal topics are the topology's own: Streams creates them.
    named.removeIf(topic -> topic.endsWith("-repartition"));
    List<String> waitedFor =
        List.of(new RequiredTopics().getValue("quarkus.kafka-streams.topics").split(","));
    assertThat(waitedFor).containsAll(named);
    assertThat(waitedFor)
        .as("besides what the topology names: the secretariat's alerts and the dead letters")
        .containsExactlyInAnyOrderElementsOf(
            concat(named, "alerts.secretariat", "processor.dead-letter"));
  }

  private static Set<String> concat(Set<String> named, String... more) {
    Set<String> all = new TreeSet<>(named);
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void theTopologyIsThePinnedOne() throws Exception {
    String now =
        description()
            .toString()
            // Lambdas print their generated class names, which change from run to run.
            .replaceAll("\\$\\$Lambda[^ )]*", "\\$\\$Lambda");
    if (Boolean.getBoolean("sightline.topology.update")) {
      Files.writeString(PINNED, now, StandardCharsets.UTF_8);
    }
    assertThat(now)
        .as("the topology's description; see this test's comment to update it deliberately")
        .isEqualTo(Files.readString(PINNED, StandardCharsets.UTF_8));
  }
}
