package org.sightline.consumers.feedhealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Rejection;

/** The counts an agency fixes its feed by, from rejected records as the processor writes them. */
class RejectedRecordsTest {

  private static final Instant NOW = Instant.parse("2026-12-05T12:30:00Z");

  private static void reject(
      RejectedRecords records, String topic, String field, String reason, Instant at) {
    records.accept(
        new ConsumerRecord<>(
            "intake.rejected",
            0,
            0,
            "key",
            Rejection.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(1)
                .setSourceOffset(42)
                .setSourceKey("domain:example.com")
                .setField(field)
                .setReason(reason)
                .setRejectedAt(at)
                .build()));
  }

  @Test
  void anAgencysRejectionsAreCountedByFieldAndHourWithTheNewestAsSamples() {
    RejectedRecords records = RejectedRecords.detached();
    for (int i = 0; i < 30; i++) {
      reject(
          records,
          "intake.nl-police",
          "observedAt",
          "observedAt: is in the future",
          NOW.minusSeconds(60 * i));
    }
    reject(
        records,
        "intake.nl-police",
        null,
        "not a Sighting in Avro",
        NOW.minus(Duration.ofHours(3)));
    reject(records, "intake.nl-police", "tlp", "old", NOW.minus(Duration.ofDays(2)));
    reject(records, "intake.de-police", "indicator.value", "not a URL", NOW);
    reject(records, "iwol.reviews", "reason", "a rejection must say why", NOW);

    RejectedRecords.Health nl = records.health("nl-police", 24, NOW);
    assertThat(nl.rejected()).isEqualTo(31);
    assertThat(nl.byField()).containsEntry("observedAt", 30L).containsEntry("(record)", 1L);
    assertThat(nl.byField()).doesNotContainKey("tlp");
    assertThat(nl.perHour()).hasSize(24);
    assertThat(nl.perHour().get(23).count()).as("12:00–13:00").isEqualTo(30);
    assertThat(nl.perHour().get(20).count()).as("09:00–10:00").isEqualTo(1);
    assertThat(nl.samples()).hasSize(RejectedRecords.SAMPLES);
    assertThat(nl.samples().get(0).reason()).isEqualTo("old");
    assertThat(nl.lastRejectedAt()).isEqualTo(NOW);
    assertThat(records.health("nl-police", 72, NOW).byField()).containsEntry("tlp", 1L);

    assertThat(records.overview(24, NOW))
        .extracting(RejectedRecords.Summary::agency)
        .containsExactly("nl-police", "de-police", "secretariat");
    assertThat(records.health("jo-police", 24, NOW).rejected()).isZero();
    assertThat(records.health("jo-police", 24, NOW).samples()).isEmpty();
  }

  @Test
  void theAgencyIsTheOwnerOfTheSourceTopic() {
    assertThat(RejectedRecords.agencyOf("intake.nl-police")).isEqualTo("nl-police");
    assertThat(RejectedRecords.agencyOf("intake.rejected")).isEqualTo("secretariat");
    assertThat(RejectedRecords.agencyOf("hashes.delistings")).isEqualTo("secretariat");
  }
}
