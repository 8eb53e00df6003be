package org.sightline.deploy.local;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of a single-node KRaft broker (broker and controller in one process), shared by
 * the local launcher and the in-JVM test broker so that tests run what users run.
 */
public final class BrokerSettings {

  private BrokerSettings() {}

  public static Properties singleNode(
      Path logDir, String host, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
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
    p.setProperty("log.retention.check.interval.ms", "60000");
    return p;
  }
}
