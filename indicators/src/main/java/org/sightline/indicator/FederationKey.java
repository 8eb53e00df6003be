package org.sightline.indicator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The federation's secret for {@link Pseudonyms}: at least 32 random bytes, shared by the members
 * (never by the backbone's operators when they can avoid it), kept in a file as Base64 on one line.
 * Whoever holds it can test a guessed identifier against the pseudonyms; whoever does not, cannot.
 */
public final class FederationKey {

  private static final int MIN_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec secret;

  private FederationKey(byte[] bytes) {
    if (bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "the federation key must hold at least " + MIN_BYTES + " bytes, not " + bytes.length);
    }
    this.secret = new SecretKeySpec(bytes, ALGORITHM);
  }

  public static FederationKey of(byte[] bytes) {
    return new FederationKey(bytes.clone());
  }

  /** Reads a key file: Base64 (standard or URL-safe) of the key's bytes, on one line. */
  public static FederationKey load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the federation key " + file, e);
    }
    try {
      byte[] bytes =
          text.contains("-") || text.contains("_")
              ? Base64.getUrlDecoder().decode(text)
              : Base64.getDecoder().decode(text);
      return new FederationKey(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the federation key " + file + " is not valid: " + e.getMessage(), e);
    }
  }

  /** A new random key, Base64-encoded, for {@code sightline federation-key}. */
  public static String generate() {
    byte[] bytes = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The pseudonym of a canonical key, {@code hmac-sha256:<hex>}. */
  public String pseudonym(String canonicalKey) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(secret);
      return Pseudonyms.pseudonym(mac.doFinal(Pseudonyms.utf8(canonicalKey)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "FederationKey[hidden]";
  }
}
