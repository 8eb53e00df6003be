package org.sightline.consumers.alerts;

import java.util.Optional;

/**
 * Where alerts stand (acknowledged, assigned), as the analysts' actions left them: what the history
 * shows beside each alert and filters on. Implemented by the actions feature, which depends on this
 * package and not the other way round.
 */
public interface AlertStandings {

  /** Where one alert of {@code recipient} stands, if anyone has acted on it. */
  Optional<ActionState> state(String recipient, String alertId);
}
