package org.sightline.access.provision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.sightline.client.KafkaAccess;
import org.sightline.topics.TopicSpec;

/**
 * Creates the topics the topic registry declares, idempotently: missing ones are created with the
 * declared cleanup policy and retention, and an existing topic whose policy or retention differs
 * from the declaration is brought back to it (a retention that a release declared wrongly, or an
 * operator changed by hand, would otherwise silently delete records the federation must keep).
 * Partition counts of existing topics are left as they are.
 */
public final class TopicProvisioner {

  private final Properties adminConfig;
  private final int partitions;
  private final short replicationFactor;

  public TopicProvisioner(
      Map<String, Object> clientConfig, int partitions, short replicationFactor) {
    this.adminConfig = new Properties();
    this.adminConfig.putAll(clientConfig);
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
  }

  /** Provisions as {@code admin} (only the admin creates topics), one replica per partition. */
  public static TopicProvisioner forAccess(KafkaAccess admin, int partitions) {
    return new TopicProvisioner(admin.clientProperties(), partitions, (short) 1);
  }

  /** Creates what is missing; returns the names it created. */
  public List<String> provision(List<TopicSpec<?>> topics) {
    try (Admin admin = Admin.create(adminConfig)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec<?> spec : topics) {
        if (!existing.contains(spec.name())) {
          missing.add(
              new NewTopic(spec.name(), partitions, replicationFactor)
                  .configs(spec.brokerConfig()));
        }
      }
      reconcile(admin, topics, existing);
      List<String> created = new ArrayList<>();
      var result = admin.createTopics(missing);
      for (var entry : result.values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
          created.add(entry.getKey());
        } catch (ExecutionException e) {
          // Another provisioner may have won the race: that is the idempotent outcome we want.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(), e);
          }
        }
      }
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while provisioning topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot reach the broker to provision topics: " + e, e);
    }
  }

  /** Sets the declared policy and retention where an existing topic has others. */
  private static void reconcile(Admin admin, List<TopicSpec<?>> topics, Set<String> existing)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<ConfigResource, TopicSpec<?>> declared = new HashMap<>();
    for (TopicSpec<?> spec : topics) {
      if (existing.contains(spec.name()) && !spec.brokerConfig().isEmpty()) {
        declared.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), spec);
      }
    }
    if (declared.isEmpty()) {
      return;
    }
    Map<ConfigResource, Config> actual =
        admin.describeConfigs(declared.keySet()).all().get(30, TimeUnit.SECONDS);
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
    for (var entry : declared.entrySet()) {
      Config now = actual.get(entry.getKey());
      List<AlterConfigOp> ops = new ArrayList<>();
      entry
          .getValue()
          .brokerConfig()
          .forEach(
              (name, value) -> {
                ConfigEntry current = now == null ? null : now.get(name);
                if (current == null || !value.equals(current.value())) {
                  ops.add(
                      new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
                }
              });
      if (!ops.isEmpty()) {
        changes.put(entry.getKey(), ops);
      }
    }
    if (!changes.isEmpty()) {
      admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
    }
  }
}
