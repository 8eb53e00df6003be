package org.sightline.members;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for the member directory's users: PBKDF2 with HMAC-SHA-256 from the JDK, a random
 * salt per user and the iteration count stored with the hash, as {@code
 * pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}. A slow, salted hash, so a leaked
 * members file does not give the passwords away.
 */
public final class Passwords {

  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  public static String hash(String password, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /** Whether {@code password} matches {@code stored}; false for a malformed hash. */
  public static boolean verify(String password, String stored) {
    if (password == null || stored == null) {
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      // Constant time: how much of the hash matched must not show in the time taken.
      return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The iteration count of a well-formed hash. */
  public static int iterations(String stored) {
    return Integer.parseInt(stored.split("\\$")[1]);
  }

  /** Whether {@code stored} is a hash this class can check. */
  public static boolean isWellFormed(String stored) {
    if (stored == null || !stored.startsWith(SCHEME + "$") || stored.split("\\$").length != 4) {
      return false;
    }
    try {
      return iterations(stored) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** Prints a hash for the members file: {@code java ... Passwords <password> [iterations]}. */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: Passwords <password> [iterations]");
      System.exit(2);
    }
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ITERATIONS;
    System.out.println(hash(args[0], iterations));
  }
}
