package org.sightline.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.AuthorizationException;
import org.sightline.indicator.WarningPatterns;
import org.sightline.schema.WarningListAction;
import org.sightline.schema.WarningListChange;
import org.sightline.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The secretariat's warning lists of known-benign values from a terminal, as its principal: the
 * managed entries read from {@code warninglists.changes}, additions and removals written to it —
 * the same records as the review page, which every processor instance applies within seconds.
 */
@Command(
    name = "warninglists",
    mixinStandardHelpOptions = true,
    description = {
      "The secretariat's warning lists: what they hold is never alerted and never enters the"
          + " \"worst of\" list. A pattern is a canonical key (md5:..., domain:bit.ly),"
          + " host:<host> (and URLs on it), *.<registrable domain> (everything on it) or"
          + " cidr:<range> (IPv4 or IPv6). The deployment's own files apply too.",
      "Exit 0 done, 2 refused (the field is named), 3 the broker did not answer or confirm."
    },
    subcommands = {
      WarningListsCommand.ListEntries.class,
      WarningListsCommand.Add.class,
      WarningListsCommand.Remove.class
    })
final class WarningListsCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The managed entries, by list.")
  static final class ListEntries implements Callable<Integer> {
    @Mixin SecretariatDecisions.Options common = new SecretariatDecisions.Options();

    @Override
    public Integer call() {
      Map<String, WarningListChange> changes;
      try {
        changes = SecretariatDecisions.readWhole(common, Topics.WARNINGLISTS_CHANGES);
      } catch (AuthorizationException e) {
        common.err().println("warninglists list: the broker refuses this principal to read them");
        return CanonCommand.INVALID;
      } catch (RuntimeException e) {
        common.err().println("warninglists list: " + e.getMessage());
        return IntakeClient.UNAVAILABLE;
      }
      List<WarningListChange> active = new ArrayList<>();
      changes.forEach(
          (key, change) -> {
            if (change.getAction() == WarningListAction.ADD && key.equals(change.getPattern())) {
              active.add(change);
            }
          });
      active.sort(
          Comparator.comparing(WarningListChange::getList)
              .thenComparing(WarningListChange::getPattern));
      if (active.isEmpty()) {
        common.out().println("No managed warning list entry.");
        return 0;
      }
      common.out().printf("%-24s %-40s %-24s %s%n", "LIST", "PATTERN", "ADDED BY", "NOTE");
      for (WarningListChange c : active) {
        common
            .out()
            .printf(
                "%-24s %-40s %-24s %s%n",
                c.getList(),
                c.getPattern(),
                c.getRequestedBy(),
                c.getNote() == null ? "" : c.getNote());
      }
      return 0;
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add a pattern: from the next sighting on, what falls under it is held back.")
  static final class Add implements Callable<Integer> {
    @Mixin SecretariatDecisions.Options common = new SecretariatDecisions.Options();

    @Parameters(paramLabel = "PATTERN", description = "e.g. *.files.example, cidr:192.0.2.0/24")
    String pattern;

    @Option(
        names = "--list",
        defaultValue = "managed",
        description = "The list it belongs to (default: ${DEFAULT-VALUE})")
    String list;

    @Option(names = "--note", description = "Why, for the audit trail")
    String note;

    @Override
    public Integer call() {
      if (!list.matches("[a-z0-9][a-z0-9-]{0,62}")) {
        common.err().println("warninglists add: --list is lower case, digits and dashes");
        return CanonCommand.INVALID;
      }
      return change(common, "warninglists add", pattern, WarningListAction.ADD, list, note);
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove a pattern: what fell under it correlates again from the next sighting.")
  static final class Remove implements Callable<Integer> {
    @Mixin SecretariatDecisions.Options common = new SecretariatDecisions.Options();

    @Parameters(paramLabel = "PATTERN", description = "The pattern, as listed")
    String pattern;

    @Option(names = "--note", description = "Why, for the audit trail")
    String note;

    @Override
    public Integer call() {
      String canonical;
      try {
        canonical = WarningPatterns.canonical(pattern);
      } catch (IllegalArgumentException e) {
        common.err().println("warninglists remove: PATTERN " + e.getMessage());
        return CanonCommand.INVALID;
      }
      WarningListChange current;
      try {
        current =
            SecretariatDecisions.readWhole(common, Topics.WARNINGLISTS_CHANGES).get(canonical);
      } catch (RuntimeException e) {
        common.err().println("warninglists remove: " + e.getMessage());
        return IntakeClient.UNAVAILABLE;
      }
      if (current == null || current.getAction() != WarningListAction.ADD) {
        common
            .err()
            .println(
                "warninglists remove: PATTERN "
                    + canonical
                    + " is not on a managed list (./sightline warninglists list)");
        return CanonCommand.INVALID;
      }
      return change(
          common,
          "warninglists remove",
          canonical,
          WarningListAction.REMOVE,
          current.getList(),
          note);
    }
  }

  private static int change(
      SecretariatDecisions.Options common,
      String command,
      String pattern,
      WarningListAction action,
      String list,
      String note) {
    String canonical;
    try {
      canonical = WarningPatterns.canonical(pattern);
    } catch (IllegalArgumentException e) {
      common.err().println(command + ": PATTERN " + e.getMessage());
      return CanonCommand.INVALID;
    }
    WarningListChange change =
        WarningListChange.newBuilder()
            .setPattern(canonical)
            .setAction(action)
            .setList(list)
            .setNote(note == null || note.isBlank() ? null : note.strip())
            .setRequestedBy("cli:" + common.by)
            .setRequestedAt(Instant.now())
            .build();
    int written =
        SecretariatDecisions.write(common, command, Topics.WARNINGLISTS_CHANGES, canonical, change);
    if (written == 0) {
      common
          .out()
          .printf(
              "%s %s %s list %s (by %s): every processor applies it within seconds%n",
              action == WarningListAction.ADD ? "added" : "removed",
              canonical,
              action == WarningListAction.ADD ? "to" : "from",
              list,
              change.getRequestedBy());
    }
    return written;
  }
}
