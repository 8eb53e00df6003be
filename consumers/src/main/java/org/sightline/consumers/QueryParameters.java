package org.sightline.consumers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters every feature reads the same way; a bad value is a 400 naming it. */
public final class QueryParameters {

  private QueryParameters() {}

  /**
   * An ISO-8601 instant, or a day ({@code 2026-12-04}, UTC): from its start, or until its end (an
   * analyst who asks "until the 4th" means the 4th too).
   */
  public static Instant instant(String name, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException notAnInstant) {
      try {
        LocalDate day = LocalDate.parse(v);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADay) {
        throw new BadParameterException(
            "query parameter '"
                + name
                + "' must be an ISO-8601 instant (2026-12-04T09:30:00Z) or a day (2026-12-04)");
      }
    }
  }
}
