package org.sightline.intake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.sightline.access.AccessProvisioner;
import org.sightline.access.provision.TopicProvisioner;
import org.sightline.testing.EmbeddedKafkaBroker;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * An intake on a broker of its own, which a fault test may stop and restart: the shared test
 * stack's broker serves every other test of the JVM and must never go away. The registry, the
 * member directory and the principals' passwords are the shared stack's (schemas are registered
 * once for every broker; the dedicated broker gets the same credentials and ACLs).
 *
 * <p>A short acknowledgement timeout (2 s), so that an outage of a few seconds is longer than it
 * and requests really are answered 503 while the broker is down.
 */
public class DedicatedBrokerProfile implements QuarkusTestProfile {

  /** Outside the "sightline." namespace: the intake validates every property under it. */
  private static final String SHARED = "org.sightline.testing.dedicated-broker";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("sightline.intake.ack-timeout", "2s");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(Resource.class));
  }

  /**
   * The dedicated broker, started once per JVM and shared across class loaders (Quarkus loads the
   * test and its resources in loaders of their own) as a JDK function in the system properties:
   * {@code "bootstrap"} and {@code "ca"} (strings), {@code "client"} (the admin's client settings,
   * a map), {@code "stop"} and {@code "restart"}.
   */
  @SuppressWarnings("unchecked")
  public static Function<String, Object> broker() {
    synchronized (System.class) {
      Object shared = System.getProperties().get(SHARED);
      if (shared == null) {
        shared = startBroker();
        System.getProperties().put(SHARED, shared);
      }
      return (Function<String, Object>) shared;
    }
  }

  private static Function<String, Object> startBroker() {
    SightlineTestStack stack = SightlineTestStack.get();
    // In a JVM of its own: a second in-JVM broker, started from a Quarkus test class loader, would
    // find Kafka's SASL providers already registered by the first broker's loader.
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startInChildProcess();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(broker::close, "sightline-dedicated-broker-stop"));
    Map<String, Object> admin = broker.adminAccess().clientProperties();
    new TopicProvisioner(admin, SightlineTestStack.PARTITIONS, (short) 1)
        .provision(Topics.all(TestMembers.directory()));
    try (Admin client = Admin.create(admin)) {
      new AccessProvisioner(client)
          .apply(TestMembers.directory(), principal -> stack.access(principal).password());
    }
    return command ->
        switch (command) {
          case "stop" -> {
            broker.stop();
            yield null;
          }
          case "restart" -> {
            broker.restart();
            yield null;
          }
          case "bootstrap" -> broker.bootstrapServers();
          case "ca" -> broker.caCertificate().toString();
          case "client" -> Map.copyOf(admin);
          default -> throw new IllegalArgumentException(command);
        };
  }

  /**
   * What the shared stack's resource gives a service, pointed at the dedicated broker: its address
   * and its certificate authority; the passwords are the same.
   */
  public static final class Resource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      SightlineTestStack stack = SightlineTestStack.get();
      String bootstrap = (String) broker().apply("bootstrap");
      Map<String, String> config = new HashMap<>(new SightlineStackResource().start());
      config.replaceAll((k, v) -> v.equals(stack.bootstrapServers()) ? bootstrap : v);
      config.replaceAll(
          (k, v) -> v.equals(stack.caCertificate().toString()) ? (String) broker().apply("ca") : v);
      config.put("kafka.bootstrap.servers", bootstrap);
      return config;
    }

    @Override
    public void stop() {
      // The broker stops when the JVM exits, like the shared stack.
    }
  }
}
