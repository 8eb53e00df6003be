package org.sightline.intake;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaAccess;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.Topics;

/**
 * What the intake already holds, per agency: sighting id → where it was written and a fingerprint
 * of what it said. A resend of the same sighting gets the first receipt and writes nothing; the
 * same id with other content is a conflict; two requests racing with one id share one write.
 *
 * <p>The index survives a restart: on start it is rebuilt from the agencies' intake topics (keys
 * and the intake's fingerprint header, so values are not decoded; records without the header, from
 * an agency's own Kafka producer, are decoded), from {@code receipts.window} back, at most {@code
 * receipts.max-per-agency} ids per agency; the endpoints answer 503 until it is. After that it
 * keeps reading the topics, so ids written by another intake instance or by an agency's own
 * producer are recognised too (a moment later: two instances racing with one id within that moment
 * can both write, and the processor's dedupe keeps the first). Beyond the window or the size, a
 * resend is written again and the processor's dedupe ({@code dedupe-retention}, 30 days) is the
 * backstop.
 */
@ApplicationScoped
public class ReceiptIndex {

  private static final Logger LOG = Logger.getLogger(ReceiptIndex.class);
  private static final String RETRACTION_PREFIX = "retraction\n";

  /** What the index answers to a sighting about to be written. */
  public sealed interface Claim permits Fresh, Held, InFlight, Conflict {}

  /** Not seen: the caller writes it and then settles {@code done}. */
  public record Fresh(Entry entry) implements Claim {}

  /** Already written: the first receipt. */
  public record Held(IntakePublisher.Receipt receipt) implements Claim {}

  /** Being written by another request: its result. */
  public record InFlight(CompletableFuture<IntakePublisher.Receipt> done) implements Claim {}

  /** The id was used for different content; the first receipt when it is known. */
  public record Conflict(IntakePublisher.Receipt receipt) implements Claim {}

  /** One id of one agency. */
  public static final class Entry {
    final long fingerprint;
    final CompletableFuture<IntakePublisher.Receipt> done;
    volatile int partition = -1;
    volatile long offset = -1;

    /** A sighting's locality, its record's key: where its retraction is written. */
    volatile String locality;

    Entry(long fingerprint, CompletableFuture<IntakePublisher.Receipt> done) {
      this.fingerprint = fingerprint;
      this.done = done;
    }
  }

  private final LiveMemberDirectory members;
  private final KafkaAccess kafka;
  private final IntakeConfig config;
  private final Map<AgencyId, AgencyReceipts> agencies = new ConcurrentHashMap<>();
  private final Map<String, AgencyId> agencyOf = new HashMap<>();
  private final AtomicLong loaded = new AtomicLong();
  private volatile boolean ready;
  private volatile String failure;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private Thread loader;
  private volatile boolean stopping;

  ReceiptIndex(LiveMemberDirectory members, IntakeConfig config, KafkaAccess kafka) {
    this.members = members;
    this.config = config;
    this.kafka = kafka;
    for (Agency a : members.get().agencies()) {
      agencies.put(a.id(), new AgencyReceipts(config.receipts().maxPerAgency()));
    }
  }

  private static String key(String id, boolean retraction) {
    return retraction ? RETRACTION_PREFIX + id : id;
  }

  public Claim claim(AgencyId agency, String id, boolean retraction, long fingerprint) {
    AgencyReceipts receipts = receipts(agency);
    String key = key(id, retraction);
    synchronized (receipts) {
      Entry existing = receipts.get(key);
      if (existing == null) {
        Entry fresh = new Entry(fingerprint, new CompletableFuture<>());
        receipts.put(key, fresh);
        return new Fresh(fresh);
      }
      if (existing.fingerprint != fingerprint) {
        return new Conflict(existing.done.isDone() ? existing.done.getNow(null) : null);
      }
      if (existing.done.isDone() && !existing.done.isCompletedExceptionally()) {
        return new Held(existing.done.getNow(null));
      }
      return new InFlight(existing.done);
    }
  }

  /** The write of a {@link Fresh} claim succeeded. */
  public void confirm(Entry entry, IntakePublisher.Receipt receipt) {
    entry.partition = receipt.partition();
    entry.offset = receipt.offset();
    entry.done.complete(receipt);
  }

