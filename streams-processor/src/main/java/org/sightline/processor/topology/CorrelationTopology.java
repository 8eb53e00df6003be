package org.sightline.processor.topology;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.sightline.members.MemberDirectory;
import org.sightline.processor.ProcessorSettings;
import org.sightline.processor.correlation.AlertRules;
import org.sightline.processor.correlation.OverCorrelation;
import org.sightline.schema.Alert;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Rejection;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.StoreNames;
import org.sightline.topics.Topics;

/**
 * The correlation topology, top to bottom:
 *
 * <ol>
 *   <li>{@value #SOURCE}: every {@code intake.<agency>} topic, by pattern, as raw bytes — new
 *       agencies are picked up without a restart;
 *   <li>{@value #DECODE}: decode Avro, attribute to the agency owning the topic, validate; anything
 *       refused goes to {@code intake.rejected} with its reason;
 *   <li>repartition by agency-scoped sighting id ({@value StoreNames#BY_SIGHTING_ID}), then {@value
 *       #DEDUPLICATE} against the {@value StoreNames#SEEN_SIGHTINGS} window store;
 *   <li>repartition by canonical indicator ({@value StoreNames#BY_INDICATOR}), then {@value
 *       #CORRELATE} against the {@value StoreNames#INDICATOR_STATE} store;
 *   <li>{@value #ROUTE}: each alert to {@code alerts.<recipient>}.
 * </ol>
 *
 * Every processor, store and internal topic is named, so the topology can evolve without orphaning
 * state ({@code ensure.explicit.internal.resource.naming=true} enforces it).
 */
public final class CorrelationTopology {

  public static final String SOURCE = "intake-source";
  public static final String DECODE = "decode-intake";
  public static final String DEDUPLICATE = "deduplicate";
  public static final String CORRELATE = "correlate";
  public static final String ROUTE = "route-alerts";

  private CorrelationTopology() {}

  public static Topology build(
      MemberDirectory members, RegistrySerdes serdes, ProcessorSettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    Serde<String> keys = Serdes.String();
    Serde<AttributedEvent> attributed = serdes.avro(AttributedEvent.class);
    AlertRules rules =
        new AlertRules(
            members.countries().stream().map(c -> c.value()).collect(Collectors.toSet()));
    OverCorrelation overCorrelation =
        new OverCorrelation(settings.maxAgenciesPerIndicator(), settings.warningLists());

    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                StoreNames.SEEN_SIGHTINGS,
                settings.dedupeRetention(),
                settings.dedupeRetention(),
                false),
            keys,
            Serdes.String()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.INDICATOR_STATE),
            keys,
            serdes.avro(IndicatorState.class)));

    KStream<String, Decoded> decoded =
        builder.stream(
                Topics.INTAKE_PATTERN, Consumed.with(keys, Serdes.ByteArray()).withName(SOURCE))
            .process(
                () -> new IntakeDecoder(members, serdes.avro(IntakeEvent.class).deserializer()),
                Named.as(DECODE));

    KStream<String, Decoded> deduplicated =
        accepted(decoded, "decoded", serdes)
            .selectKey((key, event) -> sightingKey(event), Named.as("key-by-sighting-id"))
            .repartition(
                Repartitioned.<String, AttributedEvent>as(StoreNames.BY_SIGHTING_ID)
                    .withKeySerde(keys)
                    .withValueSerde(attributed))
            .process(
                () -> new Deduplicator(settings.dedupeRetention()),
                Named.as(DEDUPLICATE),
                StoreNames.SEEN_SIGHTINGS);

    accepted(deduplicated, "deduplicated", serdes)
        .selectKey((key, event) -> event.getIndicatorKey(), Named.as("key-by-indicator"))
        .repartition(
            Repartitioned.<String, AttributedEvent>as(StoreNames.BY_INDICATOR)
                .withKeySerde(keys)
                .withValueSerde(attributed))
        .process(
            () -> new Correlator(settings.maxSightingIdsPerAgency(), rules, overCorrelation),
            Named.as(CORRELATE),
            StoreNames.INDICATOR_STATE)
        .to(
            (key, alert, context) -> Topics.alertsForRecipient(alert.getRecipient()).name(),
            Produced.with(keys, serdes.avro(Alert.class)).withName(ROUTE));

    return builder.build();
  }

  /**
   * Sends the rejected records of a stage to {@code intake.rejected}; returns the accepted ones.
   */
  private static KStream<String, AttributedEvent> accepted(
      KStream<String, Decoded> stage, String name, RegistrySerdes serdes) {
    Map<String, KStream<String, Decoded>> branches =
        stage
            .split(Named.as(name + "-"))
            .branch((key, value) -> value.accepted(), Branched.as("accepted"))
            .defaultBranch(Branched.as("rejected"));
    branches
        .get(name + "-rejected")
        .mapValues(value -> ((Decoded.Rejected) value).rejection(), Named.as(name + "-rejection"))
        .to(
            Topics.INTAKE_REJECTED.name(),
            Produced.with(Serdes.String(), serdes.avro(Rejection.class))
                .withName(name + "-to-rejected"));
    return branches
        .get(name + "-accepted")
        .mapValues(value -> ((Decoded.Accepted) value).event(), Named.as(name + "-event"));
  }

  /** Sender-chosen ids are unique per agency, not across agencies: scope them. */
  static String sightingKey(AttributedEvent event) {
    String id =
        event.getPayload() instanceof Sighting s
            ? s.getId()
            : ((Retraction) event.getPayload()).getSightingId();
    return event.getAgencyId() + "/" + id;
  }
}
