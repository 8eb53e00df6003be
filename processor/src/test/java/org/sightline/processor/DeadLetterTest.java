package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.sightline.schema.AlertReason;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;
import org.sightline.testing.TestSightings;
import org.sightline.topics.StoreNames;

/** A defect that throws on one record parks that record and lets everything else through. */
class DeadLetterTest {

  private static final String BY_INDICATOR_TOPIC =
      StoreNames.PROCESSOR_APPLICATION_ID + "-" + StoreNames.BY_INDICATOR + "-repartition";

  @Test
  void aRecordAStageFailsOnGoesToTheDeadLetterTopicAndProcessingGoesOn() {
    try (TopologyFixture f = new TopologyFixture()) {
      // No decoder lets such a key through; written straight behind it, it makes the correlator
      // throw, as a defect would.
      AttributedEvent impossible =
          AttributedEvent.newBuilder()
              .setAgencyId("nl-police")
              .setCountry("NL")
              .setIndicatorKey("nonsense:value")
              .setPayload(TestSightings.url("nl-x", "http://x.example/", T0).getPayload())
              .build();
      f.pipe(
          BY_INDICATOR_TOPIC,
          "nonsense:value",
          impossible,
          f.serdes().avro(AttributedEvent.class),
          T0);

      List<TestRecord<String, byte[]>> parked = f.deadLetters().readRecordsToList();
      assertThat(parked).hasSize(1);
      assertThat(parked.get(0).key()).isEqualTo("nonsense:value");
      assertThat(headers(parked.get(0)))
          .anyMatch(h -> h.contains("exception") && h.contains("IllegalArgumentException"));
      assertThat(f.states().get("nonsense:value")).isNull();

      f.sighting(TestMembers.NL_POLICE, "nl-1", "http://after.example/", Tlp.GREEN, T0);
      f.sighting(
          TestMembers.DE_POLICE, "de-1", "http://after.example/", Tlp.GREEN, T0.plusSeconds(1));
      assertThat(f.alerts("NL").readValue().getReason()).isEqualTo(AlertReason.CROSS_BORDER_MATCH);
      assertThat(f.rejected().isEmpty()).as("a defect is not the sender's fault").isTrue();
    }
  }

  /**
   * A record of an internal topic that cannot be decoded — bytes that are no Avro, or Avro naming a
   * schema id the registry does not know — is parked with the reason, and correlation goes on.
   */
  @Test
  void anUndecodableRecordOfAnInternalTopicIsParkedAndCorrelationGoesOn() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.publishRaw(BY_INDICATOR_TOPIC, "url:http://x.example/", "not avro".getBytes(), T0);
      f.publishRaw(
          BY_INDICATOR_TOPIC, "url:http://y.example/", new byte[] {0, 0, 1, -122, -96, 2, 4}, T0);

      List<TestRecord<String, byte[]>> parked = f.deadLetters().readRecordsToList();
      assertThat(parked).hasSize(2);
      assertThat(parked.get(0).value()).isEqualTo("not avro".getBytes());
      assertThat(headers(parked.get(0)))
          .anyMatch(h -> h.startsWith("__streams.errors.topic=" + BY_INDICATOR_TOPIC))
          .anyMatch(h -> h.startsWith("__streams.errors.exception="));

      f.sighting(TestMembers.NL_POLICE, "nl-1", "http://after.example/", Tlp.GREEN, T0);
      f.sighting(
          TestMembers.DE_POLICE, "de-1", "http://after.example/", Tlp.GREEN, T0.plusSeconds(1));
      assertThat(f.alerts("NL").readValue().getReason()).isEqualTo(AlertReason.CROSS_BORDER_MATCH);
    }
  }

  private static List<String> headers(TestRecord<String, byte[]> record) {
    return java.util.Arrays.stream(record.headers().toArray())
        .map(DeadLetterTest::describe)
        .toList();
  }

  private static String describe(Header h) {
    return h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8);
  }
}
