package org.sightline.processor.correlation;

import org.sightline.schema.Tlp;
import org.sightline.topics.Topics;

/**
 * What one recipient may learn of one agency's sightings, by TLP 2.0. A pure function, so every
 * cell of the rule table can be tested on its own.
 *
 * <table>
 *   <tr><th>TLP of the sighting</th><th>secretariat</th><th>the agency's own country</th>
 *       <th>another country involved</th></tr>
 *   <tr><td>CLEAR, GREEN</td><td>full</td><td>full</td><td>full</td></tr>
 *   <tr><td>AMBER, AMBER_STRICT</td><td>full</td><td>full</td><td>agency and ids, no case</td></tr>
 *   <tr><td>RED</td><td>full</td><td>full</td><td>hit/no-hit only</td></tr>
 * </table>
 */
public final class Disclosure {

  /** How much of one agency's view a recipient sees. */
  public enum Level {
    FULL,
    NO_CASE_REFERENCE,
    HIT_ONLY
  }

  private Disclosure() {}

  public static Level of(Party party, String recipient) {
    return of(party.country(), party.tlp(), recipient);
  }

  /** What a recipient sees of a sighting of an agency of {@code country} under {@code tlp}. */
  public static Level of(String country, Tlp tlp, String recipient) {
    if (Topics.SECRETARIAT.equals(recipient) || country.equals(recipient)) {
      return Level.FULL;
    }
    return switch (tlp) {
      case CLEAR, GREEN -> Level.FULL;
      case AMBER, AMBER_STRICT -> Level.NO_CASE_REFERENCE;
      case RED -> Level.HIT_ONLY;
    };
  }
}
