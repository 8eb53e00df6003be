package org.sightline.processor.topology;

import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Rejection;

/** The outcome of a stage that may refuse a record: the record to go on with, or its rejection. */
public sealed interface Decoded {

  /**
   * @param inPlace whether the record is already in the partition of its locality (keyed by it);
   *     one that is not is moved there before anything else
   */
  record Accepted(AttributedEvent event, boolean inPlace) implements Decoded {
    public Accepted(AttributedEvent event) {
      this(event, true);
    }
  }

  record Rejected(Rejection rejection) implements Decoded {}

  default boolean accepted() {
    return this instanceof Accepted;
  }
}
