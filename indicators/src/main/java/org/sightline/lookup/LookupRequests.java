package org.sightline.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.sightline.indicator.Localities;
import org.sightline.schema.Lookup;
import org.sightline.topics.Topics;

/**
 * How a lookup is written to {@code audit.lookups}, the same way from the intake (an agency's
 * system) and the console (an analyst): one {@link Lookup} per partition and {@value
 * #KEYS_PER_RECORD} keys, each placed in the partition of its keys' locality and keyed by one of
 * them, so that the processor reads it in the task that holds their states.
 */
public final class LookupRequests {

  /** Keys per record: a few dozen kB, well under the broker's message size. */
  public static final int KEYS_PER_RECORD = 1_000;

  private LookupRequests() {}

  /** Who asked: an agency, an analyst (of an agency, or of a whole country) or the secretariat. */
  public record Asker(String agencyId, String country, String user) {}

  /**
   * The records of one request.
   *
   * @param keys canonical indicator keys, each once
   * @param partitions the partitions of {@code audit.lookups} (those of the intake topics)
   */
  public static List<ProducerRecord<String, Lookup>> records(
      String requestId, Asker asker, Instant at, List<String> keys, int partitions) {
    return records(requestId, asker, at, keys, null, partitions);
  }

  /**
   * As above, naming on each record which of its keys had facts hidden from the asker in their
   * answer ({@code undisclosed}), so that the processor reads only those states again to tell their
   * holders; null when not known (every key is read).
   */
  public static List<ProducerRecord<String, Lookup>> records(
      String requestId,
      Asker asker,
      Instant at,
      List<String> keys,
      Set<String> undisclosed,
      int partitions) {
    Map<Integer, List<String>> byPartition = new TreeMap<>();
    Map<Integer, String> locality = new HashMap<>();
    for (String key : keys) {
      String l = Localities.ofKey(key);
      int p = Localities.partition(l, partitions);
      byPartition.computeIfAbsent(p, x -> new ArrayList<>()).add(key);
      locality.putIfAbsent(p, l);
    }
    List<ProducerRecord<String, Lookup>> records = new ArrayList<>();
    for (Map.Entry<Integer, List<String>> e : byPartition.entrySet()) {
      List<String> all = e.getValue();
      for (int from = 0; from < all.size(); from += KEYS_PER_RECORD) {
        List<String> part =
            List.copyOf(all.subList(from, Math.min(all.size(), from + KEYS_PER_RECORD)));
        Lookup lookup =
            Lookup.newBuilder()
                .setRequestId(requestId)
                .setAgencyId(asker.agencyId())
                .setCountry(asker.country())
                .setUser(asker.user())
                .setRequestedAt(at)
                .setKeys(part)
                .setUndisclosed(
                    undisclosed == null
                        ? null
                        : part.stream().filter(undisclosed::contains).toList())
                .build();
        records.add(
            new ProducerRecord<>(
                Topics.AUDIT_LOOKUPS.name(),
                e.getKey(),
                at.toEpochMilli(),
                locality.get(e.getKey()),
                lookup));
      }
    }
    return records;
  }

  /**
   * Writes one request's records and waits until the broker holds every one (or throws), as {@code
   * ErasureRequests.write} does for an erasure: the answer may go out only after.
   */
  public static void write(
      Producer<String, Lookup> producer,
      String requestId,
      Asker asker,
      Instant at,
      List<String> keys,
      Set<String> undisclosed,
      Duration wait)
      throws ExecutionException, InterruptedException, TimeoutException {
    int partitions = producer.partitionsFor(Topics.AUDIT_LOOKUPS.name()).size();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (ProducerRecord<String, Lookup> record :
        records(requestId, asker, at, keys, undisclosed, partitions)) {
      sent.add(producer.send(record));
    }
    long deadline = System.nanoTime() + wait.toNanos();
    for (Future<RecordMetadata> f : sent) {
      f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }
}
