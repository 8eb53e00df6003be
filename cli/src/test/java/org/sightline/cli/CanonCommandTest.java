package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CanonCommandTest {

  record Run(int exit, String out, String err) {}

  static Run run(String stdin, String... args) {
    CanonCommand cmd = new CanonCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    cmd.in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    cmd.out = out;
    cmd.err = err;
    int exit = new CommandLine(cmd).execute(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsTheKeyAndExitsZero() {
    Run r = run("", "url", "HTTP://Example.COM:80/a/./b/../c#x");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("url:http://example.com/a/c" + System.lineSeparator());
    assertThat(r.err()).isEmpty();
    assertThat(run("", "wallet:btc", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa").out())
        .startsWith("wallet:btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
  }

  @Test
  void printsTheReasonOnStderrAndExitsTwo() {
    Run r = run("", "md5", "abc");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).startsWith("indicator.value: ").doesNotContain("\n");
  }

  @Test
  void regionIsTheDefaultForPhones() {
    assertThat(run("", "phone", "06 12345678").exit()).isEqualTo(2);
    Run r = run("", "--region", "NL", "phone", "06 12345678");
    assertThat(r.exit()).isZero();
    assertThat(r.out().strip()).isEqualTo("phone:+31612345678");
  }

  @Test
  void batchAnswersOneLinePerInput() {
    Run r =
        run(
            "ip\t0xC0A80001\nmd5\tnope\n\nno tab here\r\nusername:telegram\t@Durov_X\nsha1\tDA39A3EE5E6B4B0D3255BFEF95601890AFD80709\r\n",
            "--batch");
    assertThat(r.exit()).isZero();
    String[] lines = r.out().split("\\R", -1);
    assertThat(lines).hasSize(7);
    assertThat(lines[0]).isEqualTo("ip:192.168.0.1");
    assertThat(lines[1]).startsWith("ERROR\tindicator.value: ");
    assertThat(lines[2]).startsWith("ERROR\t");
    assertThat(lines[3]).startsWith("ERROR\t");
    assertThat(lines[4]).isEqualTo("username:telegram:durov_x");
    assertThat(lines[5]).isEqualTo("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709");
    assertThat(lines[6]).isEmpty();
  }

  @Test
  void missingArgumentsExitTwo() {
    assertThat(run("", "url").exit()).isEqualTo(2);
    assertThat(run("", "--batch", "url", "x").exit()).isEqualTo(2);
  }
}
