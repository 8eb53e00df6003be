package org.sightline.consumers.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sightline.consumers.BadParameterException;
import org.sightline.consumers.actions.AlertActions;
import org.sightline.consumers.alerts.ActionState;
import org.sightline.consumers.alerts.AlertFeed;
import org.sightline.consumers.alerts.AlertView;
import org.sightline.consumers.alerts.Recipients;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.consumers.iwol.IwolList;
import org.sightline.topics.Topics;

/** The secretariat dashboard's series, aggregated per minute; the page polls it. */
@Path("/api/v1/dashboard")
public class DashboardResource {

  static final int DEFAULT_MINUTES = 60;
  static final int MAX_MINUTES = 360;

  private final MetricsReader metrics;
  private final AlertStats alerts;
  private final IwolHistory iwol;
  private final IwolList list;
  private final ProcessorLag lag;
  private final SignedIn signedIn;
  private final AlertFeed feed;
  private final AlertActions actions;
  private final Recipients recipients;

  DashboardResource(
      MetricsReader metrics,
      AlertStats alerts,
      IwolHistory iwol,
      IwolList list,
      ProcessorLag lag,
      SignedIn signedIn,
      AlertFeed feed,
      AlertActions actions,
      Recipients recipients) {
    this.feed = feed;
    this.actions = actions;
    this.recipients = recipients;
    this.signedIn = signedIn;
    this.metrics = metrics;
    this.alerts = alerts;
    this.iwol = iwol;
    this.list = list;
    this.lag = lag;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public DashboardView dashboard(@QueryParam("minutes") String minutesParam) {
    signedIn.requireSecretariat();
    Minutes minutes = Minutes.endingAt(Instant.now(), parseMinutes(minutesParam));
    MetricCounts counts = metrics.counts();
    // Alert counts from the secretariat's copies only: every alert reaches it exactly once.
    return new DashboardView(
        headline(),
        minutes.starts(),
        counts.sum("sightings", d -> true, "country", minutes),
        counts.sum("sightings", d -> true, "type", minutes),
        counts.sum("alerts", DashboardResource::toSecretariat, "reason", minutes),
        counts.total(
            "alerts",
            d -> toSecretariat(d) && "CROSS_BORDER_MATCH".equals(d.get("reason")),
            minutes),
        // A hit/no-hit notice goes to a country, never to the secretariat (it sees everything).
        counts.total("alerts", d -> "HIT_NO_HIT".equals(d.get("disclosure")), minutes),
        iwol.sizes(minutes, list.size()),
        iwol.changes(minutes),
        alerts.matrix(),
        alerts.hostedToAlert(minutes),
        alerts.publishToAlert(minutes),
        lag.view(minutes));
  }

  /**
   * The headline counts the newest alerts of each country, not its whole year: it is asked every 5
   * s, and what is open now is what arrived lately.
   */
  static final int HEADLINE_PER_COUNTRY = 1000;

  /** The member countries' newest alerts, and where each stands. */
  private Headline headline() {
    Map<String, List<AlertView>> held = new HashMap<>();
    Map<String, List<ActionState>> states = new HashMap<>();
    int perCountry = HEADLINE_PER_COUNTRY;
    for (String recipient : recipients.all()) {
      if (Topics.SECRETARIAT.equals(recipient)
          || recipient.startsWith(Topics.AGENCY_RECIPIENT_PREFIX)) {
        continue; // the secretariat's copies and agencies' own would count an alert twice
      }
      held.put(recipient, feed.recent(recipient, perCountry));
      states.put(recipient, actions.states(recipient));
    }
    return Headline.count(perCountry, held, states);
  }

  private static boolean toSecretariat(Map<String, String> dimensions) {
    return Topics.SECRETARIAT.equals(dimensions.get("recipient"));
  }

  static int parseMinutes(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_MINUTES;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= MAX_MINUTES) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw new BadParameterException(
        "query parameter 'minutes' must be a whole number from 1 to " + MAX_MINUTES);
  }
}
