package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;
import org.sightline.testing.TestSightings;
import org.sightline.topics.StoreNames;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * The processor, like every client, only looks schemas up; the admin registers them beforehand from
 * {@code Topics.all} and {@link StoreNames#avroInternalTopics}. Every subject the topology's serdes
 * use must be in those lists (else the processor fails on a registry that refuses its writes), and
 * every internal subject listed must really be used (else the list is stale).
 */
class RegistrySubjectsTest {

  @Test
  void everySubjectTheTopologyUsesIsProvisionedByTheAdmin() {
    Set<String> used = new HashSet<>();
    // Apicurio's resolver caches a look-up by schema content, per serde: the topology's one
    // AttributedEvent serde looks its schema up under whichever repartition topic comes first. So
    // one run per path: a record keyed by its id (moved to its locality), a cross-border URL
    // (fan-out, correlation, alerts, the IWOL list, a
    // delisting, a refused record, the metrics' hand-off), then PDQ near-duplicates alone.
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(TestMembers.NL_POLICE, "s-1", "http://subjects.example/a", Tlp.GREEN, T0);
      f.sighting(
          TestMembers.DE_POLICE, "s-2", "http://subjects.example/a", Tlp.GREEN, T0.plusSeconds(1));
      f.sighting(
          TestMembers.JO_POLICE, "s-3", "http://subjects.example/b", Tlp.RED, T0.plusSeconds(2));
      f.delist("subjects.example", "secretariat", "test", T0.plusSeconds(5));
      f.sighting(TestMembers.NL_POLICE, "bad", "not a url at all", Tlp.GREEN, T0.plusSeconds(6));
      f.advanceWallClock(Duration.ofMinutes(2));
      f.alerts("NL").readValuesToList();
      f.metrics().readValuesToList();
      used.addAll(f.registry().subjectsLookedUp());
    }
    try (TopologyFixture f = new TopologyFixture()) {
      String hash = NearDuplicateTest.ORIGINAL;
      f.sighting(
          TestMembers.NL_POLICE,
          "p-1",
          IndicatorType.PDQ,
          hash,
          Tlp.GREEN,
          T0,
          b -> b.getIndicator().setQuality(100));
      f.sighting(
          TestMembers.DE_POLICE,
          "p-2",
          IndicatorType.PDQ,
          NearDuplicateTest.flipped(hash, 10),
          Tlp.GREEN,
          T0.plusSeconds(1),
          b -> b.getIndicator().setQuality(100));
      used.addAll(f.registry().subjectsLookedUp());
    }

    // The slow path: a record keyed by its id, not its locality.
    try (TopologyFixture f = new TopologyFixture()) {
      f.publish(
          TestMembers.NL_POLICE,
          TestSightings.url("m-1", "http://subjects.example/m", T0),
          "m-1",
          T0);
      used.addAll(f.registry().subjectsLookedUp());
    }

    Set<String> provisioned = new HashSet<>();
    for (TopicSpec<?> topic : Topics.all(TestMembers.directory())) {
      if (topic.hasSchema()) {
        provisioned.add(topic.valueSubject());
      }
    }
    Set<String> internal = new HashSet<>();
    StoreNames.avroInternalTopics(StoreNames.PROCESSOR_APPLICATION_ID)
        .keySet()
        .forEach(topic -> internal.add(topic + "-value"));
    provisioned.addAll(internal);

    assertThat(provisioned).containsAll(used);
    assertThat(used).containsAll(internal);
  }
}
