package org.sightline.erasure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.sightline.members.AgencyId;
import org.sightline.schema.Erasure;
import org.sightline.topics.Topics;

/**
 * How an erasure is written to {@code erasure.requests}, the same way from the console and the CLI.
 * The processor's ledger of a sighting lives in the partition of the sighting's id, so an erasure
 * of one sighting is keyed by that id; one of a whole agency must reach every partition, so it is
 * written once to each, with the key {@value #WHOLE_AGENCY}, and each partition erases what it
 * holds.
 */
public final class ErasureRequests {

  /** The key of an erasure of every sighting of an agency. */
  public static final String WHOLE_AGENCY = "*";

  /** The longest reason kept on the audit trail. */
  public static final int MAX_REASON = 1000;

  private ErasureRequests() {}

  /**
   * A checked erasure, or an {@link IllegalArgumentException} naming the field and the reason.
   *
   * @param sightingId one sighting, or empty for every sighting of the agency
   */
  public static Erasure of(
      String agency, Optional<String> sightingId, String requestedBy, String reason, Instant at) {
    AgencyId id;
    try {
      id = AgencyId.of(agency == null ? "" : agency.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("agency: " + e.getMessage(), e);
    }
    if (requestedBy == null || requestedBy.isBlank()) {
      throw new IllegalArgumentException("requestedBy: who decided the erasure must be named");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "reason: an erasure needs its ground (a court order, a member leaving) on the audit"
              + " trail");
    }
    if (reason.length() > MAX_REASON) {
      throw new IllegalArgumentException(
          "reason: longer than " + MAX_REASON + " characters; cite the decision, do not copy it");
    }
    Optional<String> sighting = sightingId.map(String::strip);
    if (sighting.isPresent()
        && (sighting.get().isEmpty()
            || !sighting.get().chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      throw new IllegalArgumentException(
          "sighting: must be the id the agency gave it (printable ASCII, no spaces)");
    }
    return new Erasure(id.value(), sighting.orElse(null), requestedBy.strip(), at, reason.strip());
  }

  /** The records that carry it: one keyed by the sighting id, or one for each partition. */
  public static List<ProducerRecord<String, Erasure>> records(Erasure erasure, int partitions) {
    String topic = Topics.ERASURE_REQUESTS.name();
    if (erasure.getSightingId() != null) {
      return List.of(new ProducerRecord<>(topic, erasure.getSightingId(), erasure));
    }
    List<ProducerRecord<String, Erasure>> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new ProducerRecord<>(topic, p, WHOLE_AGENCY, erasure));
    }
    return all;
  }

  /**
   * Writes it and waits until the broker holds every record of it (or throws): the number of
   * records written.
   */
  public static int write(Producer<String, Erasure> producer, Erasure erasure)
      throws ExecutionException, InterruptedException, TimeoutException {
    int partitions = producer.partitionsFor(Topics.ERASURE_REQUESTS.name()).size();
    List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
    for (ProducerRecord<String, Erasure> record : records(erasure, partitions)) {
      sent.add(producer.send(record));
    }
    producer.flush();
    for (var f : sent) {
      f.get(30, TimeUnit.SECONDS);
    }
    return sent.size();
  }
}
