package org.sightline.indicator;

/** An indicator that cannot be accepted: names the field at fault and the reason, in words. */
public final class InvalidIndicatorException extends IllegalArgumentException {

  private final String field;
  private final String reason;

  public InvalidIndicatorException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  /**
   * No stack trace: a rejection is an answer about the input, not a fault in the code, and bad
   * input must be cheap to refuse.
   */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
