package org.sightline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.cli.SightlineCli;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.TestMembers;
import picocli.CommandLine;

/**
 * {@code sightline publish}, {@code retract} and {@code import} of CSV and VICS, on this intake.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class CliCommandsTest {

  @TestHTTPResource("/")
  URL intake;

  record Run(int exit, String out, String err) {}

  private Run cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(new SightlineCli()).execute(args);
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private String[] withIntake(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--intake";
    all[args.length + 1] = intake.toString();
    all[args.length + 2] = "--key";
    all[args.length + 3] = TestMembers.apiKey(TestMembers.NL_HOTLINE);
    return all;
  }

  @Test
  void publishFromFlagsThenAgainThenRetract() {
    String url = "http://" + UUID.randomUUID() + ".example/p";
    String[] publish =
        withIntake(
            "publish",
            "--type",
            "url",
            "--value",
            url,
            "--tlp",
            "amber",
            "--confidence",
            "60",
            "--related",
            "wallet:btc:1BoatSLRHtKNngkdXEeobR76b53LETtpyT");
    Run first = cli(publish);
    assertThat(first.exit()).as(first.err()).isZero();
    String id = Answers.id(first.out());
    assertThat(id).startsWith("ndjson-");
    Run again = cli(publish);
    assertThat(again.exit()).isZero();
    assertThat(again.err()).contains("already held");
    assertThat(TopicRecords.countsByKey(TestMembers.NL_HOTLINE).get(id)).isEqualTo(1);
    Sighting s = (Sighting) TopicRecords.byKey(TestMembers.NL_HOTLINE).get(id).getPayload();
    assertThat(s.getTlp()).isEqualTo(Tlp.AMBER);
    assertThat(s.getRelated()).hasSize(1);

    Run bad =
        cli(
            withIntake(
                "publish",
                "--type",
                "md5",
                "--value",
                "xyz",
                "--tlp",
                "GREEN",
                "--confidence",
                "5"));
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("indicator.value");

    Run retract = cli(withIntake("retract", id, "--reason", "entered in error"));
    assertThat(retract.exit()).as(retract.err()).isZero();
    assertThat(TopicRecords.byKey(TestMembers.NL_HOTLINE).get(id).getPayload())
        .isInstanceOf(Retraction.class);
  }

  @Test
  void importOfACsvAndAVicsFileDetectsTheFormatAndSummarises(@TempDir Path dir) throws IOException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path csv = dir.resolve("hotline.csv");
    Files.writeString(
        csv,
        "type;value;confidence\nurl;http://"
            + run
            + ".example/1;80\nurl;http://"
            + run
            + ".example/2;high\n");
    Run csvRun = cli(withIntake("import", csv.toString(), "--tlp", "GREEN", "--no-progress"));
    assertThat(csvRun.exit()).as(csvRun.err()).isEqualTo(1);
    assertThat(csvRun.out()).contains("(csv): 2 items; accepted 1").contains("refused 1");
    assertThat(csvRun.err()).contains("line 3: confidence: 'high' is not a whole number");

    Path vics = dir.resolve("hashes.json");
    String md5 = UUID.randomUUID().toString().replace("-", "");
    Files.writeString(
        vics,
        "{\"@odata.context\":\"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media\","
            + "\"value\":[{\"MediaID\":1,\"Category\":1,\"MD5\":\""
            + md5
            + "\",\"Tags\":\"x\"}]}");
    Run noTlp = cli(withIntake("import", vics.toString(), "--no-progress"));
    assertThat(noTlp.exit()).isEqualTo(2);
    assertThat(noTlp.err()).contains("VICS carries no TLP");
    Run vicsRun =
        cli(
            withIntake(
                "import", vics.toString(), "--tlp", "RED", "--confidence", "90", "--no-progress"));
    assertThat(vicsRun.exit()).as(vicsRun.err()).isZero();
    assertThat(vicsRun.out())
        .contains("(vics): 1 items; accepted 1")
        .contains("not imported: Tags");
    Sighting hash =
        TopicRecords.byKey(TestMembers.NL_HOTLINE).values().stream()
            .map(e -> e.getPayload())
            .filter(p -> p instanceof Sighting s && s.getIndicator().getValue().equals(md5))
            .map(p -> (Sighting) p)
            .findFirst()
            .orElseThrow();
    assertThat(hash.getIndicator().getType()).isEqualTo(IndicatorType.MD5);
    assertThat(hash.getTlp()).isEqualTo(Tlp.RED);
  }

  /** Reads the id out of a printed receipt. */
  static final class Answers {
    static String id(String receipt) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(receipt)
            .get("id")
            .asText();
      } catch (IOException e) {
        throw new AssertionError("not a receipt: " + receipt, e);
      }
    }
  }
}
