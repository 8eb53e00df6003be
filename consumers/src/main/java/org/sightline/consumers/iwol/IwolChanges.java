package org.sightline.consumers.iwol;

/**
 * Told of every change of the "worst of" list as it is read, with the time the processor wrote it
 * (so a restart tells the same story again). Implemented by the dashboard, which depends on this
 * package and not the other way round.
 */
public interface IwolChanges {

  void changed(long atMillis, int sizeAfter);
}
