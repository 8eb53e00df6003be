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
      IwolCommand.class,
      WarningListsCommand.class,
      CanonCommand.class,
      HashCommand.class,
      LookupCommand.class,
      AlertsCommand.class,
      ExportCommand.class,
      DeployCommand.class,
      HealthCommand.class,
      TestReportCommand.class,
      LocalCommands.Jdk.class,
      LocalCommands.BrokerConfig.class,
      LocalCommands.BrokerFormat.class,
      LocalCommands.RegistryCommandLine.class,
      LocalCommands.ServiceTlsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SightlineCli {

  // The registry client logs through java.util.logging: every schema it looks up, whole, at INFO,
  // and a warning about its shared Vert.x instance, which is right for a command that exits.
  // Errors still show. Held here: java.util.logging keeps only weak references to its loggers.
  private static final java.util.logging.Logger APICURIO =
      java.util.logging.Logger.getLogger("io.apicurio");

  // The schema resolver names its logger by its simple class name, outside "io.apicurio".
  private static final java.util.logging.Logger SCHEMA_RESOLVER =
      java.util.logging.Logger.getLogger("DefaultSchemaResolver");

  public static void main(String[] args) {
    APICURIO.setLevel(java.util.logging.Level.SEVERE);
    SCHEMA_RESOLVER.setLevel(java.util.logging.Level.SEVERE);
    System.exit(new CommandLine(new SightlineCli()).execute(args));
  }
}
