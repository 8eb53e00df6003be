package org.sightline.members;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys are 256-bit random secrets, so one unsalted SHA-256 is enough to store them: there is no
 * dictionary to attack, unlike a password. Comparison is constant-time.
 */
public final class ApiKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  public static String sha256Hex(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  public static boolean matches(String presentedKey, String storedSha256Hex) {
    return presentedKey != null && hashesEqual(sha256Hex(presentedKey), storedSha256Hex);
  }

  /** Constant-time comparison of two hex digests. */
  public static boolean hashesEqual(String sha256Hex, String storedSha256Hex) {
    if (sha256Hex == null || storedSha256Hex == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sha256Hex.getBytes(StandardCharsets.US_ASCII),
        storedSha256Hex.getBytes(StandardCharsets.US_ASCII));
  }

  /** A new key for an agency, to be handed over once and stored only as its hash. */
  public static String generate(AgencyId agency) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return "sl_"
        + agency.value()
        + "_"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
