package org.sightline.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.sightline.deploy.local.BrokerSettings;
import org.sightline.deploy.local.JdkLocator;
import org.sightline.deploy.local.LocalRuntime;
import org.sightline.deploy.local.RegistryCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Helpers for the launcher script, so that it and the tests share one definition of each thing. */
final class LocalCommands {

  private LocalCommands() {}

  @Command(name = "jdk", description = "Print the home of the best JDK of at least --min.")
  static final class Jdk implements Callable<Integer> {
    @Option(names = "--min", defaultValue = "21")
    int min;

    @Override
    public Integer call() {
      try {
        System.out.println(new JdkLocator().require(min).home());
        return 0;
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "broker-config", description = "Write a single-node KRaft broker configuration.")
  static final class BrokerConfig implements Callable<Integer> {
    @Option(names = "--file", required = true)
    Path file;

    @Option(names = "--data", required = true)
    Path data;

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--controller-port", required = true)
    int controllerPort;

    @Option(names = "--host", defaultValue = "localhost")
    String host;

    @Override
    public Integer call() throws Exception {
      Properties props = BrokerSettings.singleNode(data, host, port, controllerPort);
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        props.store(out, "written by ./sightline up");
      }
      return 0;
    }
  }

  @Command(
      name = "registry-command",
      description = "Print, one argument per line, the command that starts the schema registry.")
  static final class RegistryCommandLine implements Callable<Integer> {
    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--management-port", required = true)
    int managementPort;

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Override
    public Integer call() {
      try {
        JdkLocator.Jdk jdk = new JdkLocator().require(RegistryCommand.MIN_JAVA);
        RegistryCommand.command(
                jdk, LocalRuntime.fromBuild().registryRunJar(), host, port, managementPort)
            .forEach(System.out::println);
        return 0;
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }
}
