package org.sightline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The Java side of the {@code ./sightline} launcher. */
@Command(
    name = "sightline",
    mixinStandardHelpOptions = true,
    // Every verb, at every depth, answers --help (and --version) and exits 0.
    scope = CommandLine.ScopeType.INHERIT,
    version = "sightline 0.1.0",
    description = "Sightline: intelligence sharing against online child sexual exploitation.",
    subcommands = {
      ProvisionCommand.class,
      MembersCommand.class,
      SimulateCommand.class,
      PublishCommand.class,
      ImportCommand.class,
      RetractCommand.class,
      EraseCommand.class,
      CanonCommand.class,
      HashCommand.class,
      AlertsCommand.class,
      DeployCommand.class,
      HealthCommand.class,
      LocalCommands.Jdk.class,
      LocalCommands.BrokerConfig.class,
      LocalCommands.BrokerFormat.class,
      LocalCommands.RegistryCommandLine.class,
      LocalCommands.ServiceTlsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SightlineCli {

  public static void main(String[] args) {
    System.exit(new CommandLine(new SightlineCli()).execute(args));
  }
}
