package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolProposal;
import org.sightline.schema.IwolReview;
import org.sightline.schema.IwolVerdict;
import org.sightline.testing.SightlineTestStack;
import org.sightline.topics.Topics;
import picocli.CommandLine;

/**
 * {@code iwol review|approve|reject|delist} on a real broker and registry, as the secretariat's
 * principal: the queue as the processor writes it, the decisions as the processor reads them.
 */
class IwolCommandTest {

  @Test
  void theSecretariatReadsTheQueueAndApprovesFromATerminal() {
    String domain = "cli-review-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    propose(domain, proposal(domain));

    List<String> review = iwol("review");
    assertThat(review).contains("exit: 0");
    assertThat(review).anyMatch(l -> l.startsWith(domain) && l.contains("de-police,nl-police"));
    assertThat(review).anyMatch(l -> l.contains("url:http://" + domain + "/gallery/1"));

    List<String> approved = iwol("approve", "www." + domain, "--by", "maria");
    assertThat(approved).contains("exit: 0");
    assertThat(approved).anyMatch(l -> l.startsWith("approval of " + domain));
    ConsumerRecord<String, IwolReview> written =
        SightlineTestStack.get()
            .await(
                Topics.IWOL_REVIEWS,
                r -> domain.equals(r.key()) && "cli:maria".equals(r.value().getRequestedBy()),
                1,
                Duration.ofSeconds(20))
            .get(0);
    assertThat(written.value().getVerdict()).isEqualTo(IwolVerdict.APPROVED);

    // Settled by the processor: the queue no longer holds it, and a verdict is refused.
    propose(domain, null);
    assertThat(iwol("review")).noneMatch(l -> l.startsWith(domain));
    assertThat(iwol("reject", domain, "--reason", "too late"))
        .contains("exit: 2")
        .anyMatch(l -> l.contains("is not awaiting review"));
  }

  @Test
  void aRejectionAndADelistingNeedAGroundAndOnlyTheSecretariatMayDecide() {
    String domain = "cli-delist-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    propose(domain, proposal(domain));
    assertThat(iwol("reject", domain)).as("--reason is required").contains("exit: 2");
    assertThat(iwol("delist", domain, "--reason", " "))
        .contains("exit: 2")
        .anyMatch(l -> l.contains("--reason is required"));
    assertThat(iwol("delist", "not a domain", "--reason", "x"))
        .contains("exit: 2")
        .anyMatch(l -> l.contains("DOMAIN"));
    assertThat(iwol("delist", domain, "--reason", "mine", "--principal", "agency-nl-police"))
        .contains("exit: 2")
        .anyMatch(l -> l.contains("refuses principal 'agency-nl-police'"));

    String ground = "legitimate host " + UUID.randomUUID();
    assertThat(iwol("delist", domain, "--reason", ground, "--by", "omar")).contains("exit: 0");
    ConsumerRecord<String, IwolDelisting> delisting =
        SightlineTestStack.get()
            .await(
                Topics.IWOL_DELISTINGS,
                r -> ground.equals(r.value().getReason()),
                1,
                Duration.ofSeconds(20))
            .get(0);
    assertThat(delisting.key()).isEqualTo(domain);
    assertThat(delisting.value().getRequestedBy()).isEqualTo("cli:omar");
  }

  @Test
  void helpListsTheReviewVerbs() {
    assertThat(iwol("--help"))
        .anyMatch(l -> l.contains("review"))
        .anyMatch(l -> l.contains("approve"))
        .anyMatch(l -> l.contains("reject"))
        .anyMatch(l -> l.contains("delist"));
  }

  private static IwolProposal proposal(String domain) {
    Instant now = Instant.now();
    return IwolProposal.newBuilder()
        .setDomain(domain)
        .setProposedAt(now)
        .setAgencies(List.of("de-police", "nl-police"))
        .setCountries(List.of("DE", "NL"))
        .setSightings(2)
        .setSightingIds(List.of("nl-1", "de-1"))
        .setFirstSeen(now.minusSeconds(600))
        .setLastSeen(now)
        .setSamples(List.of("url:http://" + domain + "/gallery/1"))
        .setHostingCountries(List.of())
        .build();
  }

  private static void propose(String domain, IwolProposal proposal) {
    try (KafkaProducer<String, IwolProposal> producer =
        SightlineTestStack.get().producer(Topics.IWOL_PROPOSALS)) {
      producer.send(new ProducerRecord<>(Topics.IWOL_PROPOSALS.name(), domain, proposal));
      producer.flush();
    }
  }

  private static List<String> iwol(String... args) {
    CommandLine cli = new CommandLine(new IwolCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    boolean help = List.of(args).contains("--help");
    int exit = cli.execute(help ? args : StackOptions.with(args));
    List<String> lines = new ArrayList<>(out.toString().lines().toList());
    err.toString().lines().map(l -> "stderr: " + l).forEach(lines::add);
    lines.add("exit: " + exit);
    return lines;
  }
}
