package org.sightline.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK of at least a given feature version (the schema registry needs 21+) without a path
 * written into the code. Order: an explicit setting ({@value #PROPERTY} or {@value #ENV}), the
 * running JVM, {@code JAVA_HOME*}/{@code JDK_*} environment variables, then the usual install roots
 * (the system JVM folder, sdkman, {@code ~/.jdks}, asdf, mise), reading each candidate's {@code
 * release} file. The highest version that qualifies wins.
 */
public final class JdkLocator {

  public static final String PROPERTY = "sightline.registry.java.home";
  public static final String ENV = "SIGHTLINE_REGISTRY_JAVA_HOME";

  /** A JDK found on this machine. */
  public record Jdk(Path home, int feature, String version) {
    public Path java() {
      return home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
    }
  }

  private final Map<String, String> env;
  private final Path userHome;
  private final List<Path> systemRoots;

  public JdkLocator() {
    this(System.getenv(), Path.of(System.getProperty("user.home")), defaultSystemRoots());
  }

  JdkLocator(Map<String, String> env, Path userHome, List<Path> systemRoots) {
    this.env = env;
    this.userHome = userHome;
    this.systemRoots = systemRoots;
  }

  /**
   * The best JDK of at least {@code minFeature}, or an exception saying what was seen and what to
   * do.
   */
  public Jdk require(int minFeature) {
    String explicit = Optional.ofNullable(System.getProperty(PROPERTY)).orElse(env.get(ENV));
    if (explicit != null && !explicit.isBlank()) {
      Jdk jdk =
          read(Path.of(explicit))
              .orElseThrow(
                  () -> new IllegalStateException(explicit + " (from " + ENV + ") is not a JDK"));
      if (jdk.feature() < minFeature) {
        throw new IllegalStateException(
            explicit + " is Java " + jdk.feature() + "; the registry needs " + minFeature + "+");
      }
      return jdk;
    }
    List<Jdk> seen = candidates();
    return seen.stream()
        .filter(j -> j.feature() >= minFeature)
        .max(Comparator.comparingInt(Jdk::feature))
        .orElseThrow(() -> notFound(minFeature, seen));
  }

  /** Every JDK found, in search order, without duplicates. */
  public List<Jdk> candidates() {
    List<Path> homes = new ArrayList<>();
    homes.add(Path.of(System.getProperty("java.home")));
    env.entrySet().stream()
        .filter(e -> e.getKey().startsWith("JAVA_HOME") || e.getKey().startsWith("JDK_"))
        .map(e -> Path.of(e.getValue()))
        .forEach(homes::add);
    List<Path> roots = new ArrayList<>(systemRoots);
    roots.add(userHome.resolve(".sdkman/candidates/java"));
    roots.add(userHome.resolve(".jdks"));
    roots.add(userHome.resolve(".asdf/installs/java"));
    roots.add(userHome.resolve(".local/share/mise/installs/java"));
    for (Path root : roots) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> children = Files.list(root)) {
          children.sorted().forEach(homes::add);
        } catch (IOException e) {
          // An unreadable root is skipped: the error message lists what was found instead.
        }
      }
    }
    List<Jdk> found = new ArrayList<>();
    for (Path home : homes) {
      read(home)
          .filter(j -> found.stream().noneMatch(f -> sameFile(f.home(), j.home())))
          .ifPresent(found::add);
    }
    return found;
  }

  private static Optional<Jdk> read(Path candidate) {
    Path macHome = candidate.resolve("Contents/Home");
    Path home = Files.isDirectory(macHome) ? macHome : candidate;
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(release)) {
      p.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    String version = p.getProperty("JAVA_VERSION", "").replace("\"", "");
    if (version.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Jdk(home.normalize(), feature(version), version));
  }

  static int feature(String version) {
    String v = version.startsWith("1.") ? version.substring(2) : version;
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
  }

  private static IllegalStateException notFound(int minFeature, List<Jdk> seen) {
    StringBuilder m = new StringBuilder();
    m.append("No JDK ").append(minFeature).append("+ found; the schema registry needs one.\n");
    m.append("Seen: ");
    m.append(
        seen.isEmpty()
            ? "none"
            : String.join(
                ", ", seen.stream().map(j -> j.home() + " (" + j.version() + ")").toList()));
    m.append("\nInstall one (e.g. Temurin 21 or 25, or `sdk install java 21-tem`), or point ")
        .append(ENV)
        .append(" at an installed JDK ")
        .append(minFeature)
        .append("+.");
    return new IllegalStateException(m.toString());
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.equals(b);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("win");
  }

  private static List<Path> defaultSystemRoots() {
    // The conventional JVM folders of Linux distributions and macOS, found from the running JVM's
    // own location first so nothing here names a particular machine.
    List<Path> roots = new ArrayList<>();
    Path running = Path.of(System.getProperty("java.home")).toAbsolutePath().getParent();
    if (running != null) {
      roots.add(running);
    }
    roots.add(Path.of("/usr/lib/jvm"));
    roots.add(Path.of("/usr/java"));
    roots.add(Path.of("/opt/java"));
    roots.add(Path.of("/Library/Java/JavaVirtualMachines"));
    return roots;
  }

  /** Prints the home of the best JDK of at least the given version (default 21); exit 1 if none. */
  public static void main(String[] args) {
    int min = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    try {
      System.out.println(new JdkLocator().require(min).home());
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }
}
