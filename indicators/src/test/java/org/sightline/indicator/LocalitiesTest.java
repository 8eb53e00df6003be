package org.sightline.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LocalitiesTest {

  @Test
  void aUrlAHostAndTheirDomainShareALocality() {
    String url =
        Canonicalizer.canonicalize("url", "https://Files.Example.co.uk/a/b?x=1", null)
            .localityKey();
    String host = Canonicalizer.canonicalize("host", "cdn.example.co.uk", null).localityKey();
    String domain = Canonicalizer.canonicalize("domain", "example.co.uk", null).localityKey();
    assertThat(url).isEqualTo("domain:example.co.uk").isEqualTo(host).isEqualTo(domain);
    assertThat(Canonicalizer.canonicalize("url", "http://192.0.2.7/x", null).localityKey())
        .as("an address has no registrable domain: the URL is its own locality")
        .isEqualTo("url:http://192.0.2.7/x");
    assertThat(
            Canonicalizer.canonicalize("md5", "D41D8CD98F00B204E9800998ECF8427E", null)
                .localityKey())
        .isEqualTo("md5:d41d8cd98f00b204e9800998ecf8427e");
  }

  /** Every accepted indicator of the canonicalisation table: its key leads back to its locality. */
  @ParameterizedTest
  @MethodSource("org.sightline.indicator.IndicatorCanonicalizationTest#accepted")
  void theLocalityOfAKeyIsTheLocalityOfItsIndicator(
      String type, String value, String region, String key) {
    CanonicalIndicator indicator = Canonicalizer.canonicalize(type, value, region);
    assertThat(Localities.ofKey(indicator.key())).isEqualTo(indicator.localityKey());
  }

  @Test
  void aPartitionIsTheOneKafkasDefaultPartitionerPicks() {
    for (int partitions : new int[] {1, 3, 6, 12}) {
      for (String locality :
          new String[] {
            "domain:example.com", "sha256:" + "ab".repeat(32), "pdq:" + "f".repeat(64)
          }) {
        assertThat(Localities.partition(locality, partitions))
            .isEqualTo(
                BuiltInPartitioner.partitionForKey(
                    locality.getBytes(StandardCharsets.UTF_8), partitions));
      }
    }
    assertThat(Localities.partitions(Localities.EVERY_PARTITION, 3))
        .contains(java.util.Set.of(0, 1, 2));
  }
}
