package org.sightline.cli;

import java.nio.file.Path;
import org.sightline.access.CredentialStore;
import org.sightline.client.KafkaAccess;
import org.sightline.members.Principal;
import picocli.CommandLine.Option;

/**
 * How a command reaches the broker: SASL_SSL as one principal, trusting the federation's CA. The
 * defaults are those of the local installation ({@code ./sightline up}), which the launcher passes
 * in the environment.
 */
final class BrokerOptions {

  @Option(
      names = "--bootstrap",
      defaultValue = "${env:SIGHTLINE_KAFKA:-localhost:19092}",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
  String bootstrap;

  @Option(
      names = "--ca",
      defaultValue = "${env:SIGHTLINE_KAFKA_CA:-.sightline/tls/ca.pem}",
      description =
          "PEM certificate of the CA that signed the broker's (default: ${DEFAULT-VALUE})")
  Path ca;

  @Option(
      names = "--credentials",
      defaultValue = "${env:SIGHTLINE_CREDENTIALS:-.sightline/credentials}",
      description = "Folder of <principal>.password files (default: ${DEFAULT-VALUE})")
  Path credentials;

  @Option(
      names = "--principal",
      description = "Log in to the broker as this principal (default: the command's own)")
  String principal;

  /** The access of {@code --principal}, or of {@code fallback} when none was given. */
  KafkaAccess access(Principal fallback) {
    Principal who =
        principal == null
            ? fallback
            : principal.equals(Principal.ADMIN.name())
                ? Principal.ADMIN
                : new Principal(principal, fallback.kind());
    return new KafkaAccess(
        bootstrap, who.name(), new CredentialStore(credentials).existingPassword(who), ca);
  }
}
