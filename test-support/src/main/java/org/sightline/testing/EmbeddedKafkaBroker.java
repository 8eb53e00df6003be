package org.sightline.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.sightline.access.CredentialStore;
import org.sightline.client.KafkaAccess;
import org.sightline.members.Principal;
import org.sightline.runtime.BrokerSettings;
import org.sightline.runtime.LocalCertificateAuthority;

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
  private final boolean childProcess;
  private Node node; // null while stopped

  /** A running broker: in this JVM, or in a JVM of its own. */
  private interface Node {
    void stop();
  }

  private EmbeddedKafkaBroker(
      Path dataDir,
      int port,
      Properties props,
      Path caCertificate,
      String adminPassword,
      boolean childProcess) {
    this.dataDir = dataDir;
    this.port = port;
    this.props = props;
    this.caCertificate = caCertificate;
    this.adminPassword = adminPassword;
    this.childProcess = childProcess;
  }

  public static EmbeddedKafkaBroker start() {
    return prepare(false).startNode();
  }

  /**
   * The same broker in a JVM of its own ({@code kafka.Kafka}, as the launcher runs it), for a
   * second broker in a test JVM: Kafka registers its SASL server providers once per JVM, so a
   * second in-JVM broker started from another class loader (Quarkus test profiles have their own)
   * would get the first loader's providers and refuse every login.
   */
  public static EmbeddedKafkaBroker startInChildProcess() {
    return prepare(true).startNode();
  }

  private static EmbeddedKafkaBroker prepare(boolean childProcess) {
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
      BrokerSettings.format(config, adminPassword);
      return new EmbeddedKafkaBroker(
          dataDir, port, props, tls.caCertificate(), adminPassword, childProcess);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the test broker", e);
    }
  }

  private EmbeddedKafkaBroker startNode() {
    node = childProcess ? childProcessNode() : inJvmNode();
    return this;
  }

  private Node inJvmNode() {
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    server.startup();
    return () -> {
      server.shutdown();
      server.awaitShutdown();
    };
  }

  private Node childProcessNode() {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dataDir.resolve("broker-" + System.nanoTime() + ".log");
    Process process;
    try {
      process =
          new ProcessBuilder(
                  javaBin.toString(),
                  "-Xmx512m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "kafka.Kafka",
                  dataDir.resolve("server.properties").toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the broker's JVM", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    awaitReady(process, log);
    return () -> {
      // SIGTERM: Kafka's own controlled shutdown, as an operator's stop would be.
      process.destroy();
      try {
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    };
  }

  /** Until the admin can describe the cluster through the SASL_SSL listener. */
  private void awaitReady(Process process, Path log) {
    long deadline = System.currentTimeMillis() + 90_000;
    java.util.Map<String, Object> client =
        new java.util.HashMap<>(adminAccess().clientProperties());
    client.put("default.api.timeout.ms", 3000);
    client.put("request.timeout.ms", 2000);
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the broker's JVM stopped while starting; see " + log);
      }
      try (org.apache.kafka.clients.admin.Admin admin =
          org.apache.kafka.clients.admin.Admin.create(client)) {
        admin.describeCluster().nodes().get(3, java.util.concurrent.TimeUnit.SECONDS);
        return;
      } catch (Exception notYet) {
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the broker starts", e);
        }
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the broker's JVM was not ready within 90 s; see " + log);
  }

  /**
   * Stops the broker (a controlled shutdown) and keeps its data and ports, so {@link #restart()}
   * brings the same broker back on the same address. Clients see it go away meanwhile.
   */
  public synchronized void stop() {
    if (node != null) {
      node.stop();
      node = null;
    }
  }

  /** Starts a stopped broker again on the same ports, with the data it had. */
  public synchronized void restart() {
    if (node == null) {
      startNode();
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
