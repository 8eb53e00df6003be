package org.sightline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sightline.members.MemberDirectory;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;
import org.sightline.topics.provision.SchemaProvisioner;
import org.sightline.topics.provision.TopicProvisioner;

/**
 * One real broker and one real registry per test JVM, started on first use (in parallel: the
 * registry takes longest) and stopped when the JVM exits. The topics and schemas of {@link
 * TestMembers} are provisioned from the topic registry exactly as {@code ./sightline up} does.
 */
public final class SightlineTestStack {

  public static final int PARTITIONS = 3;

  private static SightlineTestStack instance;

  private final EmbeddedKafkaBroker broker;
  private final RegistryProcess registry;
  private final Path membersFile;

  private SightlineTestStack(
      EmbeddedKafkaBroker broker, RegistryProcess registry, Path membersFile) {
    this.broker = broker;
    this.registry = registry;
    this.membersFile = membersFile;
  }

  public static synchronized SightlineTestStack get() {
    if (instance == null) {
      instance = startNew();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "sightline-test-stack-stop"));
    }
    return instance;
  }

  private static SightlineTestStack startNew() {
    RegistryProcess registry = RegistryProcess.launch();
    EmbeddedKafkaBroker broker = null;
    try {
      broker = EmbeddedKafkaBroker.start();
      registry.awaitReady();
      Path membersFile = TestMembers.writeTo(Files.createTempFile("sightline-members-", ".json"));
      SightlineTestStack stack = new SightlineTestStack(broker, registry, membersFile);
      stack.provision(Topics.all(TestMembers.directory()));
      return stack;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      registry.close();
      if (broker != null) {
        broker.close();
      }
      throw e;
    }
  }

  /** Creates topics and registers their schemas, idempotently. */
  public void provision(List<TopicSpec<?>> topics) {
    TopicProvisioner.forBootstrap(bootstrapServers(), PARTITIONS).provision(topics);
    new SchemaProvisioner(registryUrl()).provision(topics);
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String registryUrl() {
    return registry.baseUrl();
  }

  public RegistrySerdes serdes() {
    return RegistrySerdes.forRegistry(registryUrl());
  }

  public MemberDirectory members() {
    return TestMembers.directory();
  }

  public Path membersFile() {
    return membersFile;
  }

  private void stop() {
    try {
      broker.close();
    } finally {
      registry.close();
      try {
        Files.deleteIfExists(membersFile);
      } catch (IOException e) {
        // temp file; harmless
      }
    }
  }
}
