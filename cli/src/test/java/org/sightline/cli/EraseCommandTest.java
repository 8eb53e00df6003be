package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Erasure;
import org.sightline.testing.SightlineTestStack;
import org.sightline.topics.Topics;
import picocli.CommandLine;

/** {@code erase} on a real broker and registry, as the secretariat's principal. */
class EraseCommandTest {

  @Test
  void theSecretariatErasesASightingOnTheRecordWithWhoAndWhy() {
    String sighting = "cli-erase-" + UUID.randomUUID();
    String reason = "court order " + UUID.randomUUID();
    List<String> lines =
        erase("--agency", "nl-police", "--sighting", sighting, "--reason", reason, "--by", "maria");
    assertThat(lines).contains("exit: 0");
    assertThat(lines)
        .anyMatch(l -> l.contains("erasure of sighting " + sighting + " of nl-police"));

    List<ConsumerRecord<String, Erasure>> written = read(reason, 1);
    assertThat(written)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key()).isEqualTo(sighting);
              assertThat(r.value().getAgencyId()).isEqualTo("nl-police");
              assertThat(r.value().getRequestedBy()).isEqualTo("cli:maria");
            });
  }

  @Test
  void aWholeAgencyIsErasedInEveryPartition() {
    String reason = "member leaving " + UUID.randomUUID();
    assertThat(erase("--agency", "jo-police", "--all-sightings", "--reason", reason))
        .contains("exit: 0");
    assertThat(read(reason, SightlineTestStack.PARTITIONS))
        .extracting(ConsumerRecord::partition)
        .containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndAnAgencyMayNotErase() {
    assertThat(erase("--agency", "Not An Agency", "--sighting", "s", "--reason", "x"))
        .contains("exit: 2")
        .anyMatch(l -> l.startsWith("stderr: erase: agency:"));
    assertThat(erase("--agency", "nl-police", "--sighting", "s", "--reason", " "))
        .contains("exit: 2")
        .anyMatch(l -> l.startsWith("stderr: erase: reason:"));
    assertThat(erase("--agency", "nl-police", "--reason", "x"))
        .as("one of --sighting and --all-sightings")
        .contains("exit: 2");
    // An agency's own principal: the broker itself refuses.
    assertThat(
            erase(
                "--agency",
                "nl-police",
                "--sighting",
                "s",
                "--reason",
                "mine",
                "--principal",
                "agency-nl-police"))
        .contains("exit: 2")
        .anyMatch(l -> l.contains("refuses principal 'agency-nl-police'"));
  }

  private static List<ConsumerRecord<String, Erasure>> read(String reason, int expected) {
    return SightlineTestStack.get()
        .await(
            Topics.ERASURE_REQUESTS,
            r -> reason.equals(r.value().getReason()),
            expected,
            Duration.ofSeconds(20));
  }

  private static List<String> erase(String... args) {
    EraseCommand erase = new EraseCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    erase.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    erase.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    CommandLine cli = new CommandLine(erase);
    cli.setErr(new java.io.PrintWriter(erase.err, true));
    int exit = cli.execute(StackOptions.with(args));
    List<String> lines = new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
    err.toString(StandardCharsets.UTF_8).lines().map(l -> "stderr: " + l).forEach(lines::add);
    lines.add("exit: " + exit);
    return lines;
  }
}
