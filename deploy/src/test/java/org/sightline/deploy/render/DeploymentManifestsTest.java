package org.sightline.deploy.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sightline.access.AccessPolicy;
import org.sightline.deploy.render.DeploymentRender.Target;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Principal;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * The committed deployment files are what the topic registry and the access policy render today,
 * carry every topic and principal and nothing else, every ACL, and validate against the Strimzi CRD
 * and Compose spec schemas. No cluster, no Docker.
 */
class DeploymentManifestsTest {

  /** Surefire runs in the module's folder: deploy/. */
  private static final Path DEPLOY = Path.of("").toAbsolutePath();

  private static final Path MEMBERS = DEPLOY.resolveSibling("demo").resolve("members.json");
  private static final Path WARNING_LISTS = DEPLOY.resolveSibling("demo").resolve("warninglists");
  private static final YAMLMapper YAML = new YAMLMapper();

  private static MemberDirectory members;

  @BeforeAll
  static void load() {
    members = MemberDirectory.load(MEMBERS);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void committedFilesAreAFreshRender(Target target) throws IOException {
    Map<String, String> rendered = DeploymentRender.files(target, MEMBERS, WARNING_LISTS);
    Path folder = DEPLOY.getParent().resolve(target.folder());
    String fix =
        " — the committed "
            + target.folder()
            + " is out of date with the topic registry, the access policy or the member"
            + " directory: run `./sightline deploy render "
            + target.name().toLowerCase()
            + "` and commit the result";
    Map<String, String> committed = new TreeMap<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
          committed.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }
    assertThat(committed.keySet())
        .as("files in " + target.folder() + fix)
        .containsExactlyInAnyOrderElementsOf(rendered.keySet());
    rendered.forEach(
        (name, content) ->
            assertThat(committed.get(name))
                .as(target.folder() + "/" + name + fix)
                .isEqualTo(content));
  }

  @Test
  void renderingIsReproducible() {
    for (Target target : Target.values()) {
      assertThat(DeploymentRender.files(target, MEMBERS, WARNING_LISTS))
          .isEqualTo(DeploymentRender.files(target, MEMBERS, WARNING_LISTS));
    }
  }

  @Test
  void everyTopicOfTheRegistryAndNothingElseIsAKafkaTopic() throws IOException {
    Map<String, JsonNode> topics = new TreeMap<>();
    for (JsonNode doc : k8sDocuments()) {
      if (doc.path("kind").asText().equals("KafkaTopic")) {
        assertThat(topics.put(doc.at("/spec/topicName").asText(), doc)).isNull();
      }
    }
    Map<String, TopicSpec<?>> expected = new TreeMap<>();
    Topics.all(members).forEach(t -> expected.put(t.name(), t));
    assertThat(topics.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach(
        (name, spec) -> {
          JsonNode topic = topics.get(name);
          assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText())
              .isEqualTo(KubernetesManifests.CLUSTER);
          assertThat(topic.at("/spec/replicas").asInt())
              .isEqualTo(KubernetesManifests.REPLICATION_FACTOR);
          assertThat(topic.at("/spec/partitions").asInt())
              .isEqualTo(KubernetesManifests.PARTITIONS);
          Map<String, String> config = new TreeMap<>();
          topic
              .at("/spec/config")
              .fields()
              .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
          assertThat(config).as(name).isEqualTo(new TreeMap<>(spec.brokerConfig()));
        });
  }

