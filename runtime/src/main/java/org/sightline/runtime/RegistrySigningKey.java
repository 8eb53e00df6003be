package org.sightline.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Who may write to the schema registry, on one machine without an OIDC server: an RSA key pair made
 * once with the JDK, its private half kept owner-only in a folder ({@code
 * $SIGHTLINE_HOME/registry/} for the launcher, a temporary one for the tests). The registry is
 * started with the public half ({@code quarkus.oidc.public-key}, see {@link
 * RegistryCommand#authArguments}) and verifies the RS256 tokens minted here by itself; no identity
 * provider is involved. Whoever holds the private key is the registry's admin: provisioning signs a
 * short-lived token with role {@value #ADMIN_ROLE} for its writes, every other client reads
 * anonymously.
 */
public final class RegistrySigningKey {

  /** Apicurio's role for writes (schemas, rules); {@value #READ_ONLY_ROLE} may only read. */
  public static final String ADMIN_ROLE = "sr-admin";

  public static final String READ_ONLY_ROLE = "sr-readonly";

  /** The {@code iss} of every token, and what the registry requires. */
  public static final String ISSUER = "sightline-local";

  /** How long a provisioning token is valid: a provisioning run takes seconds. */
  public static final Duration ADMIN_TOKEN_LIFETIME = Duration.ofMinutes(5);

  static final String PRIVATE_KEY_FILE = "registry-signing.key";
  static final String PUBLIC_KEY_FILE = "registry-signing.pub";

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private RegistrySigningKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * The key pair kept in {@code directory}, made (RSA 2048) on first use: the private key in an
   * owner-only file in an owner-only folder.
   */
  public static synchronized RegistrySigningKey loadOrCreate(Path directory) {
    Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
    Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
    try {
      if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        return new RegistrySigningKey(
            rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))),
            rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))));
      }
      ownerOnlyDirectory(directory);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      writeOwnerOnly(privateFile, pair.getPrivate().getEncoded());
      writeOwnerOnly(publicFile, pair.getPublic().getEncoded());
      return new RegistrySigningKey(pair.getPrivate(), pair.getPublic());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the registry's signing key in " + directory, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "unreadable registry signing key in " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * The key pair already kept in {@code directory} (by the registry's start): provisioning signs
   * with it, and a new key made here would only be refused by the running registry.
   */
  public static RegistrySigningKey load(Path directory) {
    if (!Files.isRegularFile(directory.resolve(PRIVATE_KEY_FILE))) {
      throw new IllegalStateException(
          "no registry signing key in "
              + directory
              + ": it is made when the registry is started (./sightline up)");
    }
    return loadOrCreate(directory);
  }

  /** Base64 of the DER SubjectPublicKeyInfo: the value of {@code quarkus.oidc.public-key}. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey.getEncoded());
  }

  /** A token with role {@value #ADMIN_ROLE}, valid for {@link #ADMIN_TOKEN_LIFETIME}. */
  public String adminToken() {
    return token("admin", List.of(ADMIN_ROLE), ADMIN_TOKEN_LIFETIME);
  }

  /** An RS256 JWT for {@code subject} with these registry roles, issued now. */
  public String token(String subject, List<String> roles, Duration lifetime) {
    Objects.requireNonNull(subject);
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims =
        "{\"iss\":\""
            + ISSUER
            + "\",\"sub\":\""
            + json(subject)
            + "\",\"iat\":"
            + now
            + ",\"exp\":"
            + (now + lifetime.toSeconds())
            + ",\"roles\":["
            + roles.stream().map(r -> "\"" + json(r) + "\"").collect(Collectors.joining(","))
            + "]}";
    String signingInput =
        URL.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(privateKey);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a registry token: " + e.getMessage(), e);
    }
  }

  /** Subjects and roles are our own words; refuse anything that would need JSON escaping. */
  private static String json(String value) {
    if (!value.matches("[A-Za-z0-9._@-]+")) {
      throw new IllegalArgumentException("not a plain name: " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "RegistrySigningKey[public only: " + publicKeyBase64().substring(0, 16) + "...]";
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static void ownerOnlyDirectory(Path directory) throws IOException {
    Files.createDirectories(directory);
    if (posix()) {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    if (posix()) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    }
    Files.write(tmp, bytes);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
