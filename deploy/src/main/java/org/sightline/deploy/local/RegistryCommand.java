package org.sightline.deploy.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start Apicurio Registry from its distribution: on a JDK 21+, in-memory storage, global
 * compatibility BACKWARD, and role-based authorization: anyone may read, only a token signed by the
 * installation's {@link RegistrySigningKey} with role {@value RegistrySigningKey#ADMIN_ROLE} may
 * write. Shared by the local launcher and the test support.
 */
public final class RegistryCommand {

  public static final int MIN_JAVA = 21;

  private RegistryCommand() {}

  /**
   * @param managementPort the registry's management interface (health, metrics): it must be set,
   *     since its default (9000, on every interface) collides with anything else on that port
   */
  public static List<String> command(
      JdkLocator.Jdk jdk,
      Path runJar,
      String host,
      int port,
      int managementPort,
      RegistrySigningKey signingKey) {
    List<String> cmd = new ArrayList<>();
    cmd.add(jdk.java().toString());
    cmd.add("-Xmx512m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Dquarkus.http.host=" + host);
    cmd.add("-Dquarkus.http.port=" + port);
    cmd.add("-Dquarkus.management.host=" + host);
    cmd.add("-Dquarkus.management.port=" + managementPort);
    // The contract evolves only backward-compatibly: readers on a new schema read old data.
    cmd.add("-Dapicurio.rules.global.compatibility=BACKWARD");
    cmd.add("-Dquarkus.log.console.format=%d{HH:mm:ss} %-5p [%c{2.}] %s%e%n");
    cmd.add("-Dquarkus.otel.enabled=false");
    cmd.addAll(authArguments(signingKey));
    cmd.add("-jar");
    cmd.add(runJar.toAbsolutePath().toString());
    return cmd;
  }

  /**
   * Authentication and authorization without an identity provider: Quarkus verifies each bearer
   * token's RS256 signature with the public key (and its issuer and expiry) by itself; Apicurio
   * maps the token's {@code roles} claim to its roles. Anonymous clients may call read operations
   * only (every GET, and the look-up of a schema by content, which Apicurio marks as a read); a
   * write without a token is refused with 401, with a token lacking {@value
   * RegistrySigningKey#ADMIN_ROLE} (or {@code sr-developer}) with 403.
   */
  public static List<String> authArguments(RegistrySigningKey signingKey) {
    return List.of(
        "-Dquarkus.oidc.tenant-enabled=true",
        "-Dquarkus.oidc.application-type=service",
        "-Dquarkus.oidc.public-key=" + signingKey.publicKeyBase64(),
        "-Dquarkus.oidc.token.issuer=" + RegistrySigningKey.ISSUER,
        "-Dquarkus.oidc.roles.role-claim-path=roles",
        "-Dapicurio.auth.role-based-authorization=true",
        "-Dapicurio.auth.anonymous-read-access.enabled=true");
  }

  /** The URL that answers when the registry is ready. */
  public static String readinessUrl(String host, int port) {
    return "http://" + host + ":" + port + "/apis/registry/v3/system/info";
  }
}