  @Test
  void everyPrincipalAndNothingElseIsAKafkaUserWithExactlyThePolicysAcls() throws IOException {
    Map<String, JsonNode> users = new TreeMap<>();
    for (JsonNode doc : k8sDocuments()) {
      if (doc.path("kind").asText().equals("KafkaUser")) {
        assertThat(users.put(doc.at("/metadata/name").asText(), doc)).isNull();
        assertThat(doc.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
      }
    }
    List<Principal> principals = AccessPolicy.principals(members);
    assertThat(users.keySet())
        .containsExactlyElementsOf(principals.stream().map(Principal::name).sorted().toList());

    // Each binding as (principal, resource type, name, pattern, operation), from the policy and
    // read back from the YAML: the two sets must be equal.
    Set<String> expected = new TreeSet<>();
    for (AclBinding b : AccessPolicy.bindings(members)) {
      expected.add(
          String.join(
              " ",
              b.entry().principal().substring("User:".length()),
              b.pattern().resourceType().name().replace("_", "").toLowerCase(),
              b.pattern().name(),
              b.pattern().patternType().name().equals("PREFIXED") ? "prefix" : "literal",
              b.entry().operation().name().replace("_", "").toLowerCase()));
    }
    Set<String> rendered = new TreeSet<>();
    users.forEach(
        (name, user) -> {
          JsonNode authorization = user.at("/spec/authorization");
          if (name.equals(Principal.ADMIN.name())) {
            assertThat(authorization.isMissingNode()).as("the admin is a super user").isTrue();
            return;
          }
          assertThat(authorization.path("type").asText()).isEqualTo("simple");
          for (JsonNode rule : authorization.path("acls")) {
            assertThat(rule.path("type").asText("allow")).isEqualTo("allow");
            JsonNode resource = rule.path("resource");
            for (JsonNode op : rule.path("operations")) {
              rendered.add(
                  String.join(
                      " ",
                      name,
                      resource.path("type").asText().toLowerCase(),
                      resource.path("name").asText(),
                      resource.path("patternType").asText("literal"),
                      op.asText().toLowerCase()));
            }
          }
        });
    assertThat(rendered).isEqualTo(expected);
  }

  @Test
  void theKafkaClusterIsThreeNodesWithScramOverTlsAndSimpleAuthorization() throws IOException {
    JsonNode kafka = kind("Kafka");
    JsonNode listener = kafka.at("/spec/kafka/listeners/0");
    assertThat(listener.path("tls").asBoolean()).isTrue();
    assertThat(listener.at("/authentication/type").asText()).isEqualTo("scram-sha-512");
    assertThat(kafka.at("/spec/kafka/authorization/type").asText()).isEqualTo("simple");
    assertThat(kafka.at("/spec/kafka/authorization/superUsers/0").asText()).isEqualTo("admin");
    assertThat(kafka.at("/spec/kafka/config/min.insync.replicas").asInt()).isEqualTo(2);
    assertThat(kafka.at("/spec/kafka/config/default.replication.factor").asInt()).isEqualTo(3);
    JsonNode pool = kind("KafkaNodePool");
    assertThat(pool.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(pool.at("/spec/roles").toString()).isEqualTo("[\"controller\",\"broker\"]");
  }

  @Test
  void servicesReadTheirOwnKafkaUsersPasswordAndTheClusterCa() throws IOException {
    Map<String, String> principalOf =
        Map.of("intake", "intake", "processor", "processor", "consumers", "consumers");
    int seen = 0;
    for (JsonNode doc : k8sDocuments()) {
      String kind = doc.path("kind").asText();
      if (!kind.equals("Deployment") && !kind.equals("StatefulSet")) {
        continue;
      }
      JsonNode container = doc.at("/spec/template/spec/containers/0");
      String principal = principalOf.get(container.path("name").asText());
      if (principal == null) {
        continue;
      }
      seen++;
      JsonNode password = null;
      for (JsonNode env : container.path("env")) {
        if (env.path("name").asText().equals("SIGHTLINE_KAFKA_PASSWORD")) {
          password = env.at("/valueFrom/secretKeyRef");
        }
      }
      assertThat(password).as(principal).isNotNull();
      assertThat(password.path("name").asText()).isEqualTo(principal);
      assertThat(password.path("key").asText()).isEqualTo("password");
      assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
      assertThat(container.at("/readinessProbe/httpGet/path").asText())
          .isEqualTo("/q/health/ready");
      // Probes go to the management port, where health is; the service port never serves it.
      int management = -1;
      for (JsonNode port : container.path("ports")) {
        if (port.path("name").asText().equals("management")) {
          management = port.path("containerPort").asInt();
        }
      }
      assertThat(container.at("/livenessProbe/httpGet/port").asInt()).isEqualTo(management);
      assertThat(container.at("/readinessProbe/httpGet/port").asInt()).isEqualTo(management);
      assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();
      assertThat(doc.at("/spec/template/spec/volumes").toString())
          .contains(KubernetesManifests.CA_SECRET)
          .contains("ca.crt");
      if (principal.equals("processor")) {
        assertThat(kind).isEqualTo("StatefulSet");
        assertThat(doc.at("/spec/replicas").asInt())
            .isLessThanOrEqualTo(KubernetesManifests.PARTITIONS);
      }
    }
    assertThat(seen).isEqualTo(3);
  }

  /**
   * The processor's interactive queries answer only the consumers and the processor's own
   * instances; every service's health and metrics only the monitoring namespace. Each policy is
   * read back with the Kubernetes model in strict mode (a field Kubernetes does not know fails).
   */
  @Test
  void networkPoliciesLetOnlyTheConsumersTheIntakeAndTheProcessorReachTheQueries()
      throws IOException {
    Map<String, NetworkPolicy> policies = new TreeMap<>();
    ObjectMapper strict =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    for (JsonNode doc : k8sDocuments()) {
      if (doc.path("kind").asText().equals("NetworkPolicy")) {
        assertThat(doc.path("apiVersion").asText()).isEqualTo("networking.k8s.io/v1");
        policies.put(
            doc.at("/metadata/name").asText(), strict.treeToValue(doc, NetworkPolicy.class));
      }
    }
    assertThat(policies)
        .containsOnlyKeys("sightline-consumers", "sightline-intake", "sightline-processor");
    NetworkPolicy processor = policies.get("sightline-processor");
    assertThat(processor.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "sightline-processor");
    assertThat(processor.getSpec().getPolicyTypes()).containsExactly("Ingress");
    var queries = processor.getSpec().getIngress().get(0);
    assertThat(queries.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(8282));
    assertThat(queries.getFrom())
        .extracting(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
        .containsExactlyInAnyOrder(
            "sightline-consumers", "sightline-processor", "sightline-intake");
    assertThat(queries.getFrom())
        .allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNull());
    for (NetworkPolicy policy : policies.values()) {
      var management = policy.getSpec().getIngress().get(1);
      assertThat(management.getFrom())
          .singleElement()
          .satisfies(
              peer ->
                  assertThat(peer.getNamespaceSelector().getMatchLabels())
                      .containsExactly(Map.entry(KubernetesManifests.MONITORING_LABEL, "true")));
      assertThat(policy.getSpec().getIngress()).hasSize(2);
    }
  }

  /**
   * The processor, the consumers and the intake (for its held-checks) get key stores from the
   * federation's CA (cert-manager); only the processor's serves.
   */
  @Test
  void theProcessorTheConsumersAndTheIntakeHaveTlsIdentitiesOfTheFederationsCa()
      throws IOException {
    Map<String, JsonNode> certificates = new TreeMap<>();
    for (JsonNode doc : k8sDocuments()) {
      if (doc.path("kind").asText().equals("Certificate")) {
        certificates.put(doc.at("/spec/commonName").asText(), doc);
      }
    }
    assertThat(certificates).containsOnlyKeys("consumers", "intake", "processor");
    assertThat(certificates.get("intake").at("/spec/usages").toString())
        .isEqualTo("[\"client auth\"]");
    for (JsonNode certificate : certificates.values()) {
      assertThat(certificate.at("/spec/issuerRef/name").asText())
          .isEqualTo(KubernetesManifests.FEDERATION_CA);
      assertThat(certificate.at("/spec/keystores/pkcs12/create").asBoolean()).isTrue();
    }
    assertThat(certificates.get("processor").at("/spec/dnsNames").toString())
        .contains("*.sightline-processor");
    assertThat(kind("Issuer").at("/spec/ca/secretName").asText())
        .isEqualTo(KubernetesManifests.FEDERATION_CA);
    JsonNode config = kind("ConfigMap");
    assertThat(config.at("/data/SIGHTLINE_PROCESSOR_URL").asText()).startsWith("https://");
  }

  @Test
  void strimziResourcesValidateAgainstTheCrdSchemas() throws IOException {
    Map<String, JsonSchema> schemas = new HashMap<>();
    for (String crd :
        List.of(
            "040-Crd-kafka.yaml",
            "043-Crd-kafkatopic.yaml",
            "044-Crd-kafkauser.yaml",
            "045-Crd-kafkanodepool.yaml")) {
      JsonNode definition = YAML.readTree(resource("schemas/strimzi/" + crd));
      String kind = definition.at("/spec/names/kind").asText();
      for (JsonNode version : definition.at("/spec/versions")) {
        if (version.path("name").asText().equals("v1")) {
          JsonNode openApi = version.at("/schema/openAPIV3Schema").deepCopy();
          strict(openApi);
          schemas.put(
              kind, JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApi));
        }
      }
    }
    assertThat(schemas).containsOnlyKeys("Kafka", "KafkaTopic", "KafkaUser", "KafkaNodePool");
    int validated = 0;
    for (JsonNode doc : k8sDocuments()) {
      String kind = doc.path("kind").asText();
      if (!doc.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
        continue;
      }
      assertThat(doc.path("apiVersion").asText()).isEqualTo(KubernetesManifests.STRIMZI_API);
      Set<ValidationMessage> errors = schemas.get(kind).validate(doc);
      assertThat(errors).as(kind + " " + doc.at("/metadata/name").asText()).isEmpty();
      validated++;
    }
    assertThat(validated)
        .isEqualTo(2 + Topics.all(members).size() + AccessPolicy.principals(members).size());
  }

  @Test
  void aStrictSchemaRejectsAFieldStrimziDoesNotKnow() throws IOException {
    JsonNode definition = YAML.readTree(resource("schemas/strimzi/044-Crd-kafkauser.yaml"));
    JsonNode openApi = definition.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
    strict(openApi);
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApi);
    JsonNode user = null;
    for (JsonNode doc : k8sDocuments()) {
      if (doc.path("kind").asText().equals("KafkaUser")
          && doc.at("/metadata/name").asText().equals("intake")) {
        user = doc.deepCopy();
      }
    }
    assertThat(schema.validate(user)).isEmpty();
    ((ObjectNode) user.at("/spec/authorization/acls/0")).put("operation", "Frobnicate");
    assertThat(schema.validate(user)).isNotEmpty();
  }

