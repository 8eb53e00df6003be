package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.deploy.render.DeploymentRender;
import org.sightline.deploy.render.DeploymentRender.Target;
import picocli.CommandLine;

/** {@code sightline deploy render}: the command writes what is committed, and refuses a typo. */
class DeployCommandTest {

  /** Surefire runs in the module's folder: cli/. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void writesWhatTheRendererRenders(@TempDir Path out) throws IOException {
    // Whether that is what is committed is DeploymentManifestsTest's business (module deploy).
    for (Target target : Target.values()) {
      Path folder = out.resolve(target.name());
      int rc =
          new CommandLine(new SightlineCli())
              .execute(
                  "deploy",
                  "render",
                  target.name().toLowerCase(Locale.ROOT),
                  "--root",
                  ROOT.toString(),
                  "--out",
                  folder.toString());
      assertThat(rc).isZero();
      Map<String, String> expected =
          DeploymentRender.files(
              target, ROOT.resolve("demo/members.json"), ROOT.resolve("demo/warninglists"));
      Map<String, String> written = new TreeMap<>();
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.toList()) {
          written.put(file.getFileName().toString(), Files.readString(file));
        }
      }
      assertThat(written).isEqualTo(new TreeMap<>(expected));
    }
  }

  @Test
  void anUnknownTargetIsRefused(@TempDir Path out) {
    int rc =
        new CommandLine(new SightlineCli())
            .execute(
                "deploy", "render", "helm", "--root", ROOT.toString(), "--out", out.toString());
    assertThat(rc).isEqualTo(2);
  }
}
