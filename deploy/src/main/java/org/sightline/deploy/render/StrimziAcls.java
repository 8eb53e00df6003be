package org.sightline.deploy.render;

import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;

/**
 * Kafka's {@link AclBinding}s (what {@code AccessPolicy} decides) as Strimzi's {@link AclRule}s
 * (what the User Operator applies): one rule per principal and resource pattern, with every
 * operation allowed on it, in the policy's order.
 */
public final class StrimziAcls {

  private StrimziAcls() {}

  /** The rules of one principal ({@code User:<name>}), in the order of the bindings. */
  public static List<AclRule> rules(String kafkaPrincipal, List<AclBinding> bindings) {
    Map<ResourcePattern, List<AclOperation>> byResource = new LinkedHashMap<>();
    for (AclBinding binding : bindings) {
      if (!binding.entry().principal().equals(kafkaPrincipal)) {
        continue;
      }
      if (binding.entry().permissionType() != AclPermissionType.ALLOW
          || !"*".equals(binding.entry().host())) {
        throw new IllegalArgumentException("only ALLOW from any host is rendered: " + binding);
      }
      List<AclOperation> ops =
          byResource.computeIfAbsent(binding.pattern(), p -> new ArrayList<>());
      AclOperation op = operation(binding.entry().operation());
      if (!ops.contains(op)) {
        ops.add(op);
      }
    }
    List<AclRule> rules = new ArrayList<>();
    byResource.forEach(
        (pattern, ops) -> {
          AclRule rule = new AclRule();
          rule.setType(AclRuleType.ALLOW);
          rule.setResource(resource(pattern));
          rule.setOperations(List.copyOf(ops));
          rules.add(rule);
        });
    return rules;
  }

  static AclRuleResource resource(ResourcePattern pattern) {
    AclResourcePatternType patternType = patternType(pattern.patternType());
    return switch (pattern.resourceType()) {
      case TOPIC -> {
        AclRuleTopicResource r = new AclRuleTopicResource();
        r.setName(pattern.name());
        r.setPatternType(patternType);
        yield r;
      }
      case GROUP -> {
        AclRuleGroupResource r = new AclRuleGroupResource();
        r.setName(pattern.name());
        r.setPatternType(patternType);
        yield r;
      }
      case TRANSACTIONAL_ID -> {
        AclRuleTransactionalIdResource r = new AclRuleTransactionalIdResource();
        r.setName(pattern.name());
        r.setPatternType(patternType);
        yield r;
      }
      case CLUSTER -> new AclRuleClusterResource();
      default ->
          throw new IllegalArgumentException(
              "Strimzi has no ACL resource for " + pattern.resourceType());
    };
  }

  static AclResourcePatternType patternType(PatternType type) {
    return switch (type) {
      case LITERAL -> AclResourcePatternType.LITERAL;
      case PREFIXED -> AclResourcePatternType.PREFIX;
      default -> throw new IllegalArgumentException("Strimzi has no ACL pattern type " + type);
    };
  }

  static AclOperation operation(org.apache.kafka.common.acl.AclOperation op) {
    return switch (op) {
      case ALL -> AclOperation.ALL;
      case READ -> AclOperation.READ;
      case WRITE -> AclOperation.WRITE;
      case CREATE -> AclOperation.CREATE;
      case DELETE -> AclOperation.DELETE;
      case ALTER -> AclOperation.ALTER;
      case DESCRIBE -> AclOperation.DESCRIBE;
      case CLUSTER_ACTION -> AclOperation.CLUSTERACTION;
      case DESCRIBE_CONFIGS -> AclOperation.DESCRIBECONFIGS;
      case ALTER_CONFIGS -> AclOperation.ALTERCONFIGS;
      case IDEMPOTENT_WRITE -> AclOperation.IDEMPOTENTWRITE;
      default -> throw new IllegalArgumentException("Strimzi has no ACL operation " + op);
    };
  }
}
