package org.sightline.processor.correlation;

import org.sightline.schema.AttributedEvent;
import org.sightline.schema.Erasure;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;

/** The sighting an event is about, whichever of a sighting, a retraction or an erasure it is. */
public final class SightingIds {

  private SightingIds() {}

  /** The sender-chosen id (unique per agency, not across agencies). */
  public static String of(AttributedEvent event) {
    Object payload = event.getPayload();
    if (payload instanceof Sighting s) {
      return s.getId();
    }
    if (payload instanceof Retraction r) {
      return r.getSightingId();
    }
    if (payload instanceof Erasure e) {
      return e.getSightingId();
    }
    throw new IllegalArgumentException("no sighting in " + payload);
  }
}