  /** The write of a {@link Fresh} claim failed: forget it, so a retry writes again. */
  public void abandon(AgencyId agency, String id, boolean retraction, Entry entry, Throwable e) {
    AgencyReceipts receipts = receipts(agency);
    synchronized (receipts) {
      receipts.remove(key(id, retraction), entry);
    }
    entry.done.completeExceptionally(e);
  }

  /** A record found on an intake topic: known from now on, unless already known. */
  void learn(
      AgencyId agency,
      String id,
      String locality,
      boolean retraction,
      long fingerprint,
      int partition,
      long offset) {
    AgencyReceipts receipts = agencies.get(agency);
    if (receipts == null) {
      return;
    }
    String key = key(id, retraction);
    synchronized (receipts) {
      if (receipts.containsKey(key)) {
        return;
      }
      Entry e = new Entry(fingerprint, new CompletableFuture<>());
      e.partition = partition;
      e.offset = offset;
      e.locality = retraction ? null : locality;
      e.done.complete(
          new IntakePublisher.Receipt(
              id, agency.value(), Topics.intake(agency).name(), partition, offset));
      receipts.put(key, e);
    }
    loaded.incrementAndGet();
  }

  /** Where a sighting the index holds was written: its locality, if known. */
  public java.util.Optional<String> locality(AgencyId agency, String id) {
    AgencyReceipts receipts = receipts(agency);
    synchronized (receipts) {
      Entry e = receipts.get(key(id, false));
      return java.util.Optional.ofNullable(e == null ? null : e.locality);
    }
  }

  /** The receipt of a sighting the index holds as written, if it does. */
  public java.util.Optional<IntakePublisher.Receipt> receipt(AgencyId agency, String id) {
    AgencyReceipts receipts = receipts(agency);
    Entry e;
    synchronized (receipts) {
      e = receipts.get(key(id, false));
    }
    return e == null || !e.done.isDone() || e.done.isCompletedExceptionally()
        ? java.util.Optional.empty()
        : java.util.Optional.of(e.done.getNow(null));
  }

  /**
   * Whether the index holds anything of this id: its sighting or its retraction, written or being
   * written. A retraction of a known id needs no question to the processor.
   */
  public boolean knows(AgencyId agency, String id) {
    AgencyReceipts receipts = receipts(agency);
    synchronized (receipts) {
      return receipts.containsKey(key(id, false)) || receipts.containsKey(key(id, true));
    }
  }

  /** True once the topics were read up to where they ended at start. */
  public boolean ready() {
    return ready;
  }

  /** Why the index could not be loaded, or null. */
  public String failure() {
    return failure;
  }

  public long size() {
    return agencies.values().stream().mapToLong(AgencyReceipts::sizeSynchronized).sum();
  }

  private AgencyReceipts receipts(AgencyId agency) {
    if (members.get().agency(agency).isEmpty()) {
      throw new IllegalStateException(agency + " is not in the member directory");
    }
    // An agency added while the intake runs has nothing to read back yet: it starts empty.
    return agencies.computeIfAbsent(
        agency, a -> new AgencyReceipts(config.receipts().maxPerAgency()));
  }

  void start(@Observes StartupEvent event) {
    loader = new Thread(this::load, "sightline-receipt-index");
    loader.setDaemon(true);
    loader.start();
  }

