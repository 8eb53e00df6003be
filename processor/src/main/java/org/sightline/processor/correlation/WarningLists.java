package org.sightline.processor.correlation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.sightline.indicator.WarningPatterns;

/**
 * Known-benign values that would correlate with everything — CDN and file-hosting domains, URL
 * shorteners, the hashes of an empty file — as {@link WarningPatterns patterns} (a canonical key,
 * {@code host:}, {@code *.<domain>}, {@code cidr:}), from two places: {@code *.txt} files of a
 * folder shipped with the deployment (one per line, {@code #} comments; read again when a file
 * changes), and the lists the secretariat manages on {@code warninglists.changes}, which each
 * instance holds in a global store ({@link Managed}). Neither needs a rebuild or a restart.
 */
public final class WarningLists {

  private static final Logger LOG = Logger.getLogger(WarningLists.class.getName());

  /** The managed lists as an instance holds them: each pattern's latest change. */
  public interface Managed {
    /** Whether this canonical pattern is on a managed list now. */
    boolean active(String pattern);

    /** The {@code cidr:} patterns on a managed list now. */
    List<String> ranges();

    /** Whether no pattern is on a managed list now (nothing to look up). */
    default boolean isEmpty() {
      return false;
    }

    Managed NONE =
        new Managed() {
          @Override
          public boolean active(String pattern) {
            return false;
          }

          @Override
          public List<String> ranges() {
            return List.of();
          }

          @Override
          public boolean isEmpty() {
            return true;
          }
        };
  }

  private static final Duration RECHECK = Duration.ofSeconds(30);

  private final Path folder;
  private final Clock clock;
  private volatile Snapshot snapshot;

  /** {@code patterns}: whether any entry covers more than its own key (host, wildcard, range). */
  private record Snapshot(
      Set<String> keys,
      List<String> ranges,
      boolean patterns,
      long newestModified,
      long checkedAt) {

    static Snapshot of(Set<String> keys, long newestModified, long checkedAt) {
      boolean patterns =
          keys.stream()
              .anyMatch(
                  k ->
                      k.startsWith("host:")
                          || k.startsWith(WarningPatterns.WILDCARD)
                          || k.startsWith(WarningPatterns.CIDR));
      return new Snapshot(
          Set.copyOf(keys), WarningLists.ranges(keys), patterns, newestModified, checkedAt);
    }
  }

  public WarningLists(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
    this.snapshot = load();
  }

  /** No list at all. */
  public static WarningLists none() {
    return new WarningLists(null, Clock.systemUTC());
  }

  public static WarningLists of(Set<String> keys) {
    WarningLists lists = none();
    Set<String> patterns = new HashSet<>();
    keys.forEach(k -> patterns.add(WarningPatterns.canonical(k)));
    lists.snapshot = Snapshot.of(patterns, 0, Long.MAX_VALUE);
    return lists;
  }

  /** Whether the files list this canonical key, or a pattern that covers it. */
  public boolean contains(String key) {
    return matches(key, Managed.NONE);
  }

  /**
   * Whether a file or a managed list names this canonical key: itself, its host, its registrable
   * domain's wildcard, or (for an address) a range it is in.
   */
  public boolean matches(String key, Managed managed) {
    Snapshot s = snapshot;
    if (folder != null && clock.millis() - s.checkedAt() > RECHECK.toMillis()) {
      s = reloadIfChanged(s);
    }
    if (s.keys().contains(key) || managed.active(key)) {
      return true;
    }
    if (!s.patterns() && managed.isEmpty()) {
      // Exact keys only, as most deployments have: no need to take the key apart per sighting.
      return false;
    }
    for (String candidate : WarningPatterns.candidates(key)) {
      if (s.keys().contains(candidate) || managed.active(candidate)) {
        return true;
      }
    }
    List<String> addresses = WarningPatterns.addresses(key);
    if (addresses.isEmpty()) {
      return false;
    }
    List<String> ranges = new ArrayList<>(s.ranges());
    ranges.addAll(managed.ranges());
    for (String range : ranges) {
      for (String address : addresses) {
        if (WarningPatterns.inRange(range, address)) {
          return true;
        }
      }
    }
    return false;
  }

  public int size() {
    return snapshot.keys().size();
  }

  private synchronized Snapshot reloadIfChanged(Snapshot s) {
    if (snapshot != s) {
      return snapshot;
    }
    long newest = newestModified();
    snapshot =
        newest == s.newestModified()
            ? new Snapshot(s.keys(), s.ranges(), s.patterns(), newest, clock.millis())
            : load();
    return snapshot;
  }

  private Snapshot load() {
    if (folder == null || !Files.isDirectory(folder)) {
      return Snapshot.of(Set.of(), 0, clock.millis());
    }
    Set<String> keys = new HashSet<>();
    for (Path file : files()) {
      try {
        for (String line : Files.readAllLines(file)) {
          String entry = line.strip();
          if (!entry.isEmpty() && !entry.startsWith("#")) {
            try {
              keys.add(WarningPatterns.canonical(entry));
            } catch (IllegalArgumentException e) {
              // One bad line does not take the rest of the list away.
              LOG.warning(
                  "warning list " + file + ": '" + entry + "' is skipped: " + e.getMessage());
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read warning list " + file, e);
      }
    }
    return Snapshot.of(keys, newestModified(), clock.millis());
  }

  private static List<String> ranges(Set<String> patterns) {
    return patterns.stream().filter(p -> p.startsWith(WarningPatterns.CIDR)).sorted().toList();
  }

  private List<Path> files() {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list warning lists in " + folder, e);
    }
  }

  private long newestModified() {
    if (folder == null || !Files.isDirectory(folder)) {
      return 0;
    }
    long newest = 0;
    for (Path file : files()) {
      try {
        newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
      } catch (IOException e) {
        // vanished between list and stat: the next check sees it
      }
    }
    return newest + files().size();
  }
}
