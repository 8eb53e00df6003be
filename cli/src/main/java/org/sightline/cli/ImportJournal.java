package org.sightline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Where an import stands, written after every batch the intake acknowledged: the number of items
 * from the start of the file that are held, and the running totals. A killed import resumes after
 * the last acknowledged batch; the batches that were in flight are sent again, and the intake
 * recognises their ids, so each sighting is written once.
 *
 * <p>The journal names the file by its size and the SHA-256 of its first MiB, the format and the
 * import's defaults: resuming a different file (or the same one with other defaults) is refused.
 */
final class ImportJournal {

  private static final int HEAD = 1 << 20;

  final Path path;
  String file;
  long size;
  String head;
  String format;
  String defaults;
  long acknowledged;
  long accepted;
  long duplicates;
  long rejected;
  long batches;
  boolean complete;
  String updated;

  private ImportJournal(Path path) {
    this.path = path;
  }

  static ImportJournal fresh(Path path, Path file, String format, String defaults)
      throws IOException {
    ImportJournal j = new ImportJournal(path);
    j.file = file.toAbsolutePath().toString();
    j.size = Files.size(file);
    j.head = head(file);
    j.format = format;
    j.defaults = defaults;
    return j;
  }

  /** The journal at {@code path}, or null when there is none. */
  static ImportJournal load(Path path) throws IOException {
    if (!Files.exists(path)) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(path)) {
      p.load(in);
    }
    ImportJournal j = new ImportJournal(path);
    j.file = p.getProperty("file");
    j.size = Long.parseLong(p.getProperty("size", "-1"));
    j.head = p.getProperty("head-sha256");
    j.format = p.getProperty("format");
    j.defaults = p.getProperty("defaults", "");
    j.acknowledged = Long.parseLong(p.getProperty("acknowledged-items", "0"));
    j.accepted = Long.parseLong(p.getProperty("accepted", "0"));
    j.duplicates = Long.parseLong(p.getProperty("already-held", "0"));
    j.rejected = Long.parseLong(p.getProperty("rejected", "0"));
    j.batches = Long.parseLong(p.getProperty("batches", "0"));
    j.complete = Boolean.parseBoolean(p.getProperty("complete", "false"));
    j.updated = p.getProperty("updated");
    return j;
  }

  /** Why this journal cannot be resumed for that file, or null when it can. */
  String mismatch(ImportJournal current) {
    if (size != current.size || !current.head.equals(head)) {
      return "it was written for another version of the file (size or content differ)";
    }
    if (!current.format.equals(format)) {
      return "it was written for format " + format + ", not " + current.format;
    }
    if (!current.defaults.equals(defaults)) {
      return "it was written with other defaults (" + defaults + ")";
    }
    return null;
  }

  /** Written to a temporary file and moved over the old one, so a kill leaves one or the other. */
  void save() throws IOException {
    updated = Instant.now().toString();
    Properties p = new Properties();
    p.setProperty("file", file);
    p.setProperty("size", Long.toString(size));
    p.setProperty("head-sha256", head);
    p.setProperty("format", format);
    p.setProperty("defaults", defaults);
    p.setProperty("acknowledged-items", Long.toString(acknowledged));
    p.setProperty("accepted", Long.toString(accepted));
    p.setProperty("already-held", Long.toString(duplicates));
    p.setProperty("rejected", Long.toString(rejected));
    p.setProperty("batches", Long.toString(batches));
    p.setProperty("complete", Boolean.toString(complete));
    p.setProperty("updated", updated);
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(out, "sightline import journal: where a resumed import starts");
    }
    try {
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(HEAD);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
