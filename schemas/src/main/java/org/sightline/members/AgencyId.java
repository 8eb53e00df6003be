package org.sightline.members;

import java.util.regex.Pattern;

/**
 * A member agency's identifier: lower-case letters, digits and hyphens, 2 to 40 characters,
 * starting with a letter. It names the agency's intake topic, its broker principal and its
 * credentials.
 */
public record AgencyId(String value) implements Comparable<AgencyId> {

  public static final String REGEX = "[a-z][a-z0-9-]{1,39}";
  private static final Pattern PATTERN = Pattern.compile(REGEX);

  public AgencyId {
    if (value == null || !PATTERN.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "agency id '"
              + value
              + "' is not valid: use 2-40 lower-case letters, digits or hyphens, starting with a letter");
    }
    if (value.equals("rejected")) {
      throw new IllegalArgumentException("agency id 'rejected' is reserved");
    }
  }

  public static AgencyId of(String value) {
    return new AgencyId(value);
  }

  @Override
  public int compareTo(AgencyId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