  @Test
  void composeValidatesAgainstTheComposeSpecSchema() throws IOException {
    JsonNode spec = YAML.readTree(resource("schemas/compose/compose-spec.json"));
    JsonSchema schema = composeSchema(spec);
    JsonNode compose =
        YAML.readTree(DEPLOY.getParent().resolve("deploy/compose/compose.yaml").toFile());
    assertThat(schema.validate(compose)).isEmpty();
    assertThat(compose.at("/services").size()).isEqualTo(7);
    // The schema does catch a mistake: an unknown service attribute.
    ObjectNode broken = compose.deepCopy();
    ((ObjectNode) broken.at("/services/intake")).put("replica", 2);
    assertThat(schema.validate(broken)).isNotEmpty();
  }

  @Test
  void composeRunsEveryServiceAsItsOwnPrincipal() throws IOException {
    JsonNode compose =
        YAML.readTree(DEPLOY.getParent().resolve("deploy/compose/compose.yaml").toFile());
    for (String service : List.of("intake", "processor", "consumers")) {
      String principal = service;
      assertThat(compose.at("/services/" + service + "/command/0").asText())
          .contains("/" + principal + ".password");
      assertThat(compose.at("/services/" + service + "/network_mode").asText())
          .isEqualTo("service:broker");
    }
    assertThat(compose.at("/services/provision/entrypoint").toString())
        .contains("\"provision\"")
        .contains("\"admin\"");
  }

