package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TestReportCommandTest {

  // As Surefire writes it: the last case ends the document without a line break after it.
  private static final String REPORT =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<testsuite name=\"org.sightline.processor.CrashRecoveryTest\" tests=\"3\">\n"
          + "  <testcase name=\"sigkillMidFeed\" classname=\"org.sightline.processor.CrashRecoveryTest\""
          + " time=\"41.2\"/>\n"
          + "  <testcase name=\"poison\" classname=\"org.sightline.processor.CrashRecoveryTest\""
          + " time=\"3.5\">\n    <failure message=\"lost 2\">trace</failure>\n  </testcase>\n"
          + "  <testcase name=\"later\" classname=\"org.sightline.processor.CrashRecoveryTest\""
          + " time=\"0\"><skipped/></testcase></testsuite>";

  @Test
  void everyCaseIsReadTheLastOneToo() throws Exception {
    assertThat(
            TestReportCommand.read(
                new ByteArrayInputStream(REPORT.getBytes(StandardCharsets.UTF_8))))
        .containsExactly(
            new TestReportCommand.Case("CrashRecoveryTest", "sigkillMidFeed", "passed", "41.2"),
            new TestReportCommand.Case("CrashRecoveryTest", "poison", "FAILED", "3.5"),
            new TestReportCommand.Case("CrashRecoveryTest", "later", "skipped", "0"));
  }

  @Test
  void onlyThisRunsReportsMakeTheTableAndAFailureFailsIt(@TempDir Path dir) throws Exception {
    Path old = Files.writeString(dir.resolve("TEST-Old.xml"), REPORT.replace("poison", "stale"));
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1_000));
    Path stamp = Files.createFile(dir.resolve("stamp"));
    Files.setLastModifiedTime(stamp, java.nio.file.attribute.FileTime.fromMillis(2_000));
    Files.writeString(dir.resolve("TEST-New.xml"), REPORT);
    StringWriter out = new StringWriter();
    int exit =
        new CommandLine(new TestReportCommand())
            .setOut(new PrintWriter(out))
            .execute("--newer-than", stamp.toString(), dir.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(out.toString())
        .contains("| CrashRecoveryTest.poison | FAILED | 3.5 |")
        .contains("| CrashRecoveryTest.later | skipped | 0 |")
        .doesNotContain("stale");
  }

  @Test
  void aReportWithADoctypeIsRefused() {
    String hostile =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<testsuite><testcase name=\"&e;\" classname=\"a.B\"/></testsuite>";
    assertThatThrownBy(
            () ->
                TestReportCommand.read(
                    new ByteArrayInputStream(hostile.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("DOCTYPE");
  }
}
