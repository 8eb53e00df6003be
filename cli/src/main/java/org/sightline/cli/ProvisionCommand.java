package org.sightline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sightline.members.MemberDirectory;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;
import org.sightline.topics.provision.SchemaProvisioner;
import org.sightline.topics.provision.TopicProvisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Creates the federation's topics and registers their schemas, from the topic registry. */
@Command(
    name = "provision",
    description =
        "Create every topic of the member directory and register its schema (idempotent).")
final class ProvisionCommand implements Callable<Integer> {

  @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers")
  String bootstrap;

  @Option(names = "--registry", required = true, description = "Schema registry base URL")
  String registry;

  @Option(names = "--members", required = true, description = "Member directory (JSON)")
  Path members;

  @Option(names = "--partitions", defaultValue = "3", description = "Partitions of new topics")
  int partitions;

  @Override
  public Integer call() {
    List<TopicSpec<?>> topics = Topics.all(MemberDirectory.load(members));
    List<String> created = TopicProvisioner.forBootstrap(bootstrap, partitions).provision(topics);
    Map<String, Integer> ids = new SchemaProvisioner(registry).provision(topics);
    System.out.printf(
        "provisioned %d topics (%d new) and %d schema subjects%n",
        topics.size(), created.size(), ids.size());
    return 0;
  }
}
