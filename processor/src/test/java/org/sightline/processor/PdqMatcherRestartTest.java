package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.NearDuplicateTest.ORIGINAL;
import static org.sightline.processor.NearDuplicateTest.flipped;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.sightline.processor.nearduplicate.PdqMatcher;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.EventRole;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestSightings;
import org.sightline.topics.StoreNames;

/** The near-duplicate index lives in memory and is rebuilt from its store when a task starts. */
class PdqMatcherRestartTest {

  private static AttributedEvent pdq(String id, String hex) {
    return AttributedEvent.newBuilder()
        .setAgencyId("de-police")
        .setCountry("DE")
        .setIndicatorKey("pdq:" + hex)
        .setPayload(TestSightings.of(id, IndicatorType.PDQ, hex, Tlp.GREEN, Instant.EPOCH).build())
        .build();
  }

  @Test
  void aRestartedMatcherFindsHashesAddedBeforeTheRestart() {
    KeyValueStore<Long, String> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.PDQ_HASHES), Serdes.Long(), Serdes.String())
            .withLoggingDisabled()
            .build();
    MockProcessorContext<String, AttributedEvent> first = new MockProcessorContext<>();
    store.init(first.getStateStoreContext(), store);
    first.addStateStore(store);
    KeyValueStore<String, String> holders = holders(first);
    PdqMatcher before = new PdqMatcher(StoreNames.PDQ_HASHES, StoreNames.PDQ_HOLDERS, 10);
    before.init(first);
    before.process(new Record<>("pdq", pdq("a", ORIGINAL), 0L));
    assertThat(first.forwarded()).isEmpty();

    // A new instance on the same (restored) store: as after a crash or a move to another instance.
    MockProcessorContext<String, AttributedEvent> second = new MockProcessorContext<>();
    second.addStateStore(store);
    second.addStateStore(holders);
    PdqMatcher after = new PdqMatcher(StoreNames.PDQ_HASHES, StoreNames.PDQ_HOLDERS, 10);
    after.init(second);
    String copy = flipped(ORIGINAL, 20);
    after.process(new Record<>("pdq", pdq("b", copy), 1L));

    List<MockProcessorContext.CapturedForward<? extends String, ? extends AttributedEvent>> out =
        second.forwarded();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).record().key()).isEqualTo("pdq:" + ORIGINAL);
    AttributedEvent link = out.get(0).record().value();
    assertThat(link.getRole()).isEqualTo(EventRole.NEAR_DUPLICATE);
    assertThat(link.getSourceKey()).isEqualTo("pdq:" + copy);
    assertThat(link.getDistance()).isEqualTo(20);
    assertThat(store.approximateNumEntries()).isEqualTo(2);
  }

  @Test
  void aFullIndexStillMatchesButNoLongerGrows() {
    KeyValueStore<Long, String> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.PDQ_HASHES), Serdes.Long(), Serdes.String())
            .withLoggingDisabled()
            .build();
    MockProcessorContext<String, AttributedEvent> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    holders(context);
    PdqMatcher matcher = new PdqMatcher(StoreNames.PDQ_HASHES, StoreNames.PDQ_HOLDERS, 1);
    matcher.init(context);
    matcher.process(new Record<>("pdq", pdq("a", ORIGINAL), 0L));
    matcher.process(new Record<>("pdq", pdq("b", flipped(ORIGINAL, 5)), 1L));
    matcher.process(new Record<>("pdq", pdq("c", flipped(ORIGINAL, 6)), 2L));
    assertThat(store.approximateNumEntries()).isEqualTo(1);
    assertThat(context.forwarded())
        .as("b and c each match the original, not each other")
        .hasSize(2);
  }

  /** The holders' store, in memory, registered with the context. */
  static KeyValueStore<String, String> holders(
      MockProcessorContext<String, AttributedEvent> context) {
    KeyValueStore<String, String> holders =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.PDQ_HOLDERS),
                Serdes.String(),
                Serdes.String())
            .withLoggingDisabled()
            .build();
    holders.init(context.getStateStoreContext(), holders);
    context.addStateStore(holders);
    return holders;
  }
}
