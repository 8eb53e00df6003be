package org.sightline.runtime;

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
import org.sightline.client.ServiceTls;

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

  /**
   * A service's key store ({@code services/<principal>.p12} under {@code dir}, the CA's store
   * password): a key pair and a certificate signed by the CA whose common name is the principal,
   * valid for TLS servers and clients, for {@code localhost}, {@code 127.0.0.1} and {@code
   * extraNames}. Made once; a store whose certificate lacks one of the names is made again. The
   * services that must know each other (the processor's interactive queries, which only the
   * consumers and the processor's own instances may ask) authenticate with these (mutual TLS).
   */
  public static synchronized ServiceTls service(
      Path dir, String principal, List<String> extraNames) {
    if (!principal.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("not a service principal: " + principal);
    }
    BrokerTls ca = ensure(dir);
    List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1"));
    for (String name : extraNames) {
      String entry = (name.matches("[0-9.]+") || name.contains(":") ? "ip:" : "dns:") + name;
      if (!names.contains(entry)) {
        names.add(entry);
      }
    }
    Path services = dir.resolve("services");
    Path store = services.resolve(principal + ".p12");
    Path namesFile = services.resolve(principal + ".names");
    try {
      String wanted = String.join(",", names);
      if (!Files.isRegularFile(store)
          || !Files.isRegularFile(namesFile)
          || !Files.readString(namesFile, StandardCharsets.UTF_8).strip().equals(wanted)) {
        Files.createDirectories(services);
        Files.deleteIfExists(store);
        issue(dir, ca.keystorePassword(), store, principal, principal, wanted);
        ownerOnly(store);
        Files.writeString(namesFile, wanted + "\n", StandardCharsets.UTF_8);
      }
      return new ServiceTls(store, ca.keystorePassword(), ca.caCertificate());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the TLS key store of " + principal, e);
    }
  }

  private static void create(Path dir) throws IOException {
    for (String name : List.of(CA_STORE, BROKER_STORE, CA_PEM, "broker.csr", "broker.pem")) {
      Files.deleteIfExists(dir.resolve(name));
    }
    String password = randomPassword();
    Path ca = dir.resolve(CA_STORE);
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
    issue(
        dir,
        password,
        dir.resolve(BROKER_STORE),
        "broker",
        "localhost",
        "dns:localhost,ip:127.0.0.1");
    ownerOnly(dir.resolve(BROKER_STORE));
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

  /**
   * A key pair in {@code store} (PKCS12, {@code password}) under {@code alias}, with a certificate
   * for {@code CN=<commonName>} and the subject alternative names {@code sans} signed by the CA in
   * {@code dir}, the CA's certificate beside it.
   */
  private static void issue(
      Path dir, String password, Path store, String alias, String commonName, String sans)
      throws IOException {
    Path ca = dir.resolve(CA_STORE);
    Path csr = Files.createTempFile(dir, alias, ".csr");
    Path pem = Files.createTempFile(dir, alias, ".pem");
    try {
      keytool(
          "-genkeypair",
          "-alias",
          alias,
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=" + commonName,
          "-validity",
          VALIDITY_DAYS,
          "-keystore",
          store.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          password);
      keytool(
          "-certreq",
          "-alias",
          alias,
          "-keystore",
          store.toString(),
          "-storepass",
          password,
          "-file",
          csr.toString());
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
          csr.toString(),
          "-outfile",
          pem.toString(),
          "-ext",
          "SAN=" + sans,
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
          store.toString(),
          "-storepass",
          password);
      keytool(
          "-importcert",
          "-alias",
          alias,
          "-file",
          pem.toString(),
          "-keystore",
          store.toString(),
          "-storepass",
          password);
    } finally {
      Files.deleteIfExists(csr);
      Files.deleteIfExists(pem);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Elsewhere the folder's own protection applies.
    }
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
    // Never a leading '-': keytool's launcher takes an argument "-J..." as an option of its JVM.
    return "s" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
