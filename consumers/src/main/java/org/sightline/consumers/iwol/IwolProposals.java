package org.sightline.consumers.iwol;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.kafka.CompactedTopicReader;
import org.sightline.schema.IwolProposal;
import org.sightline.topics.Topics;

/**
 * The domains awaiting the secretariat's review, read whole from the compacted {@code
 * iwol.proposals} (a tombstone once a domain is approved, rejected or withdrawn). Secretariat only:
 * a proposal names the reporting agencies.
 */
@ApplicationScoped
public class IwolProposals {

  /**
   * One domain awaiting review, with its evidence.
   *
   * @param samples indicators on the domain the sightings named (URLs, hosts), newest first
   * @param expiresAt the day its support lapses if nothing new comes
   */
  public record Item(
      String domain,
      Instant proposedAt,
      List<String> agencies,
      List<String> countries,
      long sightings,
      List<String> sightingIds,
      Instant firstSeen,
      Instant lastSeen,
      List<String> samples,
      List<String> hostingCountries,
      Instant expiresAt) {}

  private final ConcurrentHashMap<String, Item> pending = new ConcurrentHashMap<>();
  private final CompactedTopicReader<IwolProposal> reader;

  IwolProposals(ConsumersConfig config, KafkaAccess kafka) {
    this.reader =
        new CompactedTopicReader<>(
            Topics.IWOL_PROPOSALS, "IWOL review queue", kafka, config.registryUrl(), this::accept);
  }

  void start(@Observes StartupEvent event) {
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) {
    reader.stop();
  }

  /** Oldest first: the review queue in the order the domains came to it. */
  public List<Item> all() {
    return pending.values().stream()
        .sorted(Comparator.comparing(Item::proposedAt).thenComparing(Item::domain))
        .toList();
  }

  public Optional<Item> get(String domain) {
    return Optional.ofNullable(pending.get(domain));
  }

  public boolean isLoaded() {
    return reader.isLoaded();
  }

  public boolean isRunning() {
    return reader.isRunning();
  }

  private void accept(ConsumerRecord<String, IwolProposal> record) {
    IwolProposal p = record.value();
    if (p == null) {
      pending.remove(record.key());
      return;
    }
    pending.put(
        record.key(),
        new Item(
            p.getDomain(),
            p.getProposedAt(),
            List.copyOf(p.getAgencies()),
            List.copyOf(p.getCountries()),
            p.getSightings(),
            List.copyOf(p.getSightingIds()),
            p.getFirstSeen(),
            p.getLastSeen(),
            List.copyOf(p.getSamples()),
            List.copyOf(p.getHostingCountries()),
            p.getExpiresAt()));
  }
}
