package org.sightline.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.AuthorizationException;
import org.sightline.indicator.CanonicalIndicator;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolProposal;
import org.sightline.schema.IwolReview;
import org.sightline.schema.IwolVerdict;
import org.sightline.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

  @Command(
      name = "review",
      mixinStandardHelpOptions = true,
      description =
          "The domains awaiting review, oldest first, with their evidence: reporting agencies and"
              + " countries, sightings, first and last seen, sample URLs, hosting countries.")
  static final class Review implements Callable<Integer> {
    @Mixin SecretariatDecisions.Options common = new SecretariatDecisions.Options();

    @Option(names = "--json", description = "One JSON object per line instead of a table")
    boolean json;

    @Override
    public Integer call() {
      Map<String, IwolProposal> queue;
      try {
        queue = SecretariatDecisions.readWhole(common, Topics.IWOL_PROPOSALS);
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
    @Mixin SecretariatDecisions.Options common = new SecretariatDecisions.Options();

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
    @Mixin SecretariatDecisions.Options common = new SecretariatDecisions.Options();

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
    @Mixin SecretariatDecisions.Options common = new SecretariatDecisions.Options();

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
      int written =
          SecretariatDecisions.write(common, "iwol delist", Topics.IWOL_DELISTINGS, key, delisting);
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
      SecretariatDecisions.Options common,
      String verb,
      String domain,
      IwolVerdict verdict,
      String reason) {
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
      if (!SecretariatDecisions.readWhole(common, Topics.IWOL_PROPOSALS).containsKey(key)) {
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
    int written = SecretariatDecisions.write(common, command, Topics.IWOL_REVIEWS, key, review);
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

  private static String minute(Instant at) {
    return at == null ? "" : at.toString().substring(0, 16).replace('T', ' ');
  }
}
