package org.sightline.processor.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
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
import org.sightline.processor.correlation.IwolDecisions;
import org.sightline.processor.correlation.OverCorrelation;
import org.sightline.schema.Alert;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.EventRole;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.IwolEntry;
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
 *   <li>{@value #FAN_OUT}: one event per state the sighting changes (its indicator, its domain, its
 *       related indicators), repartitioned by that key ({@value StoreNames#BY_INDICATOR});
 *   <li>{@value #CORRELATE} against the {@value StoreNames#INDICATOR_STATE} store;
 *   <li>{@value #ROUTE}: each alert to {@code alerts.<recipient>}; {@value #IWOL_SINK}: list
 *       entries and tombstones to {@code iwol.domains}.
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
  public static final String FAN_OUT = "fan-out";
  public static final String ROUTE = "route-alerts";
  public static final String IWOL_SINK = "iwol-domains-sink";

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

    Map<String, KStream<String, Outcome>> outcomes =
        accepted(deduplicated, "deduplicated", serdes)
            .flatMap((key, event) -> fanOut(event), Named.as(FAN_OUT))
            .repartition(
                Repartitioned.<String, AttributedEvent>as(StoreNames.BY_INDICATOR)
                    .withKeySerde(keys)
                    .withValueSerde(attributed))
            .process(
                () ->
                    new Correlator(
                        settings.maxSightingIdsPerAgency(),
                        rules,
                        overCorrelation,
                        new IwolDecisions(settings.iwolMinAgencies(), settings.iwolMinCountries())),
                Named.as(CORRELATE),
                StoreNames.INDICATOR_STATE)
            .split(Named.as("outcome-"))
            .branch((key, outcome) -> outcome instanceof Outcome.AlertOutcome, Branched.as("alert"))
            .defaultBranch(Branched.as("iwol"));

    outcomes
        .get("outcome-alert")
        .mapValues(o -> ((Outcome.AlertOutcome) o).alert(), Named.as("alert"))
        .to(
            (key, alert, context) -> Topics.alertsForRecipient(alert.getRecipient()).name(),
            Produced.with(keys, serdes.avro(Alert.class)).withName(ROUTE));

    // Keyed by the bare domain, as access providers read it; a null entry is the tombstone.
    outcomes
        .get("outcome-iwol")
        .map(
            (key, o) ->
                KeyValue.pair(
                    ((Outcome.IwolOutcome) o).domain(), ((Outcome.IwolOutcome) o).entry()),
            Named.as("iwol-entry"))
        .to(
            Topics.IWOL_DOMAINS.name(),
            Produced.with(keys, serdes.avro(IwolEntry.class)).withName(IWOL_SINK));

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

  /**
   * One event per state the sighting (or its retraction) changes: its own indicator, its
   * registrable domain (for the "worst of" list), and each related indicator (for links).
   */
  static List<KeyValue<String, AttributedEvent>> fanOut(AttributedEvent event) {
    List<KeyValue<String, AttributedEvent>> out = new ArrayList<>();
    out.add(KeyValue.pair(event.getIndicatorKey(), event));
    for (String derived : event.getDerivedKeys()) {
      out.add(KeyValue.pair(derived, role(event, EventRole.DERIVED)));
    }
    for (String related : event.getRelatedKeys()) {
      out.add(KeyValue.pair(related, role(event, EventRole.RELATED)));
    }
    return out;
  }

  private static AttributedEvent role(AttributedEvent event, EventRole role) {
    return AttributedEvent.newBuilder(event)
        .setRole(role)
        .setSourceKey(event.getIndicatorKey())
        .build();
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
