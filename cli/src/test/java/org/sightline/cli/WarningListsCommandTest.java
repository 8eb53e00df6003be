package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.schema.WarningListAction;
import org.sightline.schema.WarningListChange;
import org.sightline.testing.SightlineTestStack;
import org.sightline.topics.Topics;
import picocli.CommandLine;

/** {@code warninglists list|add|remove} on a real broker and registry, as the secretariat. */
class WarningListsCommandTest {

  @Test
  void theSecretariatAddsListsAndRemovesAPatternInCanonicalForm() {
    String domain = "cli-wl-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    assertThat(
            run(
                "add",
                "*." + domain.toUpperCase(),
                "--list",
                "file-hosting",
                "--note",
                "a file host",
                "--by",
                "maria"))
        .contains("exit: 0")
        .anyMatch(l -> l.startsWith("added *." + domain + " to list file-hosting"));
    ConsumerRecord<String, WarningListChange> added =
        SightlineTestStack.get()
            .await(
                Topics.WARNINGLISTS_CHANGES,
                r ->
                    ("*." + domain).equals(r.key())
                        && r.value().getAction() == WarningListAction.ADD,
                1,
                Duration.ofSeconds(20))
            .get(0);
    assertThat(added.value().getRequestedBy()).isEqualTo("cli:maria");
    assertThat(run("list"))
        .anyMatch(l -> l.startsWith("file-hosting") && l.contains("*." + domain));

    assertThat(run("remove", "*." + domain, "--note", "moved")).contains("exit: 0");
    assertThat(run("list")).noneMatch(l -> l.contains("*." + domain));
    assertThat(run("remove", "*." + domain))
        .contains("exit: 2")
        .anyMatch(l -> l.contains("is not on a managed list"));
  }

  @Test
  void aBadPatternIsRefusedSayingWhy() {
    assertThat(run("add", "*.www.example.com"))
        .contains("exit: 2")
        .anyMatch(l -> l.contains("PATTERN a wildcard names a registrable domain (*.example.com)"));
    assertThat(run("add", "cidr:192.0.2.0/24", "--list", "Bad List")).contains("exit: 2");
    assertThat(run("add", "host:cdn.example.com", "--principal", "agency-nl-police"))
        .contains("exit: 2")
        .anyMatch(l -> l.contains("refuses principal 'agency-nl-police'"));
  }

  private static List<String> run(String... args) {
    CommandLine cli = new CommandLine(new WarningListsCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(StackOptions.with(args));
    List<String> lines = new ArrayList<>(out.toString().lines().toList());
    err.toString().lines().map(l -> "stderr: " + l).forEach(lines::add);
    lines.add("exit: " + exit);
    return lines;
  }
}
