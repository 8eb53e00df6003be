package org.sightline.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start Apicurio Registry from its distribution: on a JDK 21+, durable storage (its SQL
 * storage on an H2 database file), global compatibility BACKWARD, and role-based authorization:
 * anyone may read, only a token signed by the installation's {@link RegistrySigningKey} with role
 * {@value RegistrySigningKey#ADMIN_ROLE} may write. Shared by the local launcher and the test
 * support.
 *
 * <p>Durable, because every record on every topic names its schema by id: ids must never move. The
 * distribution's default keeps schemas in memory, and provisioning after a restart handed out ids
 * in the order it met the subjects: add an agency, restart, and every later subject's id moved, so
 * that old records no longer decoded (or decoded as another schema).
 */
public final class RegistryCommand {

  public static final int MIN_JAVA = 21;

  private RegistryCommand() {}

  /**
   * @param managementPort the registry's management interface (health, metrics): it must be set,
   *     since its default (9000, on every interface) collides with anything else on that port
   * @param dataDirectory where the registry keeps its schemas and their ids (an H2 database file,
   *     made on first start)
   */
  public static List<String> command(
      JdkLocator.Jdk jdk,
      Path runJar,
      String host,
      int port,
      int managementPort,
      RegistrySigningKey signingKey,
      Path dataDirectory) {
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
    cmd.addAll(storageArguments(dataDirectory));
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

  /**
   * Apicurio's SQL storage on an H2 database in a file of {@code dataDirectory}, instead of the
   * distribution's in-memory H2: schemas and their ids survive a restart. One process owns the file
   * (H2's embedded mode locks it); the folder is made owner-only.
   */
  public static List<String> storageArguments(Path dataDirectory) {
    Path dir = dataDirectory.toAbsolutePath();
    try {
      java.nio.file.Files.createDirectories(dir);
      if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        java.nio.file.Files.setPosixFilePermissions(
            dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot make the registry's data folder " + dir, e);
    }
    return List.of(
        "-Dapicurio.storage.kind=sql",
        "-Dapicurio.storage.sql.kind=h2",
        "-Dapicurio.datasource.url=jdbc:h2:file:" + dir.resolve("registry"));
  }

  /** The URL that answers when the registry is ready. */
  public static String readinessUrl(String host, int port) {
    return "http://" + host + ":" + port + "/apis/registry/v3/system/info";
  }
}
