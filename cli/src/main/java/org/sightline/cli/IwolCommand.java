package org.sightline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.sightline.indicator.CanonicalIndicator;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolProposal;
import org.sightline.schema.IwolReview;
import org.sightline.schema.IwolVerdict;
import org.sightline.security.KafkaAccess;
import org.sightline.security.Principal;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The secretariat's review of the "worst of" list from a terminal, as the secretariat's principal:
 * the queue read from {@code iwol.proposals}, verdicts written to {@code iwol.reviews}, delistings
 * to {@code iwol.delistings} — the same records the dashboard writes, and the audit trail of them.
 */
@Command(
    name = "iwol",
    mixinStandardHelpOptions = true,
    description = {
      "The secretariat reviews the \"worst of\" list: a domain that meets the rule is proposed,"
          + " and listed only when approved.",
      "Exit 0 done, 2 refused (the field is named, or the domain is not awaiting review), 3 the"
          + " broker did not answer or confirm: run again (a decision written twice takes effect"
          + " once)."
    },
    subcommands = {
      IwolCommand.Review.class,
      IwolCommand.Approve.class,
      IwolCommand.Reject.class,
      IwolCommand.Delist.class
    })
final class IwolCommand {

  /** What every verb needs: the broker as the secretariat, the registry, who decides. */
  static final class Common {
    @Mixin BrokerOptions broker = new BrokerOptions();

    @Option(
        names = "--registry",
        defaultValue = "${env:SIGHTLINE_REGISTRY:-http://localhost:18081}",
        description = "Schema registry URL (default: ${DEFAULT-VALUE})")
    String registry;

    @Option(
        names = "--by",
        defaultValue = "${sys:user.name}",
        description = "Who decides, for the audit trail (default: ${DEFAULT-VALUE})")
    String by;

