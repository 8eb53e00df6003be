package org.sightline.consumers.lists;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version of a list as clients see it: {@code <epoch>:<number>}. The number counts the changes
 * this process applied; the epoch is random per start, because after a restart the numbering is
 * derived again from a compacted topic and need not match the old one.
 */
public record ListVersion(String epoch, long number) {

  private static final Pattern FORM = Pattern.compile("([0-9a-f]{1,32}):([0-9]{1,18})");

  /** The version a client presented, or empty when it is not of the form {@code epoch:number}. */
  public static Optional<ListVersion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(text.strip());
    return m.matches()
        ? Optional.of(new ListVersion(m.group(1), Long.parseLong(m.group(2))))
        : Optional.empty();
  }

  /** As clients see it, in JSON too. */
  @JsonValue
  @Override
  public String toString() {
    return epoch + ":" + number;
  }
}
