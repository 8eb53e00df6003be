package org.sightline.access;

import java.nio.file.Path;
import org.sightline.client.KafkaAccess;
import org.sightline.members.Principal;
import picocli.CommandLine.Option;

/**
 * How a command-line tool (the CLI, the benchmarks) logs in to the broker: SASL_SSL as a principal
 * whose password is in the local credential folder, trusting the federation's CA. The services log
 * in with the same settings ({@link org.sightline.client.KafkaLogin}); the defaults are those of
 * the local installation ({@code ./sightline up}), which the launcher also passes in the
 * environment. A picocli mixin.
 */
public final class LoginOptions {

  @Option(
      names = "--bootstrap",
      defaultValue = "${env:SIGHTLINE_KAFKA:-" + KafkaAccess.DEFAULT_BOOTSTRAP_SERVERS + "}",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
  public String bootstrap;

  @Option(
      names = "--ca",
      defaultValue = "${env:SIGHTLINE_KAFKA_CA:-" + KafkaAccess.DEFAULT_CA + "}",
      description =
          "PEM certificate of the CA that signed the broker's (default: ${DEFAULT-VALUE})")
  public Path ca;

  @Option(
      names = "--credentials",
      defaultValue = "${env:SIGHTLINE_CREDENTIALS:-" + CredentialStore.DEFAULT_FOLDER + "}",
      description = "Folder of <principal>.password files (default: ${DEFAULT-VALUE})")
  public Path credentials;

  /** The access of a principal whose password is in the credential folder. */
  public KafkaAccess as(Principal principal) {
    return new KafkaAccess(bootstrap, principal.name(), password(principal), ca);
  }

  /** The password of a principal from the credential folder, or a clear error naming the file. */
  public String password(Principal principal) {
    return new CredentialStore(credentials).existingPassword(principal);
  }
}