    /** The command this is mixed into: its writers are the ones a caller (or test) set. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    PrintWriter out() {
      return mixee.commandLine().getOut();
    }

    PrintWriter err() {
      return mixee.commandLine().getErr();
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Command(
      name = "review",
      mixinStandardHelpOptions = true,
      description =
          "The domains awaiting review, oldest first, with their evidence: reporting agencies and"
              + " countries, sightings, first and last seen, sample URLs, hosting countries.")
  static final class Review implements Callable<Integer> {
    @Mixin Common common = new Common();

    @Option(names = "--json", description = "One JSON object per line instead of a table")
    boolean json;

    @Override
    public Integer call() {
      Map<String, IwolProposal> queue;
      try {
        queue = readQueue(common);
      } catch (AuthorizationException e) {
        common.err().println("iwol review: the broker refuses this principal to read the queue");
        return CanonCommand.INVALID;
      } catch (RuntimeException e) {
        common.err().println("iwol review: " + e.getMessage());
        return IntakeClient.UNAVAILABLE;
      }
      List<IwolProposal> pending = new ArrayList<>(queue.values());
      pending.sort(
          Comparator.comparing(IwolProposal::getProposedAt).thenComparing(IwolProposal::getDomain));
      if (json) {
        pending.forEach(p -> common.out().println(p));
        return 0;
      }
      if (pending.isEmpty()) {
        common.out().println("No domain awaits review.");
        return 0;
      }
      common
          .out()
          .printf(
              "%-32s %-20s %-8s %-9s %-20s %s%n",
              "DOMAIN", "PROPOSED", "COUNTRY", "SIGHTINGS", "LAST SEEN", "AGENCIES / SAMPLES");
      for (IwolProposal p : pending) {
        common
            .out()
            .printf(
                "%-32s %-20s %-8s %-9d %-20s %s%n",
                p.getDomain(),
                minute(p.getProposedAt()),
                String.join(",", p.getCountries()),
                p.getSightings(),
                minute(p.getLastSeen()),
                String.join(",", p.getAgencies()));
        for (String sample : p.getSamples()) {
          common.out().printf("%-32s   %s%n", "", sample);
        }
      }
      common
          .out()
          .printf(
              "%d domain%s awaiting review: ./sightline iwol approve DOMAIN | reject DOMAIN --reason R%n",
              pending.size(), pending.size() == 1 ? "" : "s");
      return 0;
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "List a proposed domain: access providers get it with the next download.")
  static final class Approve implements Callable<Integer> {
    @Mixin Common common = new Common();

    @Parameters(paramLabel = "DOMAIN", description = "The proposed domain")
    String domain;

    @Option(names = "--reason", description = "Why, for the audit trail (optional)")
    String reason;

    @Override
    public Integer call() {
      return verdict(common, "approve", domain, IwolVerdict.APPROVED, reason);
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description =
          "Keep a proposed domain off the list; its support so far is set aside (only sightings"
              + " observed afterwards can propose it again).")
  static final class Reject implements Callable<Integer> {
    @Mixin Common common = new Common();

    @Parameters(paramLabel = "DOMAIN", description = "The proposed domain")
    String domain;

    @Option(names = "--reason", required = true, description = "The ground, for the audit trail")
    String reason;

    @Override
    public Integer call() {
      return verdict(common, "reject", domain, IwolVerdict.REJECTED, reason);
    }
  }

  @Command(
      name = "delist",
      mixinStandardHelpOptions = true,
      description =
          "Take a domain off the list (or out of the review queue): its support so far is set"
              + " aside; only sightings observed afterwards can propose it again.")
  static final class Delist implements Callable<Integer> {
    @Mixin Common common = new Common();

    @Parameters(paramLabel = "DOMAIN", description = "The domain")
    String domain;

    @Option(names = "--reason", required = true, description = "The ground, for the audit trail")
    String reason;

    @Override
    public Integer call() {
      String key;
      try {
        key = registrable(domain);
        requireReason(reason);
      } catch (IllegalArgumentException e) {
        common.err().println("iwol delist: " + e.getMessage());
        return CanonCommand.INVALID;
      }
      IwolDelisting delisting =
          IwolDelisting.newBuilder()
              .setDomain(key)
              .setRequestedBy("cli:" + common.by)
              .setRequestedAt(Instant.now())
              .setReason(reason.strip())
              .build();
      int written = write(common, "iwol delist", Topics.IWOL_DELISTINGS, key, delisting);
      if (written == 0) {
        common
            .out()
            .printf(
                "delisting of %s written to %s (by %s): it leaves the list with the next download%n",
                key, Topics.IWOL_DELISTINGS.name(), delisting.getRequestedBy());
      }
      return written;
    }
  }

  private static int verdict(
      Common common, String verb, String domain, IwolVerdict verdict, String reason) {
    String command = "iwol " + verb;
    String key;
    try {
      key = registrable(domain);
      if (verdict == IwolVerdict.REJECTED) {
        requireReason(reason);
      }
    } catch (IllegalArgumentException e) {
      common.err().println(command + ": " + e.getMessage());
      return CanonCommand.INVALID;
    }
    try {
      if (!readQueue(common).containsKey(key)) {
        common
            .err()
            .println(
                command
                    + ": DOMAIN "
                    + key
                    + " is not awaiting review (decided, withdrawn, or never proposed):"
                    + " ./sightline iwol review lists the queue");
        return CanonCommand.INVALID;
      }
    } catch (AuthorizationException e) {
      common.err().println(command + ": the broker refuses this principal to read the queue");
      return CanonCommand.INVALID;
    } catch (RuntimeException e) {
      common.err().println(command + ": " + e.getMessage());
      return IntakeClient.UNAVAILABLE;
    }
    IwolReview review =
        IwolReview.newBuilder()
            .setDomain(key)
            .setVerdict(verdict)
            .setRequestedBy("cli:" + common.by)
            .setRequestedAt(Instant.now())
            .setReason(reason == null || reason.isBlank() ? null : reason.strip())
            .build();
    int written = write(common, command, Topics.IWOL_REVIEWS, key, review);
    if (written == 0) {
      common
          .out()
          .printf(
              "%s of %s written to %s (by %s)%s%n",
              verdict == IwolVerdict.APPROVED ? "approval" : "rejection",
              key,
              Topics.IWOL_REVIEWS.name(),
              review.getRequestedBy(),
              verdict == IwolVerdict.APPROVED
                  ? ": it is listed with the next download, if its support still meets the rule"
                  : ": it stays off the list");
    }
    return written;
  }

  /** The registrable domain, as the processor keys the list. */
  static String registrable(String domain) {
    CanonicalIndicator canonical;
    try {
      canonical = Canonicalizer.canonicalize("domain", domain == null ? "" : domain.strip(), null);
    } catch (InvalidIndicatorException e) {
      throw new IllegalArgumentException("DOMAIN " + e.reason());
    }
    if (canonical.type() != IndicatorType.DOMAIN) {
      throw new IllegalArgumentException("DOMAIN is not a domain");
    }
    return canonical.key().substring("domain:".length());
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("--reason is required: the audit trail keeps the ground");
    }
  }

