package org.sightline.processor.correlation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Known-benign values that would correlate with everything — CDN and file-hosting domains, URL
 * shorteners, the hashes of an empty file — as canonical keys in {@code *.txt} files of a folder
 * (one per line, {@code #} comments). The folder is read again when a file changes, so a list is
 * updated without a rebuild or a restart.
 */
public final class WarningLists {

  private static final Duration RECHECK = Duration.ofSeconds(30);

  private final Path folder;
  private final Clock clock;
  private volatile Snapshot snapshot;

  private record Snapshot(Set<String> keys, long newestModified, long checkedAt) {}

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
    lists.snapshot = new Snapshot(Set.copyOf(keys), 0, Long.MAX_VALUE);
    return lists;
  }

  public boolean contains(String key) {
    Snapshot s = snapshot;
    if (folder != null && clock.millis() - s.checkedAt() > RECHECK.toMillis()) {
      s = reloadIfChanged(s);
    }
    return s.keys().contains(key);
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
        newest == s.newestModified() ? new Snapshot(s.keys(), newest, clock.millis()) : load();
    return snapshot;
  }

  private Snapshot load() {
    if (folder == null || !Files.isDirectory(folder)) {
      return new Snapshot(Set.of(), 0, clock.millis());
    }
    Set<String> keys = new HashSet<>();
    for (Path file : files()) {
      try {
        for (String line : Files.readAllLines(file)) {
          String key = line.strip();
          if (!key.isEmpty() && !key.startsWith("#")) {
            keys.add(key.toLowerCase(Locale.ROOT));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read warning list " + file, e);
      }
    }
    return new Snapshot(Set.copyOf(keys), newestModified(), clock.millis());
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
