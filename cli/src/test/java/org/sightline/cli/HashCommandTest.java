package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.pdq.PdqHash;
import picocli.CommandLine;

/** {@code sightline hash} on PDQ's reference images (kept in the pdq module's test resources). */
class HashCommandTest {

  private static final Path REFERENCE = Path.of("../pdq/src/test/resources/pdq-reference");

  private static Map<String, String> expectedPdq() throws IOException {
    Map<String, String> expected = new HashMap<>();
    for (String line : Files.readAllLines(REFERENCE.resolve("expected-pdq.csv")).subList(1, 13)) {
      String[] f = line.split(",");
      expected.put(f[0], f[1]);
    }
    return expected;
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    HashCommand command = new HashCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(command).execute(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsEveryHashOfEachImageAndPdqWithinTenOfTheReference() throws IOException {
    Map<String, String> expected = expectedPdq();
    Run run =
        run(
            REFERENCE.resolve("aaa-orig.jpg").toString(),
            REFERENCE.resolve("shrink-a-lot.jpg").toString());
    assertThat(run.exit()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("file,md5,sha1,sha256,pdq,pdq_quality,vpdq_frames,vpdq_distinct");
    assertThat(lines).hasSize(3);
    for (String line : lines.subList(1, 3)) {
      String[] f = line.split(",", -1);
      assertThat(f).hasSize(8);
      assertThat(f[6]).isEmpty();
      assertThat(f[1]).matches("[0-9a-f]{32}");
      assertThat(f[2]).matches("[0-9a-f]{40}");
      assertThat(f[3]).matches("[0-9a-f]{64}");
      assertThat(f[4]).matches("[0-9a-f]{64}");
      String name = Path.of(f[0]).getFileName().toString();
      int quality = Integer.parseInt(f[5]);
      assertThat(quality).isBetween(80, 100);
      assertThat(PdqHash.fromHex(f[4]).distance(PdqHash.fromHex(expected.get(name))))
          .as(name)
          .isLessThanOrEqualTo(10);
    }
  }

  @Test
  void theSha256IsThatOfTheFileBytes(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("a, \"quoted\" name.jpg");
    Files.copy(REFERENCE.resolve("blur-a-lot.jpg"), copy);
    Run run = run(copy.toString());
    String line = run.out().lines().toList().get(1);
    assertThat(line).startsWith("\"" + copy.toString().replace("\"", "\"\"") + "\",");
    String sha256 =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(copy)));
    assertThat(line).contains("," + sha256 + ",");
  }

  @Test
  void aFileThatIsNoImageIsNamedWithTheReasonAndTheOthersStillPrint(@TempDir Path dir)
      throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "not an image");
    Run run = run(text.toString(), REFERENCE.resolve("aaa-orig.jpg").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("notes.txt");
    assertThat(run.out().lines()).hasSize(2);
  }

  private static final Path VIDEOS = Path.of("../pdq/src/test/resources/vpdq-reference");

  @Test
  void aVideosRowHasItsDigestsAndTheSummaryOfItsVpdq() throws Exception {
    Path clip = VIDEOS.resolve("doorknob-hd-no-bar.mp4");
    Run run = run(clip.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    String[] f = run.out().lines().toList().get(1).split(",", -1);
    assertThat(f).hasSize(8);
    assertThat(f[3])
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(clip))));
    assertThat(f[4]).isEmpty();
    assertThat(f[5]).isEmpty();
    // A 4-second clip at one frame a second: frames 0, 30, 60, 90.
    assertThat(f[6]).isEqualTo("4");
    assertThat(Integer.parseInt(f[7])).isBetween(1, 4);
  }

  @Test
  void vpdqPrintsTheReferenceFormatFrameByFrame() {
    Run every =
        run(
            "--vpdq",
            "--frames-per-second",
            "0",
            VIDEOS.resolve("doorknob-hd-no-bar.mp4").toString());
    assertThat(every.exit()).as(every.err()).isZero();
    List<String> lines = every.out().lines().toList();
    assertThat(lines).hasSize(120);
    assertThat(lines.get(0)).matches("0,\\d{1,3},[0-9a-f]{64},0\\.000");
    assertThat(lines.get(30)).startsWith("30,").endsWith(",1.000");
    Run pruned =
        run(
            "--vpdq",
            "--frames-per-second",
            "0",
            "--prune-distance",
            "10",
            VIDEOS.resolve("doorknob-hd-no-bar.mp4").toString());
    assertThat(pruned.out().lines().count()).isLessThan(120);
  }

  @Test
  void aVideoIsNotPublishedWhileTheBackboneCannotMatchIt() {
    Run run = run("--publish", "--key", "k", VIDEOS.resolve("doorknob-hd-no-bar.mp4").toString());
    assertThat(run.exit()).isEqualTo(CanonCommand.INVALID);
    assertThat(run.err()).contains("cannot be published yet");
  }

  @Test
  void publishingWithoutAKeyIsRefusedBeforeAnythingIsRead() {
    Run run = run("--publish", "--key", "", REFERENCE.resolve("aaa-orig.jpg").toString());
    assertThat(run.exit()).isEqualTo(CanonCommand.INVALID);
    assertThat(run.err()).contains("API key");
  }
}
