package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.members.CountryCode;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Disclosure;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Severity;
import org.sightline.testing.SightlineTestStack;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;
import picocli.CommandLine;

/** {@code alerts tail} on a real broker and registry. */
class AlertsTailTest {

  private static Alert alert(String id, Disclosure disclosure, List<String> countries) {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    return Alert.newBuilder()
        .setId(id)
        .setReason(AlertReason.CROSS_BORDER_MATCH)
        .setRecipient("KE")
        .setIndicator("url:http://tail.example/" + id)
        .setIndicatorType(IndicatorType.URL)
        .setSeverity(Severity.HIGH)
        .setDisclosure(disclosure)
        .setCountries(countries)
        .setAgencies(List.of())
        .setSightingIds(List.of())
        .setFirstSeen(now)
        .setLastSeen(now)
        .setCreatedAt(now)
        .setMessage(
            disclosure == Disclosure.HIT_NO_HIT
                ? "Another member holds information on this indicator; contact the secretariat."
                : "Reported by agencies of 2 countries.")
        .setAttributes(Map.of())
        .build();
  }

  @Test
  void printsACountrysAlertsAsLinesOrJson() throws Exception {
    SightlineTestStack stack = SightlineTestStack.get();
    TopicSpec<Alert> topic = Topics.alerts(CountryCode.of("KE"));
    String full = "full-" + UUID.randomUUID();
    String notice = "notice-" + UUID.randomUUID();
    try (KafkaProducer<String, Alert> producer = stack.producer(topic)) {
      producer
          .send(
              new ProducerRecord<>(
                  topic.name(), full, alert(full, Disclosure.FULL, List.of("DE", "KE"))))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  topic.name(), notice, alert(notice, Disclosure.HIT_NO_HIT, List.of())))
          .get();
    }

    List<String> lines = tail("--country", "ke", "--from-beginning", "--max", "100");
    String fullLine = lines.stream().filter(l -> l.contains(full)).findFirst().orElseThrow();
    assertThat(fullLine)
        .contains("HIGH", "CROSS_BORDER_MATCH", "url:http://tail.example/" + full, "[DE,KE]");
    String noticeLine = lines.stream().filter(l -> l.contains(notice)).findFirst().orElseThrow();
    assertThat(noticeLine).contains("contact the secretariat").doesNotContain("[");

    List<String> json = tail("--country", "KE", "--from-beginning", "--max", "100", "--json");
    assertThat(json).anyMatch(l -> l.startsWith("{") && l.contains("\"id\": \"" + full + "\""));
  }

  @Test
  void aCountrysPrincipalCannotTailAnotherCountrysAlerts() {
    // KE's credential, DE's alerts: the broker itself says no.
    List<String> lines = tail("--country", "DE", "--principal", "country-ke", "--from-beginning");
    assertThat(lines)
        .contains("exit: 1")
        .anyMatch(l -> l.startsWith("stderr: ") && l.contains("refuses principal 'country-ke'"));
    assertThat(lines).noneMatch(l -> l.contains("CROSS_BORDER_MATCH"));
  }

  @Test
  void anUnknownCountryIsRefusedWithTheReason() {
    CommandLine cli = new CommandLine(new AlertsCommand());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AlertsCommand.Tail tail = new AlertsCommand.Tail();
    tail.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(tail).execute("--country", "XX");
    assertThat(exit).isEqualTo(CanonCommand.INVALID);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--country");
    assertThat(cli.getSubcommands()).containsKey("tail");
  }

  /** Reads what is there (the test's alerts, at most {@code --max}) and stops when idle. */
  private static List<String> tail(String... args) {
    AlertsCommand.Tail tail = new AlertsCommand.Tail();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tail.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    tail.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--exit-when-idle", "10"));
    int exit = new CommandLine(tail).execute(StackOptions.with(all.toArray(String[]::new)));
    List<String> lines = new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
    err.toString(StandardCharsets.UTF_8).lines().map(l -> "stderr: " + l).forEach(lines::add);
    lines.add("exit: " + exit);
    return lines;
  }
}
