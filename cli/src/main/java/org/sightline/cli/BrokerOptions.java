package org.sightline.cli;

import org.sightline.access.LoginOptions;
import org.sightline.client.KafkaAccess;
import org.sightline.members.Principal;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a command reaches the broker: SASL_SSL as one principal, trusting the federation's CA. The
 * defaults are those of the local installation ({@code ./sightline up}), which the launcher passes
 * in the environment.
 */
final class BrokerOptions {

  @Mixin LoginOptions login = new LoginOptions();

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
    return login.as(who);
  }
}