  private static <V extends SpecificRecord> int write(
      Common common, String command, TopicSpec<V> topic, String key, V value) {
    KafkaAccess access;
    try {
      access = common.broker.access(Principal.SECRETARIAT);
    } catch (IllegalStateException e) {
      common.err().println(command + ": " + e.getMessage());
      return CanonCommand.INVALID;
    }
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            access.confirmedProducerProperties("sightline-cli-iwol", WAIT),
            topic.keySerde().serializer(),
            topic.valueSerde(RegistrySerdes.forRegistry(common.registry)).serializer())) {
      producer
          .send(new ProducerRecord<>(topic.name(), key, value))
          .get(WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return 0;
    } catch (AuthorizationException e) {
      return refused(common, command, access, topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthorizationException) {
        return refused(common, command, access, topic);
      }
      common.err().println(command + ": not confirmed by the broker: " + e.getCause().getMessage());
      return IntakeClient.UNAVAILABLE;
    } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
      common.err().println(command + ": not confirmed by the broker in time");
      return IntakeClient.UNAVAILABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return IntakeClient.UNAVAILABLE;
    }
  }

  private static int refused(
      Common common, String command, KafkaAccess access, TopicSpec<?> topic) {
    common
        .err()
        .println(
            command
                + ": the broker refuses principal '"
                + access.principal()
                + "' to write "
                + topic.name()
                + " (only the secretariat decides on the list)");
    return CanonCommand.INVALID;
  }

  /**
   * The review queue as it stands: {@code iwol.proposals} read whole, every partition from its
   * beginning to the end it had when reading began, tombstones applied. No consumer group.
   */
  static Map<String, IwolProposal> readQueue(Common common) {
    KafkaAccess access = common.broker.access(Principal.SECRETARIAT);
    Map<String, Object> props =
        access.clientProperties(
            Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "sightline-cli-iwol-review"));
    TopicSpec<IwolProposal> topic = Topics.IWOL_PROPOSALS;
    Map<String, IwolProposal> queue = new HashMap<>();
    try (KafkaConsumer<String, IwolProposal> consumer =
        new KafkaConsumer<>(
            props,
            topic.keySerde().deserializer(),
            topic.valueSerde(RegistrySerdes.forRegistry(common.registry)).deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), WAIT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, WAIT);
      long deadline = System.currentTimeMillis() + WAIT.toMillis();
      while (!readTo(consumer, ends.entrySet())) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(
              "the review queue (" + topic.name() + ") was not read to its end in time");
        }
        for (ConsumerRecord<String, IwolProposal> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() == null) {
            queue.remove(r.key());
          } else {
            queue.put(r.key(), r.value());
          }
        }
      }
    }
    return queue;
  }

  private static boolean readTo(
      KafkaConsumer<?, ?> consumer, Collection<Map.Entry<TopicPartition, Long>> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static String minute(Instant at) {
    return at == null ? "" : at.toString().substring(0, 16).replace('T', ' ');
  }
}
