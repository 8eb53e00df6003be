package org.sightline.processor.topology;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.sightline.indicator.Localities;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.EventRole;

/**
 * Chooses the partition of the processor's own repartition topics by locality, exactly as an
 * agency's producer chooses the intake partition by the record's key: a state is then in the same
 * task whichever way its events arrive.
 */
final class LocalityPartitioner {

  private LocalityPartitioner() {}

  /** {@value org.sightline.topics.StoreNames#BY_LOCALITY}: keyed by a locality, or every task. */
  static StreamPartitioner<String, AttributedEvent> ofLocalities() {
    return (topic, locality, event, partitions) -> Localities.partitions(locality, partitions);
  }

  /**
   * {@value org.sightline.topics.StoreNames#CONTACTS_BY_INDICATOR}: keyed by an indicator's
   * canonical key, sent to the partition of its locality (where its state is).
   */
  static <V> StreamPartitioner<String, V> ofKeys() {
    return (topic, key, value, partitions) ->
        Optional.of(Set.of(Localities.partition(Localities.ofKey(key), partitions)));
  }

  /**
   * {@value org.sightline.topics.StoreNames#BY_INDICATOR}: keyed by the state's key, sent to the
   * partition of that key's locality.
   */
  static StreamPartitioner<String, AttributedEvent> ofStates() {
    return (topic, stateKey, event, partitions) ->
        Optional.of(Set.of(Localities.partition(localityOf(stateKey, event), partitions)));
  }

  /**
   * The locality of the state an event is for: of a related indicator as the decoder found it (no
   * second canonicalisation), else worked out from the key (a retraction's related keys come from
   * the ledger, without their localities). Only related indicators, near-duplicate matches and
   * delistings cross this hop; their keys are their own localities except a related URL or host.
   */
  static String localityOf(String stateKey, AttributedEvent event) {
    if (event.getRole() == EventRole.RELATED
        && event.getRelatedLocalities().size() == event.getRelatedKeys().size()) {
      int i = event.getRelatedKeys().indexOf(stateKey);
      if (i >= 0) {
        return event.getRelatedLocalities().get(i);
      }
    }
    return Localities.ofKey(stateKey);
  }
}
