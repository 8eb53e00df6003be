package org.sightline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
 *
 * <p>"Per JVM", not per class loader: Quarkus tests load this class in their own class loader, so
 * the first stack publishes its endpoints in system properties and later loaders attach to it.
 */
public final class SightlineTestStack {

  public static final int PARTITIONS = 3;

  // Outside the "sightline." namespace: services validate every property under it.
  private static final String SHARED = "org.sightline.testing.stack";

  private static SightlineTestStack instance;

  private final String bootstrapServers;
  private final String registryUrl;
  private final Path membersFile;

  private SightlineTestStack(String bootstrapServers, String registryUrl, Path membersFile) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.membersFile = membersFile;
  }

  public static SightlineTestStack get() {
    synchronized (System.class) {
      if (instance == null) {
        String shared = System.getProperty(SHARED);
        instance = shared != null ? attach(shared) : startNew();
      }
      return instance;
    }
  }

  private static SightlineTestStack attach(String shared) {
    String[] parts = shared.split("\n");
    return new SightlineTestStack(parts[0], parts[1], Path.of(parts[2]));
  }

  private static SightlineTestStack startNew() {
    RegistryProcess registry = RegistryProcess.launch();
    EmbeddedKafkaBroker broker = null;
    try {
      broker = EmbeddedKafkaBroker.start();
      registry.awaitReady();
      Path membersFile = TestMembers.writeTo(Files.createTempFile("sightline-members-", ".json"));
      SightlineTestStack stack =
          new SightlineTestStack(broker.bootstrapServers(), registry.baseUrl(), membersFile);
      stack.provision(Topics.all(TestMembers.directory()));
      EmbeddedKafkaBroker ownedBroker = broker;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      ownedBroker.close();
                    } finally {
                      registry.close();
                      try {
                        Files.deleteIfExists(membersFile);
                      } catch (IOException e) {
                        // temp file; harmless
                      }
                    }
                  },
                  "sightline-test-stack-stop"));
      System.setProperty(
          SHARED,
          String.join("\n", stack.bootstrapServers, stack.registryUrl, membersFile.toString()));
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
    return bootstrapServers;
  }

  public String registryUrl() {
    return registryUrl;
  }

  public RegistrySerdes serdes() {
    return RegistrySerdes.forRegistry(registryUrl());
  }

  /**
   * A consumer of Avro records that reads from the beginning and sees only committed transactions,
   * as an analyst's service does; subscribe it to the topics to read.
   */
  public <V extends SpecificRecord> KafkaConsumer<String, V> consumer(
      TopicSpec<V> valueType, String group) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5000),
        valueType.keySerde().deserializer(),
        valueType.valueSerde(serdes()).deserializer());
  }

  /** An idempotent producer (acks=all) of Avro records in the Confluent wire format. */
  public <V extends SpecificRecord> KafkaProducer<String, V> producer(TopicSpec<V> valueType) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            10,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024),
        valueType.keySerde().serializer(),
        valueType.valueSerde(serdes()).serializer());
  }

  public MemberDirectory members() {
    return TestMembers.directory();
  }

  public Path membersFile() {
    return membersFile;
  }
}
