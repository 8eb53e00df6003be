package org.sightline.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sightline.indicator.Localities;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.EventRole;
import org.sightline.schema.Retraction;
import org.sightline.testing.TestSightings;

/** Where the processor's own repartitions send an event, and which events never leave a task. */
class LocalityPartitionerTest {

  private static final int PARTITIONS = 6;

  private static AttributedEvent sighting(List<String> related, List<String> localities) {
    return AttributedEvent.newBuilder()
        .setAgencyId("nl-police")
        .setCountry("NL")
        .setPayload(
            TestSightings.of(
                    "s-1",
                    org.sightline.schema.IndicatorType.URL,
                    "http://shop.example/a",
                    org.sightline.schema.Tlp.GREEN,
                    Instant.EPOCH)
                .build())
        .setIndicatorKey("url:http://shop.example/a")
        .setLocality("domain:shop.example")
        .setDerivedKeys(List.of("domain:shop.example"))
        .setRelatedKeys(related)
        .setRelatedLocalities(localities)
        .build();
  }

  private static int partitionOf(String stateKey, AttributedEvent event) {
    Optional<Set<Integer>> partitions =
        LocalityPartitioner.ofStates().partitions("t", stateKey, event, PARTITIONS);
    assertThat(partitions).isPresent();
    assertThat(partitions.get()).hasSize(1);
    return partitions.get().iterator().next();
  }

  @Test
  void aStateGoesToThePartitionOfItsLocalityWhicheverEventCarriesIt() {
    String wallet = "wallet:btc:1BoatSLRHtKNngkdXEeobR76b53LETtpyT";
    String otherUrl = "url:http://files.example/x";
    AttributedEvent event =
        sighting(List.of(wallet, otherUrl), List.of(wallet, "domain:files.example"));
    AttributedEvent related = AttributedEvent.newBuilder(event).setRole(EventRole.RELATED).build();
    assertThat(partitionOf(wallet, related)).isEqualTo(Localities.partition(wallet, PARTITIONS));
    assertThat(partitionOf(otherUrl, related))
        .as("a related URL lives under its domain, as its own sightings do")
        .isEqualTo(Localities.partition("domain:files.example", PARTITIONS));

    // A retraction's related keys come from the ledger without localities: worked out again.
    AttributedEvent retracted =
        AttributedEvent.newBuilder(related)
            .setPayload(new Retraction("s-1", Instant.EPOCH, null, null, false))
            .setRelatedLocalities(List.of())
            .build();
    assertThat(partitionOf(otherUrl, retracted))
        .isEqualTo(Localities.partition("domain:files.example", PARTITIONS));
  }

  @Test
  void theSightingsOwnIndicatorAndDomainAndARelatedIndicatorOfItsLocalityStayInItsTask() {
    AttributedEvent event =
        sighting(
            List.of("url:http://shop.example/b", "wallet:btc:1BoatSLRHtKNngkdXEeobR76b53LETtpyT"),
            List.of("domain:shop.example", "wallet:btc:1BoatSLRHtKNngkdXEeobR76b53LETtpyT"));
    assertThat(CorrelationTopology.local("url:http://shop.example/a", event)).isTrue();
    AttributedEvent derived = AttributedEvent.newBuilder(event).setRole(EventRole.DERIVED).build();
    assertThat(CorrelationTopology.local("domain:shop.example", derived)).isTrue();
    AttributedEvent related = AttributedEvent.newBuilder(event).setRole(EventRole.RELATED).build();
    assertThat(CorrelationTopology.local("url:http://shop.example/b", related)).isTrue();
    assertThat(CorrelationTopology.local("wallet:btc:1BoatSLRHtKNngkdXEeobR76b53LETtpyT", related))
        .isFalse();
  }

  @Test
  void aRecordForEveryTaskGoesToEveryPartition() {
    assertThat(
            LocalityPartitioner.ofLocalities()
                .partitions("t", Localities.EVERY_PARTITION, null, PARTITIONS))
        .contains(Set.of(0, 1, 2, 3, 4, 5));
    assertThat(LocalityPartitioner.ofLocalities().partitions("t", "domain:shop.example", null, 6))
        .contains(Set.of(Localities.partition("domain:shop.example", 6)));
  }
}
