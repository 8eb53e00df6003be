package org.sightline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.cli.SightlineCli;
import org.sightline.imports.ImportDefaults;
import org.sightline.imports.ImportFormat;
import org.sightline.imports.ImportItem;
import org.sightline.imports.ImportReader;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.TestMembers;
import picocli.CommandLine;

/**
 * {@code sightline import} against this intake: interrupted after the intake confirmed a batch but
 * before the journal recorded it (the worst moment), then run again — every sighting is on the
 * topic exactly once and the summary counts every line. 20,000 lines by default; {@code
 * -Dsightline.import.lines=100000} for the full size.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class ImportResumeTest {

  @TestHTTPResource("/")
  URL intake;

  @Test
  void anInterruptedImportResumedLaterWritesEachSightingOnce(@TempDir Path dir) throws IOException {
    int lines = Integer.getInteger("sightline.import.lines", 20_000);
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path file = dir.resolve("feed.ndjson");
    int invalid = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (int i = 0; i < lines; i++) {
        boolean bad = i % 50 == 7;
        invalid += bad ? 1 : 0;
        // A third of the lines carry no id: the import derives one from the content.
        String id = i % 3 == 0 ? "" : "\"id\":\"imp-" + run + "-" + i + "\",";
        w.write(
            "{"
                + id
                + "\"observedAt\":\"2026-01-01T00:00:00Z\",\"indicator\":{\"type\":\"url\",\"value\":\"http://"
                + run
                + ".example/"
                + i
                + "\"},\"category\":\"CSAM\",\"confidence\":"
                + (bad ? 101 : 70)
                + ",\"tlp\":\"GREEN\"}\n");
      }
    }
    List<String> expected = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        ImportReader reader = ImportReader.open(ImportFormat.NDJSON, in, ImportDefaults.NONE)) {
      for (ImportItem item = reader.next(); item != null; item = reader.next()) {
        if (item.sighting().get("confidence").asInt() <= 100) {
          expected.add(item.id());
        }
      }
    }
    String[] args = {
      "import",
      file.toString(),
      "--intake",
      intake.toString(),
      "--key",
      TestMembers.apiKey(TestMembers.JO_POLICE),
      "--batch-size",
      "1000",
      "--parallel",
      "2",
      "--no-progress"
    };

    int first = cli(append(args, "--interrupt-after-batches", "3"));
    assertThat(first).isEqualTo(130);
    Properties journal = journal(file);
    assertThat(journal.getProperty("acknowledged-items")).isEqualTo("2000");
    assertThat(journal.getProperty("complete")).isEqualTo("false");

    int second = cli(args);
    assertThat(second).as("some lines are refused").isEqualTo(1);
    journal = journal(file);
    assertThat(journal.getProperty("complete")).isEqualTo("true");
    assertThat(Long.parseLong(journal.getProperty("accepted"))).isEqualTo(lines - invalid);
    assertThat(Long.parseLong(journal.getProperty("rejected"))).isEqualTo(invalid);
    assertThat(Long.parseLong(journal.getProperty("already-held")))
        .as("the batches in flight at the interruption were sent again and recognised")
        .isGreaterThanOrEqualTo(1000);

    Map<String, Integer> counts = TopicRecords.countsByKey(TestMembers.JO_POLICE);
    assertThat(expected).hasSize(lines - invalid);
    assertThat(expected).allSatisfy(id -> assertThat(counts.get(id)).as(id).isEqualTo(1));
    long mine =
        counts.keySet().stream().filter(k -> k.contains(run) || expected.contains(k)).count();
    assertThat(mine).isEqualTo(expected.size());

    // A third run sends nothing: the journal says the file is in.
    assertThat(cli(args)).isEqualTo(1);
    assertThat(
            TopicRecords.countsByKey(TestMembers.JO_POLICE).values().stream()
                .mapToInt(i -> i)
                .sum())
        .isEqualTo(counts.values().stream().mapToInt(i -> i).sum());
  }

  private static int cli(String... args) {
    return new CommandLine(new SightlineCli()).execute(args);
  }

  private static String[] append(String[] args, String... more) {
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  private static Properties journal(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        Files.newInputStream(file.resolveSibling(file.getFileName() + ".sightline-import"))) {
      p.load(in);
    }
    return p;
  }
}