  /**
   * The Compose schema says draft 2019-09 but names its subschemas with draft 4's {@code id}: an
   * annotation here, as Compose's own validator reads it.
   */
  private static JsonSchema composeSchema(JsonNode spec) {
    String draft = spec.path("$schema").asText().replaceAll("#$", "");
    JsonMetaSchema meta =
        JsonMetaSchema.builder(draft, JsonMetaSchema.getV201909())
            .keyword(new NonValidationKeyword("id"))
            .build();
    return JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V201909, builder -> builder.metaSchema(meta))
        .getSchema(spec);
  }

  /**
   * Kubernetes rejects unknown fields (kubectl's strict field validation) where a schema lists
   * properties and does not preserve unknown ones: the same, in JSON-schema words.
   */
  private static void strict(JsonNode schema) {
    if (schema instanceof ObjectNode object) {
      if (object.has("properties")
          && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        object.put("additionalProperties", false);
      }
    }
    for (Iterator<JsonNode> it = schema.elements(); it.hasNext(); ) {
      strict(it.next());
    }
  }

  private static JsonNode kind(String kind) throws IOException {
    return k8sDocuments().stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  private static List<JsonNode> k8sDocuments() throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    Map<String, String> files = DeploymentRender.files(Target.K8S, MEMBERS, WARNING_LISTS);
    for (String file : files.keySet()) {
      Path path = DEPLOY.resolve("k8s").resolve(file);
      try (var parser = new YAMLFactory().createParser(path.toFile())) {
        Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
        while (it.hasNext()) {
          JsonNode doc = it.next();
          if (doc != null && !doc.isEmpty()) {
            assertThat(
                    names.add(doc.path("kind").asText() + "/" + doc.at("/metadata/name").asText()))
                .as("one object of each kind and name")
                .isTrue();
            docs.add(doc);
          }
        }
      }
    }
    return docs;
  }

  private static InputStream resource(String name) {
    InputStream in = DeploymentManifestsTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as(name).isNotNull();
    return in;
  }
}
