package org.sightline.bench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.sightline.access.LoginOptions;
import org.sightline.access.provision.SchemaProvisioner;
import org.sightline.client.KafkaAccess;
import org.sightline.members.Principal;
import org.sightline.runtime.RegistrySigningKey;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a benchmark reaches its broker: SASL_SSL with SCRAM-SHA-512, trusting the local CA, as the
 * CLI does ({@code BrokerOptions}). The bench's own clients (admin, load generators, the
 * passthrough, Kafka's tools) log in as {@link Principal#ADMIN}; a service under test gets its own
 * principal's password from the same credential folder. The defaults are those of the launcher's
 * environment; {@code ./sightline bench} passes the bench broker's own.
 */
final class BenchAccess {

  @Mixin LoginOptions login = new LoginOptions();

  @Option(
      names = "--registry-keys",
      defaultValue = "${env:SIGHTLINE_REGISTRY_KEYS:-.sightline/registry}",
      description =
          "Folder of the registry's signing key: the bench registers schemas as the registry's"
              + " admin, like provisioning (default: ${DEFAULT-VALUE})")
  Path registryKeys;

  /**
   * Registers schemas with the registry admin's token: every client, the processor under test
   * included, only looks schemas up, so the bench provisions them first.
   */
  SchemaProvisioner schemas(String registry) {
    RegistrySigningKey key = RegistrySigningKey.load(registryKeys);
    return new SchemaProvisioner(registry, key::adminToken);
  }

  /** The bench's own access: the admin, a super user, so it may create and delete anything. */
  KafkaAccess admin() {
    return as(Principal.ADMIN);
  }

  /** The bench's load generators and fillers: the admin's access, acks=all, batched. */
  Properties loadProducer() {
    Properties props = new Properties();
    props.putAll(admin().clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
    // A broker busy with TLS and a processor may answer slowly: wait for it rather than expire a
    // batch, which failed a whole run (expired batches, then out-of-order sequences).
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
    // One request in flight: a topic just created can answer NOT_LEADER_OR_FOLLOWER to the first
    // batch even once every partition has a leader, and with five in flight the later batches then
    // met OUT_OF_ORDER_SEQUENCE_NUMBER on every resend, for minutes, until the run failed.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return props;
  }

  /** The access of a principal whose password is in the credential folder. */
  KafkaAccess as(Principal principal) {
    return login.as(principal);
  }

  String password(Principal principal) {
    return login.password(principal);
  }

  /**
   * A client properties file (owner-only, deleted when the JVM exits) with the bootstrap servers
   * and the security settings of {@code access}, for Kafka's tools, which take their client
   * settings from a file. It holds a password: never in {@code bench/results}.
   */
  static Path propertiesFile(KafkaAccess access) {
    try {
      Path file =
          Files.createTempFile(
              "bench-client-",
              ".properties",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      file.toFile().deleteOnExit();
      Properties props = new Properties();
      for (Map.Entry<String, Object> e : new TreeMap<>(access.clientProperties()).entrySet()) {
        props.setProperty(e.getKey(), String.valueOf(e.getValue()));
      }
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        props.store(w, "Kafka client settings of a benchmark run (" + access + ")");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a client properties file", e);
    }
  }
}
