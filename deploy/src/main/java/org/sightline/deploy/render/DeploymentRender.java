package org.sightline.deploy.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sightline.members.MemberDirectory;

/**
 * {@code ./sightline deploy render k8s|compose}: the deployment files of a federation, written to
 * {@code deploy/k8s/} or {@code deploy/compose/}, byte for byte the same for the same member
 * directory and code (no timestamps, stable order).
 */
public final class DeploymentRender {

  /** What can be rendered, and the folder (under the repository) each goes to. */
  public enum Target {
    K8S("deploy/k8s"),
    COMPOSE("deploy/compose");

    private final String folder;

    Target(String folder) {
      this.folder = folder;
    }

    public String folder() {
      return folder;
    }
  }

  private DeploymentRender() {}

  /**
   * The files of {@code target}, by name, for the member directory {@code membersFile}; the warning
   * lists are the files of {@code warningLists}.
   */
  public static Map<String, String> files(Target target, Path membersFile, Path warningLists) {
    MemberDirectory members = MemberDirectory.load(membersFile);
    return switch (target) {
      case K8S ->
          new KubernetesManifests(members, read(membersFile), readFolder(warningLists)).files();
      case COMPOSE -> new ComposeManifests(members).files();
    };
  }

  /**
   * Writes the files into {@code folder} and removes the YAML files a previous render wrote that
   * are no longer rendered. Returns the files written.
   */
  public static List<Path> write(Path folder, Map<String, String> files) {
    try {
      Files.createDirectories(folder);
      try (Stream<Path> old = Files.list(folder)) {
        for (Path stale :
            old.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                .filter(p -> !files.containsKey(p.getFileName().toString()))
                .toList()) {
          Files.delete(stale);
        }
      }
      return files.entrySet().stream()
          .map(
              e -> {
                Path file = folder.resolve(e.getKey());
                try {
                  Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                } catch (IOException ex) {
                  throw new UncheckedIOException(ex);
                }
                return file;
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder, e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static Map<String, String> readFolder(Path folder) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(folder)) {
      list.filter(Files::isRegularFile)
          .forEach(p -> files.put(p.getFileName().toString(), read(p)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder, e);
    }
    return files;
  }
}
