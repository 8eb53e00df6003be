package org.sightline.deploy.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start Apicurio Registry from its distribution: on a JDK 21+, in-memory storage, global
 * compatibility BACKWARD. Shared by the local launcher and the test support.
 */
public final class RegistryCommand {

  public static final int MIN_JAVA = 21;

  private RegistryCommand() {}

  /**
   * @param managementPort the registry's management interface (health, metrics): it must be set,
   *     since its default (9000, on every interface) collides with anything else on that port
   */
  public static List<String> command(
      JdkLocator.Jdk jdk, Path runJar, String host, int port, int managementPort) {
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
    cmd.add("-jar");
    cmd.add(runJar.toAbsolutePath().toString());
    return cmd;
  }

  /** The URL that answers when the registry is ready. */
  public static String readinessUrl(String host, int port) {
    return "http://" + host + ":" + port + "/apis/registry/v3/system/info";
  }
}
