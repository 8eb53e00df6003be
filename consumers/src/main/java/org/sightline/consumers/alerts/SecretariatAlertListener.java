package org.sightline.consumers.alerts;

/**
 * Told of every alert the secretariat receives (each alert once, in full), as it arrives and, on
 * start, of every alert the history holds. Implemented by the dashboard, which depends on this
 * package and not the other way round.
 */
public interface SecretariatAlertListener {

  /**
   * @param publishedAt when the alert's record was written (the processor's timestamp)
   * @param arrivedAt when this service read it, or 0 for an alert replayed from the history
   */
  void accept(AlertView alert, long publishedAt, long arrivedAt);
}
