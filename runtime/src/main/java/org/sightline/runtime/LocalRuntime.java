package org.sightline.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the build put the local runtime: the broker's jars (from Maven Central) and the unpacked
 * schema registry distribution. Recorded at build time in {@code sightline-runtime.properties}.
 */
public record LocalRuntime(
    Path kafkaLibs, Path registryHome, String registryVersion, String kafkaVersion) {

  public static LocalRuntime fromBuild() {
    Properties p = new Properties();
    try (InputStream in = LocalRuntime.class.getResourceAsStream("/sightline-runtime.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "sightline-runtime.properties is missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LocalRuntime(
        Path.of(p.getProperty("kafka.libs")),
        Path.of(p.getProperty("registry.home")),
        p.getProperty("registry.version"),
        p.getProperty("kafka.version"));
  }

  /** The registry's launcher jar, or a clear error saying how to get it. */
  public Path registryRunJar() {
    Path jar = registryHome.resolve("quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "Apicurio Registry "
              + registryVersion
              + " is not unpacked at "
              + registryHome
              + ": build the runtime module first (./mvnw -pl runtime -am package -DskipTests)");
    }
    return jar;
  }
}
