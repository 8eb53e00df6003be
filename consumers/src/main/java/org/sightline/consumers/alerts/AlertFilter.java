package org.sightline.consumers.alerts;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.QueryParameters;
import org.sightline.schema.AlertReason;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Severity;

/**
 * The history's filters, parsed from query parameters: each bad value is a 400 naming its parameter
 * and what it accepts.
 */
public record AlertFilter(
    Instant from,
    Instant until,
    Set<String> reasons,
    Set<String> severities,
    Set<String> types,
    String indicator,
    Status status) {

  /** Where an alert stands in its country. */
  public enum Status {
    /** Nobody acknowledged it or was assigned it. */
    OPEN,
    UNACKNOWLEDGED,
    ACKNOWLEDGED,
    ASSIGNED,
    /** A later alert replaced it (its facts were retracted, erased or changed). */
    SUPERSEDED
  }

  public static AlertFilter parse(
      String from,
      String until,
      String reason,
      String severity,
      String type,
      String indicator,
      String status) {
    Instant start = QueryParameters.instant("from", from, false);
    Instant end = QueryParameters.instant("until", until, true);
    if (start != null && end != null && !start.isBefore(end)) {
      throw new BadParameterException("query parameter 'from' must be before 'until'");
    }
    return new AlertFilter(
        start,
        end,
        names("reason", reason, AlertReason.class),
        names("severity", severity, Severity.class),
        names("type", type, IndicatorType.class),
        indicator == null || indicator.isBlank() ? null : indicator.strip(),
        status == null || status.isBlank() ? null : one("status", status, Status.class));
  }

  /** The store's query for {@code recipient}, where {@code standings} tells the status. */
  public AlertStore.Query query(String recipient, AlertStandings standings, AlertFeed feed) {
    Predicate<AlertView> test = a -> true;
    if (!reasons.isEmpty()) {
      test = test.and(a -> reasons.contains(a.reason()));
    }
    if (!severities.isEmpty()) {
      test = test.and(a -> severities.contains(a.severity()));
    }
    if (!types.isEmpty()) {
      test = test.and(a -> types.contains(a.indicatorType()));
    }
    if (status != null) {
      test = test.and(a -> hasStatus(a, recipient, standings, feed));
    }
    return new AlertStore.Query(from, until, indicator, test);
  }

  private boolean hasStatus(
      AlertView alert, String recipient, AlertStandings standings, AlertFeed feed) {
    if (status == Status.SUPERSEDED) {
      return feed.supersededBy(recipient, alert.id()).isPresent();
    }
    ActionState state = standings.state(recipient, alert.id()).orElse(null);
    boolean acknowledged = state != null && state.acknowledgedBy() != null;
    boolean assigned = state != null && state.assignee() != null;
    return switch (status) {
      case OPEN -> !acknowledged && !assigned;
      case UNACKNOWLEDGED -> !acknowledged;
      case ACKNOWLEDGED -> acknowledged;
      case ASSIGNED -> assigned;
      case SUPERSEDED -> throw new AssertionError("answered above");
    };
  }

  private static <E extends Enum<E>> Set<String> names(String name, String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> one(name, s, type).name())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static <E extends Enum<E>> E one(String name, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadParameterException(
          "query parameter '"
              + name
              + "': '"
              + value.strip()
              + "' is not one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(Enum::name)
                  .collect(Collectors.joining(", ")));
    }
  }
}
