package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/** {@code export stix} on a real broker and registry, as the country's own principal. */
class ExportStixTest {

  private static Alert alert(String id, Instant createdAt) {
    return Alert.newBuilder()
        .setId(id)
        .setReason(AlertReason.CROSS_BORDER_MATCH)
        .setRecipient("JO")
        .setIndicator("url:http://export.example/" + id)
        .setIndicatorType(IndicatorType.URL)
        .setSeverity(Severity.HIGH)
        .setDisclosure(Disclosure.FULL)
        .setCountries(List.of("JO", "NL"))
        .setAgencies(List.of("nl-police"))
        .setSightingIds(List.of("nl-police/s-1"))
        .setFirstSeen(createdAt)
        .setLastSeen(createdAt)
        .setCreatedAt(createdAt)
        .setMessage("Reported by agencies of 2 countries.")
        .setAttributes(Map.of())
        .build();
  }

  @Test
  void aCountrysAlertsBecomeAStixBundleFile(@TempDir Path dir) throws Exception {
    SightlineTestStack stack = SightlineTestStack.get();
    TopicSpec<Alert> topic = Topics.alerts(CountryCode.of("JO"));
    String old = "old-" + UUID.randomUUID();
    String recent = "recent-" + UUID.randomUUID();
    try (KafkaProducer<String, Alert> producer = stack.producer(topic)) {
      producer
          .send(
              new ProducerRecord<>(
                  topic.name(), old, alert(old, Instant.parse("2026-01-01T00:00:00Z"))))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  topic.name(), recent, alert(recent, Instant.parse("2026-12-01T00:00:00Z"))))
          .get();
    }
    Path file = dir.resolve("jo.stix.json");
    ExportCommand.Stix export = new ExportCommand.Stix();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    export.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit =
        new CommandLine(export)
            .execute(
                StackOptions.with(
                    "--country",
                    "jo",
                    "--since",
                    "2026-06-01T00:00:00Z",
                    "--out",
                    file.toString()));
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode bundle = new ObjectMapper().readTree(Files.readString(file));
    assertThat(bundle.get("type").asText()).isEqualTo("bundle");
    List<String> patterns = new ArrayList<>();
    bundle
        .get("objects")
        .forEach(
            o -> {
              if (o.get("type").asText().equals("indicator")) {
                patterns.add(o.get("pattern").asText());
              }
            });
    assertThat(patterns).contains("[url:value = 'http://export.example/" + recent + "']");
    assertThat(String.join(" ", patterns)).doesNotContain(old);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("alerts.JO");
  }

  @Test
  void aBadSinceIsNamed() {
    ExportCommand.Stix export = new ExportCommand.Stix();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    export.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(export).execute("--country", "JO", "--since", "yesterday");
    assertThat(exit).isEqualTo(CanonCommand.INVALID);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--since");
  }
}
