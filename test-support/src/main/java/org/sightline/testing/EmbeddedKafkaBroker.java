package org.sightline.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.sightline.deploy.local.BrokerSettings;
import org.sightline.deploy.local.LocalCertificateAuthority;
import org.sightline.security.CredentialStore;
import org.sightline.security.KafkaAccess;
import org.sightline.security.Principal;

/**
 * A real single-node KRaft broker (broker and controller) in the test JVM, on free ports, formatted
 * like {@code kafka-storage.sh format} does, with the same settings as the local launcher: SASL_SSL
 * with SCRAM-SHA-512 only, a certificate authority of its own, the StandardAuthorizer denying what
 * no ACL allows, and {@code admin} as the only super user.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final String HOST = "127.0.0.1";

  private final Path dataDir;
  private final int port;
  private final Properties props;
  private final Path caCertificate;
  private final String adminPassword;
  private KafkaRaftServer server; // null while stopped

  private EmbeddedKafkaBroker(
      Path dataDir,
      int port,
      Properties props,
      Path caCertificate,
      String adminPassword,
      KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.port = port;
    this.props = props;
    this.caCertificate = caCertificate;
    this.adminPassword = adminPassword;
    this.server = server;
  }

  public static EmbeddedKafkaBroker start() {
    try {
      Path dataDir = Files.createTempDirectory("sightline-kafka-");
      int port = FreePorts.next();
      int controllerPort = FreePorts.next();
      LocalCertificateAuthority.BrokerTls tls =
          LocalCertificateAuthority.ensure(dataDir.resolve("tls"));
      String adminPassword =
          new CredentialStore(dataDir.resolve("secrets")).password(Principal.ADMIN);
      Properties props =
          BrokerSettings.singleNode(
              dataDir.resolve("logs"), HOST, port, controllerPort, tls, adminPassword);
      Path config = dataDir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        props.store(out, "sightline test broker");
      }
      format(config, adminPassword);
      return new EmbeddedKafkaBroker(
          dataDir, port, props, tls.caCertificate(), adminPassword, startServer(props));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the test broker", e);
    }
  }

  private static KafkaRaftServer startServer(Properties props) {
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    server.startup();
    return server;
  }

  /**
   * Stops the broker (a controlled shutdown) and keeps its data and ports, so {@link #restart()}
   * brings the same broker back on the same address. Clients see it go away meanwhile.
   */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /** Starts a stopped broker again on the same ports, with the data it had. */
  public synchronized void restart() {
    if (server == null) {
      server = startServer(props);
    }
  }

  private static void format(Path config, String adminPassword) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int rc;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      rc =
          StorageTool.execute(
              BrokerSettings.formatArguments(config, Uuid.randomUuid().toString(), adminPassword)
                  .toArray(String[]::new),
              out);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "formatting the test broker's storage failed: "
              + buffer.toString(StandardCharsets.UTF_8));
    }
  }

  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The PEM certificate of the CA that signed this broker's certificate. */
  public Path caCertificate() {
    return caCertificate;
  }

  /** How a principal with this password reaches this broker. */
  public KafkaAccess access(String principal, String password) {
    return new KafkaAccess(bootstrapServers(), principal, password, caCertificate);
  }

  /** The super user's access: provisioning, and tests that observe every topic. */
  public KafkaAccess adminAccess() {
    return access(Principal.ADMIN.name(), adminPassword);
  }

  @Override
  public void close() {
    stop();
    deleteRecursively(dataDir);
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp folder is not worth failing a test run for.
    }
  }
}
