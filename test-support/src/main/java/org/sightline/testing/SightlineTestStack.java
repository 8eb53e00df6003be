package org.sightline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.sightline.access.AccessProvisioner;
import org.sightline.access.CredentialStore;
import org.sightline.access.provision.SchemaProvisioner;
import org.sightline.access.provision.TopicProvisioner;
import org.sightline.client.KafkaAccess;
import org.sightline.client.ServiceTls;
import org.sightline.indicator.Canonicalizer;
import org.sightline.members.AgencyId;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Principal;
import org.sightline.runtime.LocalCertificateAuthority;
import org.sightline.runtime.RegistrySigningKey;
import org.sightline.schema.IntakeEvent;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.StoreNames;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * One real broker and one real registry per test JVM, started on first use (in parallel: the
 * registry takes longest) and stopped when the JVM exits. The topics and schemas of {@link
 * TestMembers} are provisioned from the topic registry exactly as {@code ./sightline up} does, with
 * the schemas of the processor's internal topics (application id {@value
 * StoreNames#PROCESSOR_APPLICATION_ID}); the registry lets only the admin's token write.
 *
 * <p>"Per JVM", not per class loader: Quarkus tests load this class in their own class loader, so
 * the first stack publishes its endpoints in system properties and later loaders attach to it.
 */
public final class SightlineTestStack {

  public static final int PARTITIONS = 3;

  // Outside the "sightline." namespace: services validate every property under it.
  private static final String SHARED = "org.sightline.testing.stack";

  // The registry's restart, as a Runnable (a bootstrap class, so every class loader can run it).
  private static final String REGISTRY_RESTART = SHARED + ".registry-restart";

  private static SightlineTestStack instance;

  private final String bootstrapServers;
  private final String registryUrl;
  private final Path membersFile;
  private final Path caCertificate;
  private final CredentialStore credentials;
  private final String adminPassword;
  private final Path registryKeys;

