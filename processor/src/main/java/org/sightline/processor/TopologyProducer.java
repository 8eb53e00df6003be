package org.sightline.processor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.apache.kafka.streams.Topology;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaAccess;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.processor.correlation.WarningLists;
import org.sightline.processor.topology.CorrelationTopology;
import org.sightline.processor.topology.ProcessorSettings;
import org.sightline.serde.RegistrySerdes;

/** Wires the topology from configuration; the topology itself is built in one class. */
@ApplicationScoped
public class TopologyProducer {

  private static final Logger LOG = Logger.getLogger(TopologyProducer.class);

  @Produces
  Topology topology(ProcessorConfig config, LiveMemberDirectory members, KafkaAccess login) {
    // The Streams client logs in with the same settings (kafka-streams.* from the client module);
    // asking for the login here stops a processor without a password before Streams starts, with
    // the error naming SIGHTLINE_KAFKA_PASSWORD.
    LOG.infof("logging in to %s as %s", login.bootstrapServers(), login.principal());
    return CorrelationTopology.build(
        members,
        RegistrySerdes.forRegistry(config.registryUrl()),
        new ProcessorSettings(
            config.maxSightingIdsPerAgency(),
            config.maxAgenciesPerIndicator(),
            new WarningLists(config.warningLists(), Clock.systemUTC()),
            config.iwolMinAgencies(),
            config.iwolMinCountries(),
            config.iwolExpiry(),
            config.iwolExpiryCheck(),
            config.iwolAutoApprove(),
            config.metricsFlush(),
            config.pdqMaxHashes(),
            config.pseudonymsOnly(),
            config.partitions()));
  }
}
