package org.sightline.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The certificate authority of a local installation and the broker's certificate it signs, created
 * once with the JDK's own {@code keytool} (no extra dependency, nothing fetched): an EC P-256 CA
 * valid for ten years, and a broker certificate for {@code localhost} and {@code 127.0.0.1}.
 * Clients trust {@code ca.pem}; the broker serves {@code broker.p12}. A federation beyond one
 * machine uses its own CA instead (Strimzi's, or the members' PKI): see the operations guide.
 */
public final class LocalCertificateAuthority {

  public static final String CA_PEM = "ca.pem";
  static final String CA_STORE = "ca.p12";
  static final String BROKER_STORE = "broker.p12";
  static final String STORE_PASSWORD = "store.password";
  private static final String VALIDITY_DAYS = "3650";

  private LocalCertificateAuthority() {}

  /** What the broker needs for its TLS listeners. */
  public record BrokerTls(Path keystore, String keystorePassword, Path caCertificate) {
    @Override
    public String toString() {
      return "BrokerTls[" + keystore + "]";
    }
  }

  /** The CA and broker certificate in {@code dir}, created if missing; idempotent. */
  public static BrokerTls ensure(Path dir) {
    try {
      Files.createDirectories(dir);
      Path passwordFile = dir.resolve(STORE_PASSWORD);
      if (!Files.isRegularFile(dir.resolve(BROKER_STORE)) || !Files.isRegularFile(passwordFile)) {
        create(dir);
      }
      return new BrokerTls(
          dir.resolve(BROKER_STORE),
          Files.readString(passwordFile, StandardCharsets.UTF_8).strip(),
          dir.resolve(CA_PEM));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the local certificate authority in " + dir, e);
    }
  }

  private static void create(Path dir) throws IOException {
    for (String name : List.of(CA_STORE, BROKER_STORE, CA_PEM, "broker.csr", "broker.pem")) {
      Files.deleteIfExists(dir.resolve(name));
    }
    String password = randomPassword();
    Path ca = dir.resolve(CA_STORE);
    Path broker = dir.resolve(BROKER_STORE);
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=Sightline local CA",
        "-ext",
        "bc:c",
        "-validity",
        VALIDITY_DAYS,
        "-keystore",
        ca.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-storepass",
        password,
        "-file",
        dir.resolve(CA_PEM).toString());
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-validity",
        VALIDITY_DAYS,
        "-keystore",
        broker.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password);
    keytool(
        "-certreq",
        "-alias",
        "broker",
        "-keystore",
        broker.toString(),
        "-storepass",
        password,
        "-file",
        dir.resolve("broker.csr").toString());
    keytool(
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-storepass",
        password,
        "-rfc",
        "-infile",
        dir.resolve("broker.csr").toString(),
        "-outfile",
        dir.resolve("broker.pem").toString(),
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-ext",
        "EKU=serverAuth,clientAuth",
        "-validity",
        VALIDITY_DAYS);
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        dir.resolve(CA_PEM).toString(),
        "-keystore",
        broker.toString(),
        "-storepass",
        password);
    keytool(
        "-importcert",
        "-alias",
        "broker",
        "-file",
        dir.resolve("broker.pem").toString(),
        "-keystore",
        broker.toString(),
        "-storepass",
        password);
    Files.delete(dir.resolve("broker.csr"));
    Path passwordFile = dir.resolve(STORE_PASSWORD);
    Files.deleteIfExists(passwordFile);
    try {
      Files.createFile(
          passwordFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(passwordFile);
    }
    Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
  }

  private static void keytool(String... args) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new IllegalStateException(
          "keytool is missing from "
              + keytool.getParent()
              + ": run Sightline on a full JDK (17 or newer), not a JRE without tools");
    }
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
