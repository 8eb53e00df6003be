package org.sightline.processor.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sightline.client.KafkaLogin;
import org.sightline.client.ServiceTls;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.processor.ProcessorConfig;
import org.sightline.processor.correlation.Viewer;

/**
 * What the query resources share: one {@link IndicatorQueries} (one HTTPS client, with this
 * instance's identity, to the other instances) and how a viewer named in a request is read.
 */
@ApplicationScoped
public class QueryServices {

  private final IndicatorQueries queries;
  private final LiveMemberDirectory members;

  @Inject
  QueryServices(
      KafkaStreams streams,
      @ConfigProperty(name = "quarkus.kafka-streams.application-server") String applicationServer,
      ProcessorConfig config,
      KafkaLogin login,
      LiveMemberDirectory members) {
    this.members = members;
    this.queries =
        new IndicatorQueries(
            streams,
            IndicatorQueries.hostInfo(applicationServer),
            ServiceTls.forService(login.principal(), config.tls()),
            config.partitions());
  }

  IndicatorQueries queries() {
    return queries;
  }

  /**
   * The viewer a request names ({@code secretariat}, {@code country:NL}, {@code agency:<id>}, its
   * country from the member directory as it is now); an {@link IllegalArgumentException} naming the
   * problem otherwise.
   */
  Viewer viewer(String text) {
    return Viewer.parse(
        text,
        id ->
            members.get().agencies().stream()
                .filter(a -> a.id().value().equals(id))
                .map(a -> a.country().value())
                .findFirst()
                .orElse(null));
  }
}
