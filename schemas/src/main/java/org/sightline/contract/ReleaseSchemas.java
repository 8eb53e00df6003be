package org.sightline.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Freezes the current top-level schemas as a released version: {@code ReleaseSchemas
 * schemas/released v2}. Run it when a version of the contract ships; the build then holds every
 * later change to backward compatibility with it.
 */
public final class ReleaseSchemas {

  private ReleaseSchemas() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2 || !args[1].matches("v[0-9]+")) {
      System.err.println("usage: ReleaseSchemas <released-dir> v<N>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).resolve(args[1]);
    if (Files.exists(dir)) {
      System.err.println(dir + " exists already: a released version is never rewritten");
      System.exit(2);
    }
    // Loaded before the folder exists: a missing class must not leave an empty "release" behind.
    List<Schema> schemas = Contract.TOP_LEVEL;
    Files.createDirectories(dir);
    for (Schema schema : schemas) {
      Path file = dir.resolve(schema.getName() + ".avsc");
      Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
      System.out.println("released " + file);
    }
  }
}