  void stop(@Observes ShutdownEvent event) {
    stopping = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (loader != null) {
      try {
        loader.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void load() {
    Map<String, Object> props = new HashMap<>();
    props.putAll(kafka.clientProperties());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sightline-intake-receipts");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    // Reading back the intake's own writes costs CPU the batch endpoint needs: fetch in large
    // pieces (ids written elsewhere are then known within half a second).
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    Deserializer<IntakeEvent> values = null;
    long started = System.nanoTime();
    while (!stopping) {
      try (KafkaConsumer<byte[], byte[]> c =
          new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer = c;
        Map<TopicPartition, Long> ends = assign(c);
        while (!stopping) {
          for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
            if (values == null && header(r) == null) {
              values =
                  Topics.intake(AgencyId.of("any"))
                      .valueSerde(RegistrySerdes.forRegistry(config.registryUrl()))
                      .deserializer();
            }
            read(r, values);
          }
          if (!ready && caughtUp(c, ends)) {
            ready = true;
            LOG.infof(
                "receipt index loaded: %d ids of %d agencies in %d ms",
                loaded.get(), agencies.size(), (System.nanoTime() - started) / 1_000_000);
          }
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        failure = e.toString();
        LOG.warnf("receipt index: %s; retrying in 2 s", e.getMessage());
        try {
          Thread.sleep(2000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Assigns every intake partition from where the window starts; returns where each ended. */
  private Map<TopicPartition, Long> assign(KafkaConsumer<byte[], byte[]> c) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (Agency a : members.get().agencies()) {
      if (!a.enabled()) {
        // It cannot post, and the broker no longer lets the intake near its topic.
        continue;
      }
      String topic = Topics.intake(a.id()).name();
      List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        LOG.warnf(
            "receipt index: %s does not exist; its agency's resends are not recognised", topic);
        continue;
      }
      infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
    }
    c.assign(partitions);
    Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
    Map<TopicPartition, Long> query = new HashMap<>();
    long from = Clock.systemUTC().millis() - config.receipts().window().toMillis();
    partitions.forEach(tp -> query.put(tp, from));
    Map<TopicPartition, OffsetAndTimestamp> byTime =
        c.offsetsForTimes(query, Duration.ofSeconds(30));
    for (TopicPartition tp : partitions) {
      long end = ends.getOrDefault(tp, 0L);
      OffsetAndTimestamp t = byTime.get(tp);
      long start = t == null ? end : t.offset();
      // Only the newest ids fit anyway: a partition can hold at most the agency's whole budget.
      start = Math.max(start, end - config.receipts().maxPerAgency());
      c.seek(tp, Math.max(start, 0));
    }
    return ends;
  }

  private boolean caughtUp(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static byte[] header(ConsumerRecord<byte[], byte[]> r) {
    Header h = r.headers().lastHeader(Fingerprints.HEADER);
    return h == null || h.value() == null || h.value().length != 9 ? null : h.value();
  }

  private void read(ConsumerRecord<byte[], byte[]> r, Deserializer<IntakeEvent> values) {
    AgencyId agency = agencyOf.computeIfAbsent(r.topic(), Topics::agencyOfIntakeTopic);
    if (agency == null || r.key() == null) {
      return;
    }
    String key = new String(r.key(), StandardCharsets.UTF_8);
    byte[] h = header(r);
    Header idHeader = r.headers().lastHeader(Fingerprints.ID_HEADER);
    if (h != null) {
      ByteBuffer b = ByteBuffer.wrap(h);
      boolean retraction = b.get() == 'R';
      // Written by the intake: keyed by locality with the id beside (earlier ones: by the id).
      String id =
          idHeader == null || idHeader.value() == null
              ? key
              : new String(idHeader.value(), StandardCharsets.UTF_8);
      learn(
          agency,
          id,
          idHeader == null ? null : key,
          retraction,
          b.getLong(),
          r.partition(),
          r.offset());
      return;
    }
    try {
      IntakeEvent event = values.deserialize(r.topic(), r.headers(), r.value());
      if (event == null) {
        return;
      }
      // Written by the agency's own producer: the id is in the value, and the key is whatever
      // it chose, so not trusted as a locality.
      if (event.getPayload() instanceof Sighting s) {
        learn(agency, s.getId(), null, false, Fingerprints.of(s, false), r.partition(), r.offset());
      } else if (event.getPayload() instanceof Retraction retraction) {
        learn(
            agency,
            retraction.getSightingId(),
            null,
            true,
            Fingerprints.RETRACTION,
            r.partition(),
            r.offset());
      }
    } catch (RuntimeException e) {
      // Not a readable intake event: the processor sends it to intake.rejected; nothing to index.
      LOG.debugf("receipt index: %s@%d unreadable: %s", r.topic(), r.offset(), e.getMessage());
    }
  }

  /** Insertion-ordered, oldest evicted beyond the budget. Guarded by its own monitor. */
  private static final class AgencyReceipts extends LinkedHashMap<String, Entry> {
    private final int capacity;

    AgencyReceipts(int capacity) {
      super(1024, 0.75f, false);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > capacity;
    }

    synchronized long sizeSynchronized() {
      return size();
    }
  }
}
