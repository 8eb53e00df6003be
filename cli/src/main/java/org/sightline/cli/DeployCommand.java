package org.sightline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sightline.deploy.render.DeploymentRender;
import org.sightline.deploy.render.DeploymentRender.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sightline deploy render k8s|compose}: deployment files from the topic registry. */
@Command(
    name = "deploy",
    description = "Deployment beyond one machine, generated from the topic registry.",
    subcommands = {DeployCommand.Render.class})
final class DeployCommand {

  @Command(
      name = "render",
      description =
          "Write deploy/k8s/ (Strimzi) or deploy/compose/ (Docker Compose) from the topic registry,"
              + " the access policy and the member directory; the same input gives the same bytes.")
  static final class Render implements Callable<Integer> {

    @Parameters(index = "0", description = "k8s or compose")
    String target;

    @Option(
        names = "--root",
        defaultValue = ".",
        description = "The repository: files go to <root>/deploy/k8s or <root>/deploy/compose")
    Path root;

    @Option(
        names = "--members",
        description = "Member directory (default: <root>/demo/members.json)")
    Path members;

    @Option(
        names = "--warning-lists",
        description = "Warning lists folder (default: <root>/demo/warninglists)")
    Path warningLists;

    @Option(names = "--out", description = "Write here instead of <root>/deploy/<target>")
    Path out;

    @Override
    public Integer call() {
      Target t;
      try {
        t = Target.valueOf(target.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        System.err.println(
            "sightline deploy render: unknown target '" + target + "': k8s or compose");
        return 2;
      }
      Path membersFile = members != null ? members : root.resolve("demo/members.json");
      Path lists = warningLists != null ? warningLists : root.resolve("demo/warninglists");
      Path folder = out != null ? out : root.resolve(t.folder());
      List<Path> written =
          DeploymentRender.write(folder, DeploymentRender.files(t, membersFile, lists));
      for (Path file : written) {
        System.out.println("wrote " + file.normalize());
      }
      return 0;
    }
  }
}
