package org.sightline.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.sightline.members.Principal;

/**
 * The broker passwords of a local installation: one file per principal ({@code <name>.password}),
 * readable by its owner only, created with a random password on first use. Production keeps them in
 * its secret store (Kubernetes Secrets, Vault) instead; see the operations guide.
 */
public final class CredentialStore {

  /**
   * The local installation's folder, as {@code ./sightline up} makes it ({@code
   * SIGHTLINE_CREDENTIALS}).
   */
  public static final String DEFAULT_FOLDER = ".sightline/credentials";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path directory;

  public CredentialStore(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  /** The principal's password, created (and kept) if it has none yet. */
  public String password(Principal principal) {
    Path file = file(principal);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(directory);
        try {
          writeOwnerOnly(file, newPassword());
        } catch (FileAlreadyExistsException raced) {
          // Another process created it first: use theirs.
        }
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the broker password of " + principal, e);
    }
  }

  /**
   * The principal's password, which must exist: a client never invents its own credential (the
   * broker would not know it).
   */
  public String existingPassword(Principal principal) {
    Path file = file(principal);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "no broker password for principal '"
              + principal
              + "' in "
              + directory
              + ": run ./sightline up (or ./sightline members add) first, or give the password file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Replaces the principal's password with a new random one and returns it. */
  public String rotate(Principal principal) {
    try {
      Files.createDirectories(directory);
      Path next = directory.resolve(principal.name() + ".password.next");
      Files.deleteIfExists(next);
      writeOwnerOnly(next, newPassword());
      Files.move(next, file(principal), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return password(principal);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rotate the broker password of " + principal, e);
    }
  }

  public Path file(Principal principal) {
    return directory.resolve(principal.name() + ".password");
  }

  private static String newPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
  }
}
