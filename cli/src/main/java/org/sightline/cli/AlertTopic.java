package org.sightline.cli;

import java.util.Locale;
import org.sightline.members.AgencyId;
import org.sightline.members.CountryCode;
import org.sightline.members.Principal;
import org.sightline.schema.Alert;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Whose alerts a command reads, and as whom: a country's (or the secretariat's) as that country's
 * own principal, or an agency's own alerts as that agency; the broker refuses any other.
 */
record AlertTopic(TopicSpec<Alert> topic, Principal principal) {

  /**
   * From {@code --country} or {@code --agency}, exactly one of them.
   *
   * @throws IllegalArgumentException naming the option and the reason
   */
  static AlertTopic of(String country, String agency) {
    if ((country == null) == (agency == null)) {
      throw new IllegalArgumentException(
          "give --country XX (or secretariat) or --agency ID, one of them");
    }
    try {
      if (agency != null) {
        AgencyId id = AgencyId.of(agency);
        return new AlertTopic(Topics.alerts(id), Principal.agency(id));
      }
      String recipient =
          Topics.SECRETARIAT.equalsIgnoreCase(country)
              ? Topics.SECRETARIAT
              : country.toUpperCase(Locale.ROOT);
      TopicSpec<Alert> topic = Topics.alertsForRecipient(recipient);
      return new AlertTopic(
          topic,
          topic == Topics.ALERTS_SECRETARIAT
              ? Principal.SECRETARIAT
              : Principal.country(CountryCode.of(country)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (agency != null ? "--agency: " : "--country: ") + e.getMessage(), e);
    }
  }
}
