package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every verb, at every depth, prints its help for {@code --help} and {@code -h}, and exits 0. */
class HelpTest {

  @Test
  void everyVerbAnswersHelpWithItsUsageAndExitsZero() {
    List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(new SightlineCli()), new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(15);
    for (List<String> path : paths) {
      for (String flag : List.of("--help", "-h")) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SightlineCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        int exit = cli.execute(args.toArray(String[]::new));
        assertThat(exit).as(String.join(" ", args) + ": " + err).isZero();
        assertThat(out.toString()).as(String.join(" ", args)).contains("Usage:");
        assertThat(err.toString()).as(String.join(" ", args)).isEmpty();
      }
    }
  }

  private static void collect(CommandLine command, List<String> prefix, List<List<String>> out) {
    for (var entry : command.getSubcommands().entrySet()) {
      if (!entry.getValue().getCommandName().equals(entry.getKey())) {
        continue; // an alias
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(entry.getKey());
      out.add(path);
      collect(entry.getValue(), path, out);
    }
  }
}
