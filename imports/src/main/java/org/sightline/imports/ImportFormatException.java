package org.sightline.imports;

/**
 * The input as a whole cannot be read in its format (no header row, not a bundle, a column that
 * names an agency, an unreadable line in the middle of a CSV file): nothing after the point named
 * can be trusted, so reading stops.
 */
public final class ImportFormatException extends RuntimeException {

  private final String field;
  private final long line;

  public ImportFormatException(String field, String reason) {
    this(field, reason, 0);
  }

  public ImportFormatException(String field, String reason, long line) {
    super(reason);
    this.field = field;
    this.line = line;
  }

  /** What is wrong, in the format's own words (a column, a property, {@code (body)}). */
  public String field() {
    return field;
  }

  /** 1-based line where reading stopped; 0 when the problem is not at a line. */
  public long line() {
    return line;
  }

  public String reason() {
    return getMessage();
  }
}