  private SightlineTestStack(
      String bootstrapServers,
      String registryUrl,
      Path membersFile,
      Path caCertificate,
      Path credentials,
      String adminPassword,
      Path registryKeys) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.membersFile = membersFile;
    this.caCertificate = caCertificate;
    this.credentials = new CredentialStore(credentials);
    this.adminPassword = adminPassword;
    this.registryKeys = registryKeys;
  }

  /**
   * Stops the shared registry (as SIGTERM does) and starts it again on its port with its data: a
   * fault the services must ride out. Returns once it answers.
   */
  public void restartRegistry() {
    Object restart = System.getProperties().get(REGISTRY_RESTART);
    if (!(restart instanceof Runnable r)) {
      throw new IllegalStateException("this JVM did not start the shared registry");
    }
    r.run();
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
    return new SightlineTestStack(
        parts[0],
        parts[1],
        Path.of(parts[2]),
        Path.of(parts[3]),
        Path.of(parts[4]),
        parts[5],
        Path.of(parts[6]));
  }

  private static SightlineTestStack startNew() {
    RegistryProcess registry = RegistryProcess.launch();
    EmbeddedKafkaBroker broker = null;
    try {
      broker = EmbeddedKafkaBroker.start();
      registry.awaitReady();
      Path membersFile = TestMembers.writeTo(Files.createTempFile("sightline-members-", ".json"));
      Path credentials = Files.createTempDirectory("sightline-credentials-");
      KafkaAccess admin = broker.adminAccess();
      SightlineTestStack stack =
          new SightlineTestStack(
              broker.bootstrapServers(),
              registry.baseUrl(),
              membersFile,
              broker.caCertificate(),
              credentials,
              admin.password(),
              registry.keyDirectory());
      stack.provision(Topics.all(TestMembers.directory()));
      stack.provisionProcessor(StoreNames.PROCESSOR_APPLICATION_ID);
      stack.applyAccessPolicy(TestMembers.directory());
      EmbeddedKafkaBroker ownedBroker = broker;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      ownedBroker.close();
                    } finally {
                      registry.close();
                      EmbeddedKafkaBroker.deleteRecursively(credentials);
                      try {
                        Files.deleteIfExists(membersFile);
                      } catch (IOException e) {
                        // temp file; harmless
                      }
                    }
                  },
                  "sightline-test-stack-stop"));
      System.getProperties().put(REGISTRY_RESTART, (Runnable) registry::restart);
      System.setProperty(
          SHARED,
          String.join(
              "\n",
              stack.bootstrapServers,
              stack.registryUrl,
              membersFile.toString(),
              stack.caCertificate.toString(),
              credentials.toString(),
              stack.adminPassword,
              stack.registryKeys.toString()));
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
    new TopicProvisioner(adminAccess().clientProperties(), PARTITIONS, (short) 1).provision(topics);
    schemaProvisioner().provision(topics);
  }

  /**
   * Registers the schemas of the internal topics of a processor with this application id, as the
   * admin must before that processor starts (its serdes only look schemas up).
   */
  public void provisionProcessor(String applicationId) {
    schemaProvisioner().provisionProcessor(applicationId);
  }

  /** Registers schemas as the admin (with the registry admin's token). */
  public SchemaProvisioner schemaProvisioner() {
    return new SchemaProvisioner(registryUrl(), this::registryAdminToken);
  }

  /** A fresh token with the registry's admin role. */
  public String registryAdminToken() {
    return registrySigningKey().adminToken();
  }

  /** The registry's signing key: tests mint tokens of other roles with it. */
  public RegistrySigningKey registrySigningKey() {
    return RegistrySigningKey.load(registryKeys);
  }

  /**
   * Gives every principal of the federation its credential and exactly its ACLs, as {@code
   * ./sightline up} does; idempotent.
   */
  public AccessProvisioner.Result applyAccessPolicy(MemberDirectory members) {
    try (Admin admin = Admin.create(adminAccess().clientProperties())) {
      return new AccessProvisioner(admin).apply(members, credentials::password);
    }
  }

  /** How a principal of the test federation reaches the broker. */
  public KafkaAccess access(Principal principal) {
    return principal.kind() == Principal.Kind.ADMIN
        ? adminAccess()
        : new KafkaAccess(
            bootstrapServers, principal.name(), credentials.password(principal), caCertificate);
  }

  /** The super user: tests observe and provision with it. */
  public KafkaAccess adminAccess() {
    return new KafkaAccess(bootstrapServers, Principal.ADMIN.name(), adminPassword, caCertificate);
  }

  /** The admin's client settings (bootstrap servers and security), for a test's own client. */
  public Map<String, Object> clientProperties() {
    return adminAccess().clientProperties();
  }

  public Path caCertificate() {
    return caCertificate;
  }

  /**
   * A service's TLS identity (key store signed by the broker's CA, common name = the principal), as
   * {@code ./sightline up} makes one, for the mutual TLS between the consumers and the processor's
   * interactive queries; made once per test JVM and principal.
   */
  public ServiceTls serviceTls(Principal service) {
    return LocalCertificateAuthority.service(caCertificate.getParent(), service.name(), List.of());
  }

  /** The folder of every principal's password file, as {@code ./sightline up} keeps it. */
  public Path credentialsDirectory() {
    return credentials.directory();
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
    Map<String, Object> props = adminAccess().readerProperties("test-" + group);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    return new KafkaConsumer<>(
        props, valueType.keySerde().deserializer(), valueType.valueSerde(serdes()).deserializer());
  }

  /**
   * The records of {@code topic} that {@code wanted} picks, read from the beginning until {@code
   * count} are found or {@code within} has passed (the caller asserts on what came).
   */
  public <V extends SpecificRecord> List<ConsumerRecord<String, V>> await(
      TopicSpec<V> topic, Predicate<ConsumerRecord<String, V>> wanted, int count, Duration within) {
    List<ConsumerRecord<String, V>> found = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = consumer(topic, "test-await-" + UUID.randomUUID())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.currentTimeMillis() + within.toMillis();
      while (found.size() < count && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(250))) {
          if (wanted.test(r)) {
            found.add(r);
          }
        }
      }
    }
    return found;
  }

  /**
   * A URL sighting on the agency's intake topic, keyed by its locality, as the agency's own Kafka
   * producer writes it (not through the intake); returns once the broker holds it.
   */
  public void publishUrl(AgencyId agency, String id, String url, Instant observedAt) {
    publishUrl(
        agency, id, url, observedAt, Canonicalizer.canonicalize("url", url, null).localityKey());
  }

  /** The same with the key given: an older producer's (the sighting id), or a careless one's. */
  public void publishUrl(AgencyId agency, String id, String url, Instant observedAt, String key) {
    TopicSpec<IntakeEvent> topic = Topics.intake(agency);
    try (KafkaProducer<String, IntakeEvent> producer = producer(topic)) {
      producer
          .send(new ProducerRecord<>(topic.name(), key, TestSightings.url(id, url, observedAt)))
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the broker did not take sighting " + id, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An idempotent producer (acks=all) of Avro records in the Confluent wire format. */
  public <V extends SpecificRecord> KafkaProducer<String, V> producer(TopicSpec<V> valueType) {
    return new KafkaProducer<>(
        with(
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            10,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024),
        valueType.keySerde().serializer(),
        valueType.valueSerde(serdes()).serializer());
  }

  /** The admin's client settings with these settings added (key, value, key, value...). */
  private Map<String, Object> with(Object... keyValues) {
    Map<String, Object> props = new java.util.HashMap<>(clientProperties());
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put((String) keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  public MemberDirectory members() {
    return TestMembers.directory();
  }

  public Path membersFile() {
    return membersFile;
  }
}
