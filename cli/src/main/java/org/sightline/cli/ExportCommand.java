package org.sightline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.AuthorizationException;
import org.sightline.client.KafkaAccess;
import org.sightline.schema.Alert;
import org.sightline.standards.stix.StixAlerts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a member's alerts look like in the field's standards, written to a file. */
@Command(
    name = "export",
    description = "Write a member's alerts in a standard format.",
    subcommands = {ExportCommand.Stix.class})
final class ExportCommand {

  @Command(
      name = "stix",
      description = {
        "Write a country's (or an agency's own) alerts as a STIX 2.1 bundle: an indicator and a"
            + " sighting per alert, TLP 2.0 markings; read from alerts.<CC> as that country's"
            + " principal, so it holds exactly what the console shows it.",
        "Exit 0 written, 2 bad options or refused by the broker."
      })
  static final class Stix implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
        names = "--country",
        paramLabel = "XX",
        description = "A member country, or 'secretariat'")
    String country;

    @Option(names = "--agency", paramLabel = "ID", description = "An agency's own alerts")
    String agency;

    @Option(
        names = "--since",
        description = "Only alerts created at or after this ISO-8601 instant")
    String since;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "The bundle's file (default: stdout)")
    Path out;

    @Mixin BrokerOptions broker = new BrokerOptions();

    @Option(
        names = "--registry",
        defaultValue = "${env:SIGHTLINE_REGISTRY:-http://localhost:18081}")
    String registry;

    PrintStream stdout = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws IOException {
      AlertTopic alerts;
      Instant from;
      try {
        alerts = AlertTopic.of(country, agency);
        from = since == null ? Instant.EPOCH : Instant.parse(since);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        err.println(
            "export stix: "
                + (e instanceof DateTimeParseException ? "--since: " : "")
                + e.getMessage());
        return CanonCommand.INVALID;
      }
      List<Alert> read;
      try {
        read = readAll(broker.access(alerts.principal()), alerts, from);
      } catch (AuthorizationException e) {
        err.println(
            "export stix: the broker refused " + alerts.principal().name() + ": " + e.getMessage());
        return CanonCommand.INVALID;
      } catch (IllegalStateException e) {
        err.println("export stix: " + e.getMessage());
        return CanonCommand.INVALID;
      }
      String bundle =
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(StixAlerts.bundle(read));
      if (out == null) {
        stdout.println(bundle);
      } else {
        Files.writeString(out, bundle + "\n", StandardCharsets.UTF_8);
        err.printf("export stix: %d alerts of %s to %s%n", read.size(), alerts.topic().name(), out);
      }
      return 0;
    }

    /** Every committed alert of the topic created at or after {@code from}, oldest first. */
    private List<Alert> readAll(KafkaAccess access, AlertTopic alerts, Instant from) {
      List<Alert> read = new ArrayList<>();
      WholeTopic.read(
          access,
          registry,
          alerts.topic(),
          Duration.ofMinutes(2),
          r -> {
            if (r.value() != null && !r.value().getCreatedAt().isBefore(from)) {
              read.add(r.value());
            }
          });
      read.sort((a, b) -> a.getCreatedAt().compareTo(b.getCreatedAt()));
      return read;
    }
  }
}
