package org.sightline.processor.topology;

import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Rejection;

/** The outcome of a stage that may refuse a record: the record to go on with, or its rejection. */
public sealed interface Decoded {

  record Accepted(AttributedEvent event) implements Decoded {}

  record Rejected(Rejection rejection) implements Decoded {}

  default boolean accepted() {
    return this instanceof Accepted;
  }
}
