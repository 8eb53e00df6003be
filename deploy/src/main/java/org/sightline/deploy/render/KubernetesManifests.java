package org.sightline.deploy.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.KafkaBuilder;
import io.strimzi.api.kafka.model.kafka.PersistentClaimStorageBuilder;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListenerBuilder;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerType;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePoolBuilder;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserBuilder;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.acl.AclBinding;
import org.sightline.access.AccessPolicy;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Principal;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * The Kubernetes installation (Strimzi operator, one namespace) rendered from the topic registry
 * ({@link Topics#all}) and the access policy ({@link AccessPolicy}): the Kafka cluster, a {@code
 * KafkaTopic} per topic, a {@code KafkaUser} per principal with its ACLs, the schema registry and
 * the three services. Nothing here is written by hand, so a topic or a right cannot exist in the
 * code and not in the cluster.
 */
public final class KubernetesManifests {

  /** The Strimzi API version rendered: served by Strimzi 0.49 and later, the only one in 1.x. */
  public static final String STRIMZI_API = "kafka.strimzi.io/v1";

  public static final String CLUSTER = "sightline";
  public static final String CLUSTER_LABEL = "strimzi.io/cluster";
  public static final String CA_SECRET = CLUSTER + "-cluster-ca-cert";
  public static final String BOOTSTRAP = CLUSTER + "-kafka-bootstrap:9093";
  public static final String REGISTRY = "sightline-registry";
  public static final String REGISTRY_URL = "http://" + REGISTRY + ":8080";
  public static final String CONFIG = "sightline-config";
  public static final String MEMBERS = "sightline-members";
  public static final String WARNING_LISTS = "sightline-warninglists";

  /** The number of brokers (and controllers), the replication factor and the min ISR. */
  public static final int BROKERS = 3;

  public static final int REPLICATION_FACTOR = 3;
  public static final int MIN_INSYNC_REPLICAS = 2;

  /** Partitions of every topic: the ceiling on processor instances (see the operations guide). */
  public static final int PARTITIONS = 6;

  public static final int PROCESSOR_REPLICAS = 3;

  /**
   * The federation's CA for the services' own TLS (cert-manager Issuer of type CA, from the Secret
   * of the same name, which the operator creates once): the processor's interactive queries trust
   * only certificates it issued to the consumers, the intake and the processor.
   */
  public static final String FEDERATION_CA = "sightline-federation-ca";

  /** The Secret with the password of the services' PKCS12 key stores (key {@code password}). */
  public static final String KEYSTORE_PASSWORD = "sightline-tls-keystore-password";

  /**
   * The label of the namespace whose pods (a Prometheus) may scrape the management ports: health
   * and metrics are not for anyone else.
   */
  public static final String MONITORING_LABEL = "sightline.org/monitoring";

  static final int INTAKE_PORT = 8181;
  static final int PROCESSOR_PORT = 8282;
  static final int CONSUMERS_PORT = 8383;
  static final int INTAKE_MANAGEMENT_PORT = 9181;
  static final int PROCESSOR_MANAGEMENT_PORT = 9282;
  static final int CONSUMERS_MANAGEMENT_PORT = 9383;

  private static final String IMAGE_PREFIX = "sightline/";
  private static final String IMAGE_TAG = ":0.1.0-SNAPSHOT";
  private static final String REGISTRY_IMAGE = "quay.io/apicurio/apicurio-registry:3.3.3";

  private final MemberDirectory members;
  private final String membersJson;
  private final Map<String, String> warningLists;

  /**
   * @param membersJson the member directory file as it is (hashes of keys only), for the services
   * @param warningLists the warning list files by name, for the processor
   */
  public KubernetesManifests(
      MemberDirectory members, String membersJson, Map<String, String> warningLists) {
    this.members = members;
    this.membersJson = membersJson;
    this.warningLists = new TreeMap<>(warningLists);
  }

  /** File name (under {@code deploy/k8s/}) → content, in a stable order. */
  public Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("10-kafka.yaml", file("the Kafka cluster (KRaft, node pool)", kafka()));
    files.put("20-topics.yaml", file("one KafkaTopic per topic of Topics.all", topics()));
    files.put("30-users.yaml", file("one KafkaUser per principal of AccessPolicy", users()));
    files.put("40-config.yaml", file("configuration of the services", config()));
    files.put(
        "45-service-tls.yaml",
        file("the services' TLS identities (cert-manager, the federation's CA)", serviceTls()));
    files.put("50-registry.yaml", file("Apicurio Registry", registry()));
    files.put("60-intake.yaml", file("the intake", intake()));
    files.put("70-processor.yaml", file("the correlation processor", processor()));
    files.put("80-consumers.yaml", file("console, dashboard, IWOL feed", consumers()));
    return files;
  }

  private static String file(String what, List<?> objects) {
    return Yaml.documents(
        "# Sightline on Kubernetes (Strimzi): "
            + what
            + ".\n# Generated by `./sightline deploy render k8s` from the topic registry and the"
            + " access policy: do not edit.\n",
        objects);
  }

  /**
   * The resource under {@link #STRIMZI_API}: the model computes its apiVersion from its storage
   * version (v1beta2 for Kafka and KafkaNodePool in 0.51) and ignores a set one, so the written
   * tree is corrected; the v1 schema test proves the result is a valid v1 resource.
   */
  static ObjectNode v1(HasMetadata resource) {
    ObjectNode tree = Yaml.mapper().valueToTree(resource);
    tree.put("apiVersion", STRIMZI_API);
    return tree;
  }

  List<Object> kafka() {
    Kafka kafka =
        new KafkaBuilder()
            .withApiVersion(STRIMZI_API)
            .withNewMetadata()
            .withName(CLUSTER)
            .addToAnnotations("strimzi.io/node-pools", "enabled")
            .addToAnnotations("strimzi.io/kraft", "enabled")
            .endMetadata()
            .withNewSpec()
            .withNewKafka()
            .withListeners(
                new GenericKafkaListenerBuilder()
                    .withName("tls")
                    .withPort(9093)
                    .withType(KafkaListenerType.INTERNAL)
                    .withTls(true)
                    .withAuth(new KafkaListenerAuthenticationScramSha512())
                    .build())
            .withAuthorization(authorization())
            .withConfig(brokerConfig())
            .endKafka()
            .withNewEntityOperator()
            .withNewTopicOperator()
            .endTopicOperator()
            .withNewUserOperator()
            .endUserOperator()
            .endEntityOperator()
            .endSpec()
            .build();
    KafkaNodePool pool =
        new KafkaNodePoolBuilder()
            .withApiVersion(STRIMZI_API)
            .withNewMetadata()
            .withName("dual-role")
            .addToLabels(CLUSTER_LABEL, CLUSTER)
            .endMetadata()
            .withNewSpec()
            .withReplicas(BROKERS)
            .withRoles(ProcessRoles.CONTROLLER, ProcessRoles.BROKER)
            .withStorage(
                new PersistentClaimStorageBuilder()
                    .withSize("100Gi")
                    .withDeleteClaim(false)
                    .withKraftMetadata(io.strimzi.api.kafka.model.kafka.KRaftMetadataStorage.SHARED)
                    .build())
            .withResources(resources("2", "8Gi", "4", "8Gi"))
            .endSpec()
            .build();
    return List.of(v1(kafka), v1(pool));
  }

  private static KafkaAuthorizationSimple authorization() {
    KafkaAuthorizationSimple simple = new KafkaAuthorizationSimple();
    simple.setSuperUsers(List.of(Principal.ADMIN.name()));
    return simple;
  }

  /** Broker configuration beside what Strimzi manages itself (listeners, authorizer, TLS). */
  static Map<String, Object> brokerConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("default.replication.factor", REPLICATION_FACTOR);
    config.put("min.insync.replicas", MIN_INSYNC_REPLICAS);
    config.put("offsets.topic.replication.factor", REPLICATION_FACTOR);
    config.put("transaction.state.log.replication.factor", REPLICATION_FACTOR);
    config.put("transaction.state.log.min.isr", MIN_INSYNC_REPLICAS);
    config.put("share.coordinator.state.topic.replication.factor", REPLICATION_FACTOR);
    config.put("share.coordinator.state.topic.min.isr", MIN_INSYNC_REPLICAS);
    // Topics come from the topic registry (KafkaTopic resources), never from a typo in a client.
    config.put("auto.create.topics.enable", false);
    config.put("num.partitions", PARTITIONS);
    config.putAll(org.sightline.runtime.BrokerSettings.TRANSACTIONS);
    return config;
  }

  List<ObjectNode> topics() {
    List<ObjectNode> topics = new ArrayList<>();
    for (TopicSpec<?> topic : Topics.all(members)) {
      KafkaTopic resource =
          new KafkaTopicBuilder()
              .withApiVersion(STRIMZI_API)
              .withNewMetadata()
              .withName(topicResourceName(topic.name()))
              .addToLabels(CLUSTER_LABEL, CLUSTER)
              .endMetadata()
              .withNewSpec()
              .withTopicName(topic.name())
              .withPartitions(PARTITIONS)
              .withReplicas(REPLICATION_FACTOR)
              .withConfig(new LinkedHashMap<>(topic.brokerConfig()))
              .endSpec()
              .build();
      topics.add(v1(resource));
    }
    return topics;
  }

  /**
   * A Kubernetes name for a topic: lower case (alerts.NL → alerts.nl); the topic's own name is in
   * {@code spec.topicName}.
   */
  public static String topicResourceName(String topic) {
    return topic.toLowerCase(Locale.ROOT);
  }

  List<ObjectNode> users() {
    List<AclBinding> bindings = AccessPolicy.bindings(members);
    List<ObjectNode> users = new ArrayList<>();
    for (Principal principal : AccessPolicy.principals(members)) {
      KafkaUserBuilder user =
          new KafkaUserBuilder()
              .withApiVersion(STRIMZI_API)
              .withNewMetadata()
              .withName(principal.name())
              .addToLabels(CLUSTER_LABEL, CLUSTER)
              .addToLabels("sightline.org/principal-kind", kindLabel(principal))
              .endMetadata();
      KafkaUserAuthorizationSimple authorization = null;
      if (principal.kind() != Principal.Kind.ADMIN) {
        // The admin is a super user of the cluster: no ACL applies to it.
        authorization = new KafkaUserAuthorizationSimple();
        authorization.setAcls(StrimziAcls.rules(principal.kafkaPrincipal(), bindings));
      }
      KafkaUser resource =
          user.withNewSpec()
              .withAuthentication(new KafkaUserScramSha512ClientAuthentication())
              .withAuthorization(authorization)
              .endSpec()
              .build();
      users.add(v1(resource));
    }
    return users;
  }

  private static String kindLabel(Principal principal) {
    return principal.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  List<HasMetadata> config() {
    ConfigMap config =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(CONFIG)
            .endMetadata()
            .addToData("SIGHTLINE_KAFKA", BOOTSTRAP)
            .addToData("SIGHTLINE_KAFKA_CA", "/etc/sightline/kafka-ca/ca.crt")
            .addToData("SIGHTLINE_REGISTRY", REGISTRY_URL)
            .addToData("SIGHTLINE_MEMBERS", "/etc/sightline/members/members.json")
            // The processor must know the intake topics' partition count: keys pick partitions.
            .addToData("SIGHTLINE_PARTITIONS", Integer.toString(PARTITIONS))
            .addToData("SIGHTLINE_PROCESSOR_URL", "https://sightline-processor:" + PROCESSOR_PORT)
            // In a pod, every interface is the pod's own: the NetworkPolicies decide who reaches
            // it.
            .addToData("SIGHTLINE_HTTP_BIND", "0.0.0.0")
            .addToData("SIGHTLINE_MANAGEMENT_BIND", "0.0.0.0")
            .addToData("SIGHTLINE_REPLICATION_FACTOR", Integer.toString(REPLICATION_FACTOR))
            .build();
    // The member directory holds SHA-256 hashes of API keys and passwords, never a key: still, a
    // Secret, so that reading it takes a right of its own.
    Secret membersSecret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(MEMBERS)
            .endMetadata()
            .addToStringData("members.json", membersJson)
            .build();
    ConfigMap lists =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(WARNING_LISTS)
            .endMetadata()
            .withData(warningLists)
            .build();
    return List.of(config, membersSecret, lists);
  }

  List<HasMetadata> registry() {
    Container container =
        new ContainerBuilder()
            .withName("registry")
            .withImage(REGISTRY_IMAGE)
            .addNewPort()
            .withName("http")
            .withContainerPort(8080)
            .endPort()
            .withEnv(
                env("APICURIO_RULES_GLOBAL_COMPATIBILITY", "BACKWARD"),
                env("QUARKUS_OTEL_ENABLED", "false"))
            .withLivenessProbe(probe("/health/live", 8080, 30))
            .withReadinessProbe(probe("/health/ready", 8080, 10))
            .withResources(resources("250m", "512Mi", "1", "1Gi"))
            .build();
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(REGISTRY)
            .addToLabels(labels(REGISTRY))
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .withNewSelector()
            .addToMatchLabels(labels(REGISTRY))
            .endSelector()
            .withTemplate(template(REGISTRY, new PodSpecBuilder().withContainers(container)))
            .endSpec()
            .build();
    return List.of(deployment, service(REGISTRY, 8080, false));
  }

  List<HasMetadata> intake() {
    // TLS: the intake asks the processor whether a sighting is held (its only right there).
    return replicatedService(
        "intake", Principal.INTAKE, INTAKE_PORT, INTAKE_MANAGEMENT_PORT, true, false);
  }

  /**
   * A service whose instances are interchangeable (the intake, the consumers): two replicas behind
   * a Service, its public port open to the cluster (an Ingress or a proxy in front), its management
   * port to monitoring only. With {@code cache}, each pod keeps a local cache on an {@code
   * emptyDir} (the consumers' alert history): it survives a container restart, and a new pod fills
   * it again from the topics.
   */
  private List<HasMetadata> replicatedService(
      String service,
      Principal principal,
      int port,
      int managementPort,
      boolean tls,
      boolean cache) {
    String name = "sightline-" + service;
    ContainerBuilder builder =
        service(service, principal, port, managementPort, resources("500m", "512Mi", "2", "1Gi"));
    if (tls) {
      withServiceTls(builder);
    }
    if (cache) {
      builder
          .addToEnv(env("SIGHTLINE_STATE_DIR", "/var/lib/sightline/state"))
          .addNewVolumeMount()
          .withName("state")
          .withMountPath("/var/lib/sightline/state")
          .endVolumeMount();
    }
    Container container = builder.build();
    PodSpecBuilder pod =
        tls ? withServiceTls(podSpec(container, false), service) : podSpec(container, false);
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels(labels(name))
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withNewSelector()
            .addToMatchLabels(labels(name))
            .endSelector()
            .withTemplate(template(name, cache ? withCache(pod) : pod))
            .endSpec()
            .build();
    return List.of(
        deployment, service(name, port, false), networkPolicy(name, port, managementPort, null));
  }

  List<HasMetadata> processor() {
    String name = "sightline-processor";
    Container container =
        withServiceTls(
                service(
                    "processor",
                    Principal.PROCESSOR,
                    PROCESSOR_PORT,
                    PROCESSOR_MANAGEMENT_PORT,
                    resources("1", "1536Mi", "2", "2Gi")))
            .addToEnv(
                new EnvVarBuilder()
                    .withName("POD_NAME")
                    .withNewValueFrom()
                    .withNewFieldRef()
                    .withFieldPath("metadata.name")
                    .endFieldRef()
                    .endValueFrom()
                    .build(),
                // Interactive queries: each instance is reached by its stable name.
                env("SIGHTLINE_PROCESSOR_HOST", "$(POD_NAME)." + name),
                env("SIGHTLINE_STATE_DIR", "/var/lib/sightline/state"),
                env("SIGHTLINE_WARNING_LISTS", "/etc/sightline/warninglists"))
            .addNewVolumeMount()
            .withName("state")
            .withMountPath("/var/lib/sightline/state")
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("warninglists")
            .withMountPath("/etc/sightline/warninglists")
            .withReadOnly(true)
            .endVolumeMount()
            .build();
    StatefulSet statefulSet =
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels(labels(name))
            .endMetadata()
            .withNewSpec()
            .withServiceName(name)
            .withReplicas(PROCESSOR_REPLICAS)
            .withPodManagementPolicy("Parallel")
            .withNewSelector()
            .addToMatchLabels(labels(name))
            .endSelector()
            .withTemplate(
                template(
                    name,
                    withServiceTls(podSpec(container, true), "processor")
                        .addNewVolume()
                        .withName("warninglists")
                        .withNewConfigMap()
                        .withName(WARNING_LISTS)
                        .endConfigMap()
                        .endVolume()))
            .addNewVolumeClaimTemplate()
            .withNewMetadata()
            .withName("state")
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOnce")
            .withNewResources()
            .addToRequests("storage", new Quantity("20Gi"))
            .endResources()
            .endSpec()
            .endVolumeClaimTemplate()
            .endSpec()
            .build();
    // The interactive queries hold every agency's view: only the consumers and the processor's
    // own instances reach them, and the intake its held-checks (each with a certificate of the
    // federation's CA, whose common name decides what it may ask).
    return List.of(
        statefulSet,
        service(name, PROCESSOR_PORT, true),
        networkPolicy(
            name,
            PROCESSOR_PORT,
            PROCESSOR_MANAGEMENT_PORT,
            List.of(name, "sightline-consumers", "sightline-intake")));
  }

  List<HasMetadata> consumers() {
    return replicatedService(
        "consumers", Principal.CONSUMERS, CONSUMERS_PORT, CONSUMERS_MANAGEMENT_PORT, true, true);
  }

  private static PodSpecBuilder withCache(PodSpecBuilder pod) {
    return pod.addNewVolume()
        .withName("state")
        .withNewEmptyDir()
        .withSizeLimit(new Quantity("20Gi"))
        .endEmptyDir()
        .endVolume();
  }

  /**
   * Who may reach a service's pods: its port from the pods named in {@code clients} (from anywhere
   * when null), its management port (health, metrics) from the monitoring namespace only;
   * everything else is denied (the policy selects the pods, so unlisted ingress is dropped). The
   * kubelet's probes come from the node and are not subject to it.
   */
  static NetworkPolicy networkPolicy(
      String name, int port, int managementPort, List<String> clients) {
    NetworkPolicyIngressRuleBuilder service =
        new NetworkPolicyIngressRuleBuilder()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(port))
            .endPort();
    if (clients != null) {
      for (String client : clients) {
        service
            .addNewFrom()
            .withNewPodSelector()
            .addToMatchLabels("app.kubernetes.io/name", client)
            .endPodSelector()
            .endFrom();
      }
    }
    NetworkPolicyIngressRule management =
        new NetworkPolicyIngressRuleBuilder()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(managementPort))
            .endPort()
            .addNewFrom()
            .withNewNamespaceSelector()
            .addToMatchLabels(MONITORING_LABEL, "true")
            .endNamespaceSelector()
            .endFrom()
            .build();
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels(labels(name))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .addToMatchLabels(labels(name))
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .withIngress(service.build(), management)
        .endSpec()
        .build();
  }

  /**
   * The cert-manager resources that give the processor, the consumers and the intake their TLS
   * identities: a CA Issuer over the federation's CA, and a certificate per service whose common
   * name is its principal, written with a PKCS12 key store into {@code sightline-<service>-tls}.
   */
  List<Object> serviceTls() {
    ObjectNode issuer = Yaml.mapper().createObjectNode();
    issuer.put("apiVersion", "cert-manager.io/v1");
    issuer.put("kind", "Issuer");
    issuer.putObject("metadata").put("name", FEDERATION_CA);
    issuer.putObject("spec").putObject("ca").put("secretName", FEDERATION_CA);
    return List.of(
        issuer,
        certificate(
            Principal.PROCESSOR,
            List.of("sightline-processor", "*.sightline-processor", "localhost"),
            List.of("server auth", "client auth")),
        certificate(Principal.CONSUMERS, List.of("sightline-consumers"), List.of("client auth")),
        certificate(Principal.INTAKE, List.of("sightline-intake"), List.of("client auth")));
  }

  private static ObjectNode certificate(
      Principal principal, List<String> dnsNames, List<String> usages) {
    ObjectNode certificate = Yaml.mapper().createObjectNode();
    certificate.put("apiVersion", "cert-manager.io/v1");
    certificate.put("kind", "Certificate");
    certificate.putObject("metadata").put("name", tlsSecret(principal.name()));
    ObjectNode spec = certificate.putObject("spec");
    spec.put("secretName", tlsSecret(principal.name()));
    spec.put("commonName", principal.name());
    dnsNames.forEach(spec.putArray("dnsNames")::add);
    usages.forEach(spec.putArray("usages")::add);
    spec.put("duration", "2160h");
    spec.put("renewBefore", "360h");
    ObjectNode privateKey = spec.putObject("privateKey");
    privateKey.put("algorithm", "ECDSA");
    privateKey.put("size", 256);
    ObjectNode pkcs12 = spec.putObject("keystores").putObject("pkcs12");
    pkcs12.put("create", true);
    pkcs12.putObject("passwordSecretRef").put("name", KEYSTORE_PASSWORD).put("key", "password");
    ObjectNode issuerRef = spec.putObject("issuerRef");
    issuerRef.put("name", FEDERATION_CA);
    issuerRef.put("kind", "Issuer");
    return certificate;
  }

  static String tlsSecret(String service) {
    return "sightline-" + service + "-tls";
  }

  /**
   * The TLS identity's key store and CA (cert-manager's Secret) and its password, for a service.
   */
  private static ContainerBuilder withServiceTls(ContainerBuilder container) {
    return container
        .addToEnv(
            env("SIGHTLINE_TLS_KEYSTORE", "/etc/sightline/tls/keystore.p12"),
            env("SIGHTLINE_TLS_CA", "/etc/sightline/tls/ca.crt"),
            new EnvVarBuilder()
                .withName("SIGHTLINE_TLS_KEYSTORE_PASSWORD")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(KEYSTORE_PASSWORD)
                .withKey("password")
                .endSecretKeyRef()
                .endValueFrom()
                .build())
        .addNewVolumeMount()
        .withName("tls")
        .withMountPath("/etc/sightline/tls")
        .withReadOnly(true)
        .endVolumeMount();
  }

  private static PodSpecBuilder withServiceTls(PodSpecBuilder pod, String service) {
    return pod.addNewVolume()
        .withName("tls")
        .withNewSecret()
        .withSecretName(tlsSecret(service))
        .endSecret()
        .endVolume();
  }

  /** A Quarkus service's container: config from the ConfigMap, its password from its KafkaUser. */
  private static ContainerBuilder service(
      String image,
      Principal principal,
      int port,
      int managementPort,
      ResourceRequirements resources) {
    return new ContainerBuilder()
        .withName(image)
        .withImage(IMAGE_PREFIX + image + IMAGE_TAG)
        .addNewPort()
        .withName("http")
        .withContainerPort(port)
        .endPort()
        .addNewPort()
        .withName("management")
        .withContainerPort(managementPort)
        .endPort()
        .addNewEnvFrom()
        .withNewConfigMapRef()
        .withName(CONFIG)
        .endConfigMapRef()
        .endEnvFrom()
        .addToEnv(
            new EnvVarBuilder()
                .withName("SIGHTLINE_KAFKA_PASSWORD")
                .withNewValueFrom()
                // The Secret Strimzi's User Operator writes for the KafkaUser of the same name.
                .withNewSecretKeyRef()
                .withName(principal.name())
                .withKey("password")
                .endSecretKeyRef()
                .endValueFrom()
                .build())
        .addToEnv(
            env(
                "SIGHTLINE_" + image.toUpperCase(Locale.ROOT) + "_MANAGEMENT_PORT",
                Integer.toString(managementPort)))
        .withLivenessProbe(probe("/q/health/live", managementPort, 30))
        .withReadinessProbe(probe("/q/health/ready", managementPort, 10))
        .withResources(resources)
        .addNewVolumeMount()
        .withName("kafka-ca")
        .withMountPath("/etc/sightline/kafka-ca")
        .withReadOnly(true)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("members")
        .withMountPath("/etc/sightline/members")
        .withReadOnly(true)
        .endVolumeMount();
  }

  private static PodSpecBuilder podSpec(Container container, boolean stateful) {
    return new PodSpecBuilder()
        .withContainers(container)
        // A processor instance hands its tasks over on shutdown: give it time to commit.
        .withTerminationGracePeriodSeconds(stateful ? 60L : 30L)
        .addNewVolume()
        .withName("kafka-ca")
        .withNewSecret()
        .withSecretName(CA_SECRET)
        .addNewItem()
        .withKey("ca.crt")
        .withPath("ca.crt")
        .endItem()
        .endSecret()
        .endVolume()
        .addNewVolume()
        .withName("members")
        .withNewSecret()
        .withSecretName(MEMBERS)
        .endSecret()
        .endVolume();
  }

  private static PodTemplateSpec template(String name, PodSpecBuilder spec) {
    PodSpec pod = spec.build();
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels(labels(name))
        .endMetadata()
        .withSpec(pod)
        .build();
  }

  private static Service service(String name, int port, boolean headless) {
    ServiceBuilder service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels(labels(name))
            .endMetadata()
            .withNewSpec()
            .addToSelector(labels(name))
            .addNewPort()
            .withName("http")
            .withPort(port)
            .withTargetPort(new IntOrString("http"))
            .endPort()
            .endSpec();
    if (headless) {
      // Stable DNS names per instance (<pod>.<service>) for interactive queries.
      service.editSpec().withClusterIP("None").endSpec();
    }
    return service.build();
  }

  private static Map<String, String> labels(String name) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", name);
    labels.put("app.kubernetes.io/part-of", "sightline");
    return labels;
  }

  private static Probe probe(String path, int port, int period) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(port))
        .endHttpGet()
        .withInitialDelaySeconds(10)
        .withPeriodSeconds(period)
        .withFailureThreshold(3)
        .build();
  }

  private static ResourceRequirements resources(
      String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(cpuRequest))
        .addToRequests("memory", new Quantity(memoryRequest))
        .addToLimits("cpu", new Quantity(cpuLimit))
        .addToLimits("memory", new Quantity(memoryLimit))
        .build();
  }

  private static EnvVar env(String name, String value) {
    return new EnvVar(name, value, null);
  }
}
