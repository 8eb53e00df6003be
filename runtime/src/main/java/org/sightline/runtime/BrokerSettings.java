package org.sightline.runtime;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of a single-node KRaft broker (broker and controller in one process), shared by
 * the local launcher and the in-JVM test broker so that tests run what users run.
 */
public final class BrokerSettings {

  private BrokerSettings() {}

  /** The only super user: provisions topics, ACLs and credentials, and is the broker itself. */
  public static final String ADMIN = "admin";

  /** The name of the listener clients connect to (SASL_SSL). */
  public static final String CLIENT_LISTENER = "CLIENTS";

  /**
   * A single-node broker whose every listener is authenticated and encrypted: clients on SASL_SSL
   * with SCRAM-SHA-512, the controller on SASL_SSL with PLAIN for the admin alone (KRaft cannot use
   * SCRAM there: the credentials live in the metadata the controller serves), and the
   * StandardAuthorizer denying whatever no ACL allows. Format the storage with {@link
   * #formatArguments} so that the admin's SCRAM credential exists before the first start.
   */
  /**
   * Broker settings for the processor's transactions, here and in the rendered manifests. With
   * transactions v2 a transaction's first write to a partition waits, on the broker, until the
   * previous transaction's commit marker is there; past this bound the broker answers
   * CONCURRENT_TRANSACTIONS and the producer retries after its own backoff, with the batches behind
   * it refused OUT_OF_ORDER_SEQUENCE_NUMBER. The default, 100 ms, is shorter than a busy broker
   * takes to write markers while it also starts (bench/README.md): hundreds of client retries in a
   * processor's first half minute at 6 partitions. Below the clients' request timeout (30 s).
   */
  public static final java.util.Map<String, String> TRANSACTIONS =
      java.util.Map.of("add.partitions.to.txn.retry.backoff.max.ms", "2000");

  public static Properties singleNode(
      Path logDir,
      String host,
      int brokerPort,
      int controllerPort,
      LocalCertificateAuthority.BrokerTls tls,
      String adminPassword) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.setProperty(
        "listeners",
        CLIENT_LISTENER
            + "://"
            + host
            + ":"
            + brokerPort
            + ",CONTROLLER://"
            + host
            + ":"
            + controllerPort);
    p.setProperty("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + brokerPort);
    p.setProperty(
        "listener.security.protocol.map", CLIENT_LISTENER + ":SASL_SSL,CONTROLLER:SASL_SSL");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", CLIENT_LISTENER);
    String clients = "listener.name." + CLIENT_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
    p.setProperty(clients + "sasl.enabled.mechanisms", "SCRAM-SHA-512");
    p.setProperty("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
    p.setProperty(
        clients + "scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + ADMIN
            + "\" password=\""
            + adminPassword
            + "\";");
    p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
    p.setProperty(
        "listener.name.controller.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + ADMIN
            + "\" password=\""
            + adminPassword
            + "\" user_"
            + ADMIN
            + "=\""
            + adminPassword
            + "\";");
    p.setProperty("ssl.keystore.type", "PKCS12");
    p.setProperty("ssl.keystore.location", tls.keystore().toAbsolutePath().toString());
    p.setProperty("ssl.keystore.password", tls.keystorePassword());
    p.setProperty("ssl.key.password", tls.keystorePassword());
    // The broker is a client of itself (controller, inter-broker): it trusts the same CA.
    p.setProperty("ssl.truststore.type", "PEM");
    p.setProperty("ssl.truststore.location", tls.caCertificate().toAbsolutePath().toString());
    p.setProperty(
        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.setProperty("super.users", "User:" + ADMIN);
    p.setProperty("allow.everyone.if.no.acl.found", "false");
    p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
    // One node: every internal topic and transaction log with a single replica.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    // Topics come from the topic registry, never from a typo in a client.
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("num.partitions", "3");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    TRANSACTIONS.forEach(p::setProperty);
    p.setProperty("log.retention.check.interval.ms", "60000");
    return p;
  }

  /**
   * The arguments of {@code kafka-storage format} (StorageTool) for this configuration: the admin's
   * SCRAM credential is written into the first metadata, so the broker can authenticate to itself.
   */
  public static java.util.List<String> formatArguments(
      Path config, String clusterId, String adminPassword) {
    return java.util.List.of(
        "format",
        "-t",
        clusterId,
        "-c",
        config.toString(),
        "--ignore-formatted",
        "--add-scram",
        "SCRAM-SHA-512=[name=" + ADMIN + ",password=" + adminPassword + "]");
  }

  /**
   * Formats a new broker's storage (KRaft) for this configuration with a new cluster id and the
   * admin's SCRAM credential, as {@code kafka-storage format --ignore-formatted} does: a storage
   * already formatted is left as it is.
   *
   * @throws IllegalStateException with the tool's own output when it fails
   */
  public static void format(Path config, String adminPassword) {
    java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    int rc;
    try (java.io.PrintStream out =
        new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8)) {
      rc =
          kafka.tools.StorageTool.execute(
              formatArguments(
                      config, org.apache.kafka.common.Uuid.randomUuid().toString(), adminPassword)
                  .toArray(String[]::new),
              out);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "formatting the broker's storage failed: "
              + buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
