package org.sightline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sightline.access.AccessPolicy;
import org.sightline.client.KafkaAccess;
import org.sightline.members.AccessProvider;
import org.sightline.members.Agency;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Principal;
import org.sightline.topics.Topics;

/**
 * The broker, not the services' goodwill, keeps each member to its own topics: these clients log in
 * as the members themselves over SASL_SSL and are refused by the real broker's StandardAuthorizer.
 */
@ExtendWith(SightlineStackExtension.class)
class BrokerSecurityTest {

  private static final Duration REFUSAL = Duration.ofSeconds(20);

  @Test
  void anAgencyWritesItsOwnIntakeTopicButNotAnotherAgencys(SightlineTestStack stack)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> nl =
        producer(stack.access(Principal.agency(TestMembers.NL_POLICE)))) {
      nl.send(record(Topics.intake(TestMembers.NL_POLICE).name())).get(20, TimeUnit.SECONDS);
      assertThatThrownBy(
              () ->
                  nl.send(record(Topics.intake(TestMembers.DE_POLICE).name()))
                      .get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TopicAuthorizationException.class);
      // Nor the processor's outputs: an agency cannot forge an alert.
      assertThatThrownBy(() -> nl.send(record("alerts.DE")).get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void aCountryReadsItsOwnAlertsButNotAnotherCountrys(SightlineTestStack stack) {
    KafkaAccess nl = stack.access(Principal.country(CountryCode.of("NL")));
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(nl, "country-nl.own")) {
      consumer.subscribe(List.of("alerts.NL"));
      consumer.poll(Duration.ofSeconds(2)); // joins and fetches without an authorization error
    }
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(nl, "country-nl.other")) {
      consumer.subscribe(List.of("alerts.DE"));
      assertThatThrownBy(() -> pollUntilRefused(consumer))
          .isInstanceOf(TopicAuthorizationException.class);
    }
    // Nor may it join a consumer group that is not its own.
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(nl, "country-de.steal")) {
      consumer.subscribe(List.of("alerts.NL"));
      assertThatThrownBy(() -> pollUntilRefused(consumer))
          .isInstanceOf(GroupAuthorizationException.class);
    }
  }

  /**
   * An access provider has no login on the broker: whatever password it tries, under whatever name
   * a provider principal had, it reads nothing (the list reaches it over the audited HTTP feed).
   */
  @Test
  void anAccessProviderHasNoBrokerLogin(SightlineTestStack stack) {
    AccessProvider isp = stack.members().accessProviders().get(0);
    KafkaAccess real = stack.access(Principal.agency(TestMembers.NL_POLICE));
    for (String name : List.of("provider-" + isp.id(), isp.id())) {
      KafkaAccess provider =
          new KafkaAccess(real.bootstrapServers(), name, "any-password", real.caCertificate());
      try (Admin admin = Admin.create(withTimeout(provider.clientProperties()))) {
        assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
            .as(name)
            .hasCauseInstanceOf(SaslAuthenticationException.class);
      }
    }
  }

  @Test
  void aWrongPasswordIsRefused(SightlineTestStack stack) {
    KafkaAccess real = stack.access(Principal.agency(TestMembers.NL_POLICE));
    KafkaAccess impostor =
        new KafkaAccess(real.bootstrapServers(), real.principal(), "guessed", real.caCertificate());
    try (Admin admin = Admin.create(withTimeout(impostor.clientProperties()))) {
      assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void aPlaintextClientGetsNothing(SightlineTestStack stack) {
    Map<String, Object> plaintext = new HashMap<>();
    plaintext.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    try (Admin admin = Admin.create(withTimeout(plaintext))) {
      // The TLS listener cannot parse a plaintext request: the client never gets an answer.
      assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }
  }

  @Test
  void onlyTheAdminCreatesTopicsOrAltersAcls(SightlineTestStack stack) {
    try (Admin processor =
        Admin.create(withTimeout(stack.access(Principal.PROCESSOR).clientProperties()))) {
      assertThatThrownBy(
              () ->
                  processor
                      .createTopics(List.of(new NewTopic("alerts.XX", 1, (short) 1)))
                      .all()
                      .get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TopicAuthorizationException.class);
      assertThatThrownBy(
              () ->
                  processor
                      .deleteAcls(List.of(AclBindingFilter.ANY))
                      .all()
                      .get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("uthoriz");
    }
  }

  @Test
  void aDisabledAgencyLosesItsLoginAndItsRightsAndGetsThemBackWhenEnabled(SightlineTestStack stack)
      throws Exception {
    MemberDirectory members = stack.members();
    KafkaAccess de = stack.access(Principal.agency(TestMembers.DE_POLICE));
    MemberDirectory withoutDe =
        new MemberDirectory(
            members.agencies().stream()
                .map(
                    a ->
                        a.id().equals(TestMembers.DE_POLICE)
                            ? new Agency(a.id(), a.name(), a.country(), a.apiKeySha256(), false)
                            : a)
                .toList(),
            members.countries(),
            members.accessProviders(),
            List.of());
    try {
      var result = stack.applyAccessPolicy(withoutDe);
      assertThat(result.principalsRemoved()).containsExactly("agency-de-police");
      try (KafkaProducer<byte[], byte[]> producer = producer(withTimeout(de.clientProperties()))) {
        assertThatThrownBy(
                () ->
                    producer
                        .send(record(Topics.intake(TestMembers.DE_POLICE).name()))
                        .get(20, TimeUnit.SECONDS))
            .hasRootCauseInstanceOf(SaslAuthenticationException.class);
      }
      // A second run finds nothing to change: the policy is applied idempotently.
      var again = stack.applyAccessPolicy(withoutDe);
      assertThat(again.aclsCreated()).isZero();
      assertThat(again.aclsDeleted()).isZero();
    } finally {
      stack.applyAccessPolicy(members);
    }
    try (KafkaProducer<byte[], byte[]> producer = producer(de)) {
      producer.send(record(Topics.intake(TestMembers.DE_POLICE).name())).get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void theBrokerHoldsExactlyThePolicysAcls(SightlineTestStack stack) throws Exception {
    try (Admin admin = Admin.create(stack.clientProperties())) {
      assertThat(
              Set.copyOf(
                  admin.describeAcls(AclBindingFilter.ANY).values().get(20, TimeUnit.SECONDS)))
          .isEqualTo(Set.copyOf(AccessPolicy.bindings(stack.members())));
    }
  }

  private static void pollUntilRefused(KafkaConsumer<byte[], byte[]> consumer) {
    long deadline = System.currentTimeMillis() + REFUSAL.toMillis();
    while (System.currentTimeMillis() < deadline) {
      consumer.poll(Duration.ofMillis(200));
    }
  }

  private static ProducerRecord<byte[], byte[]> record(String topic) {
    return new ProducerRecord<>(topic, "k".getBytes(), "not read by anyone".getBytes());
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaAccess access) {
    return producer(access.clientProperties());
  }

  private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> props) {
    Map<String, Object> config = new HashMap<>(props);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaAccess access, String group) {
    return new KafkaConsumer<>(
        access.clientProperties(
            Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest")),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private static Map<String, Object> withTimeout(Map<String, Object> props) {
    Map<String, Object> config = new HashMap<>(props);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
    return config;
  }
}
