package org.sightline.sighting;

/** Why one field of an input was refused, in words a person understands. */
public record FieldError(String field, String reason) {

  @Override
  public String toString() {
    return field + ": " + reason;
  }
}
