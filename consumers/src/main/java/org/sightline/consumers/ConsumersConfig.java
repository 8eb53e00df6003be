package org.sightline.consumers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import org.sightline.client.ServiceConfig;

/** The alert view's and the IWOL feed's settings. */
@ConfigMapping(prefix = "sightline")
public interface ConsumersConfig extends ServiceConfig {

  /**
   * Local disk for the alert history (a RocksDB store, rebuilt from the alert topics when it is
   * missing): each instance keeps its own.
   */
  @WithName("consumers.state-dir")
  Path stateDir();

  /**
   * How many changes of the "worst of" list are kept for incremental downloads; a client whose
   * version is older gets the whole list.
   */
  @WithName("consumers.iwol.change-log-size")
  @WithDefault("100000")
  int iwolChangeLogSize();

  /**
   * How many changes of the known-hash list are kept for incremental downloads; a client whose
   * version is older gets the whole list.
   */
  @WithName("consumers.hashes.change-log-size")
  @WithDefault("100000")
  int hashesChangeLogSize();

  /** The origin of the RPZ zone: each listed domain is an owner name relative to it. */
  @WithName("consumers.iwol.rpz-origin")
  @WithDefault("rpz.sightline.local.")
  String iwolRpzOrigin();

  /** The name server named in the RPZ zone's SOA and NS records. */
  @WithName("consumers.iwol.rpz-name-server")
  @WithDefault("localhost.")
  String iwolRpzNameServer();

  /** Where a blocked name is sent: the CNAME target of every RPZ rule (a stop page). */
  @WithName("consumers.iwol.stop-page")
  @WithDefault("stop.sightline.local.")
  String iwolStopPage();

  /**
   * How far back the dashboard keeps its per-minute series in memory (older ones stay in Kafka).
   */
  @WithName("consumers.dashboard.retention")
  @WithDefault("PT6H")
  Duration dashboardRetention();

  /** The streams processor's interactive queries, for an indicator's correlation state. */
  @WithName("consumers.processor-url")
  @WithDefault("https://localhost:8282")
  String processorUrl();

  /**
   * The processor's Kafka Streams application id: the consumer group whose committed offsets on the
   * intake topics give the dashboard's processor lag.
   */
  @WithName("consumers.processor-application-id")
  @WithDefault("sightline-processor")
  String processorApplicationId();

  /** How often the dashboard's processor lag is measured. */
  @WithName("consumers.dashboard.processor-lag-interval")
  @WithDefault("PT10S")
  Duration processorLagInterval();
}
