package org.sightline.consumers;

/** A query parameter that is missing or unusable; the message names it. Answered with 400. */
public final class BadParameterException extends RuntimeException {

  public BadParameterException(String message) {
    super(message);
  }
}
