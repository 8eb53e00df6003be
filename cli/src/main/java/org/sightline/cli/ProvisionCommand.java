package org.sightline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.sightline.access.AccessProvisioner;
import org.sightline.access.CredentialStore;
import org.sightline.access.provision.SchemaProvisioner;
import org.sightline.access.provision.TopicProvisioner;
import org.sightline.client.KafkaAccess;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Principal;
import org.sightline.runtime.RegistrySigningKey;
import org.sightline.topics.StoreNames;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Creates the federation's topics and registers their schemas, from the topic registry. */
@Command(
    name = "provision",
    description =
        "Create every topic of the member directory, register its schema, and give every"
            + " principal its broker credential and exactly its ACLs (idempotent).")
final class ProvisionCommand implements Callable<Integer> {

  @Mixin BrokerOptions broker = new BrokerOptions();

  @Option(names = "--registry", required = true, description = "Schema registry base URL")
  String registry;

  @Option(names = "--members", required = true, description = "Member directory (JSON)")
  Path members;

  @Option(
      names = "--partitions",
      defaultValue = Topics.DEFAULT_PARTITIONS,
      description =
          "Partitions of new topics; the processor must be told the same (SIGHTLINE_PARTITIONS)")
  int partitions;

  @Option(
      names = "--registry-keys",
      description =
          "Folder of the registry's signing key: schemas are registered with an admin token it"
              + " signs (without it, no token is sent: only for a registry without authorization)")
  Path registryKeys;

  @Option(
      names = "--processor-application-id",
      defaultValue = StoreNames.PROCESSOR_APPLICATION_ID,
      description = "The processor whose internal topics' schemas to register")
  String processorApplicationId;

  @Option(
      names = "--changes-only",
      description =
          "Apply a member change only: missing topics, subjects the registry lacks, logins for new"
              + " principals, the ACL difference (./sightline members does this); without it,"
              + " every schema and every password is applied again")
  boolean changesOnly;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    MemberDirectory directory = MemberDirectory.load(members);
    List<TopicSpec<?>> topics = Topics.all(directory);
    KafkaAccess admin = broker.access(Principal.ADMIN);
    List<String> created = TopicProvisioner.forAccess(admin, partitions).provision(topics);
    RegistrySigningKey signingKey =
        registryKeys == null ? null : RegistrySigningKey.load(registryKeys);
    SchemaProvisioner schemas =
        new SchemaProvisioner(registry, () -> signingKey == null ? null : signingKey.adminToken());
    Map<String, Integer> ids = new java.util.LinkedHashMap<>();
    if (changesOnly) {
      ids.putAll(schemas.provisionMissing(topics));
    } else {
      ids.putAll(schemas.provision(topics));
      // Clients never register a schema, the processor included: its internal topics' too.
      ids.putAll(schemas.provisionProcessor(processorApplicationId));
    }
    // Every principal's password is created on first use in the credentials folder, then kept.
    CredentialStore credentials = new CredentialStore(broker.login.credentials);
    AccessProvisioner.Result access;
    try (Admin client = Admin.create(admin.clientProperties())) {
      access = new AccessProvisioner(client).apply(directory, credentials::password, changesOnly);
    }
    System.out.printf(
        "provisioned %d topics (%d new), %d schema subjects%s, %d principals"
            + " (ACLs: %d created, %d removed%s) in %.1f s%n",
        topics.size(),
        created.size(),
        ids.size(),
        changesOnly ? " registered" : "",
        access.principals().size(),
        access.aclsCreated(),
        access.aclsDeleted(),
        access.principalsRemoved().isEmpty()
            ? ""
            : "; logins removed: " + String.join(", ", access.principalsRemoved()),
        (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
