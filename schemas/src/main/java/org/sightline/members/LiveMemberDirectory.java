package org.sightline.members;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The member directory as it is now: the file is watched, and a change — a member added, disabled
 * or enabled, an analyst or a provider added — is taken within {@code checkEvery} by every service
 * that reads through this, with no restart. (A watched file rather than a compacted topic: the same
 * file is the source of the broker's credentials and ACLs, the launcher and the CLI edit it, and a
 * Kubernetes Secret mounted as a file is updated in place by the kubelet.)
 *
 * <p>A change that does not parse, or fails validation, is not taken: the last good directory stays
 * in force and the problem is reported once per version of the file. Reads are cheap: the file is
 * looked at (its size and modification time, then its content) at most once per interval, by
 * whichever caller comes first.
 */
public final class LiveMemberDirectory implements Supplier<MemberDirectory> {

  private final Path file;
  private final long checkEveryNanos;
  private final Consumer<String> log;
  private volatile MemberDirectory current;
  private volatile long nextCheck;
  private String stamp;
  private String digest;
  private String refusedDigest;

  private LiveMemberDirectory(
      Path file, MemberDirectory initial, Duration checkEvery, Consumer<String> log) {
    this.file = file;
    this.current = initial;
    this.checkEveryNanos = checkEvery.toNanos();
    this.log = log;
    this.nextCheck = System.nanoTime() + checkEveryNanos;
  }

  /**
   * The directory in {@code file}, reloaded when it changes; {@code log} hears of each reload and
   * each refused version. Fails now if the file cannot be read: a service never starts without it.
   */
  public static LiveMemberDirectory watching(Path file, Duration checkEvery, Consumer<String> log) {
    byte[] bytes = read(file);
    LiveMemberDirectory live = new LiveMemberDirectory(file, parse(file, bytes), checkEvery, log);
    live.stamp = stamp(file);
    live.digest = sha256(bytes);
    return live;
  }

  /** A directory that never changes (tests, tools that run once). */
  public static Supplier<MemberDirectory> fixed(MemberDirectory directory) {
    return () -> directory;
  }

  @Override
  public MemberDirectory get() {
    if (System.nanoTime() - nextCheck >= 0) {
      check();
    }
    return current;
  }

  /** Looks at the file now; true when a new version was taken. */
  public synchronized boolean check() {
    nextCheck = System.nanoTime() + checkEveryNanos;
    String now = stamp(file);
    if (now.equals(stamp)) {
      return false;
    }
    stamp = now;
    byte[] bytes;
    try {
      bytes = read(file);
    } catch (IllegalStateException e) {
      report("member directory " + file + " cannot be read; keeping the last one: " + e);
      return false;
    }
    String d = sha256(bytes);
    if (d.equals(digest) || d.equals(refusedDigest)) {
      return false;
    }
    try {
      MemberDirectory next = parse(file, bytes);
      current = next;
      digest = d;
      refusedDigest = null;
      log.accept(
          "member directory "
              + file
              + " reloaded: "
              + next.agencies().size()
              + " agencies, "
              + next.countries().size()
              + " countries, "
              + next.accessProviders().size()
              + " access providers, "
              + next.users().size()
              + " users");
      return true;
    } catch (RuntimeException e) {
      refusedDigest = d;
      report(
          "member directory "
              + file
              + " changed but is not valid; keeping the last good one: "
              + e.getMessage());
      return false;
    }
  }

  private void report(String message) {
    log.accept(message);
  }

  private static MemberDirectory parse(Path file, byte[] bytes) {
    try {
      return MemberDirectory.parse(new java.io.ByteArrayInputStream(bytes), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the member directory " + file, e);
    }
  }

  private static String stamp(Path file) {
    try {
      // A Secret mounted in Kubernetes is a symbolic link swapped atomically: follow it.
      return Files.getLastModifiedTime(file) + "/" + Files.size(file);
    } catch (IOException e) {
      return "unreadable";
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
