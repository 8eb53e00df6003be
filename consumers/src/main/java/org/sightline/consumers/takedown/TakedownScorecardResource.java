package org.sightline.consumers.takedown;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sightline.consumers.actions.AlertActions;
import org.sightline.consumers.alerts.ActionState;
import org.sightline.consumers.alerts.AlertFeed;
import org.sightline.consumers.alerts.AlertStore;
import org.sightline.consumers.alerts.AlertView;
import org.sightline.consumers.alerts.Recipients;
import org.sightline.consumers.auth.SignedIn;
import org.sightline.topics.Topics;

/**
 * {@code GET /api/v1/dashboard/takedowns}: the secretariat's per-country response scorecard over
 * the newest {@value #PER_COUNTRY} HOSTED_IN_YOUR_COUNTRY alerts of the last {@value #DAYS} days of
 * each member country ({@link TakedownScorecard}). Aggregate counts and times, as the dashboard's
 * other charts: not audited per look.
 */
@Path("/api/v1/dashboard/takedowns")
public class TakedownScorecardResource {

  static final int PER_COUNTRY = 1000;
  static final int DAYS = 30;

  private final SignedIn signedIn;
  private final AlertFeed feed;
  private final AlertActions actions;
  private final Recipients recipients;

  TakedownScorecardResource(
      SignedIn signedIn, AlertFeed feed, AlertActions actions, Recipients recipients) {
    this.signedIn = signedIn;
    this.feed = feed;
    this.actions = actions;
    this.recipients = recipients;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> scorecard() {
    signedIn.requireSecretariat();
    Instant since = Instant.now().minus(Duration.ofDays(DAYS));
    List<TakedownScorecard.Row> rows =
        recipients.all().stream()
            .filter(r -> !Topics.SECRETARIAT.equals(r))
            .filter(r -> !r.startsWith(Topics.AGENCY_RECIPIENT_PREFIX))
            .map(country -> row(country, since))
            .filter(row -> row.alerts() > 0)
            .toList();
    return Map.of("days", DAYS, "perCountry", PER_COUNTRY, "countries", rows);
  }

  private TakedownScorecard.Row row(String country, Instant since) {
    List<AlertView> hosted =
        feed.page(
                country,
                new AlertStore.Query(
                    since, null, null, a -> "HOSTED_IN_YOUR_COUNTRY".equals(a.reason())),
                null,
                PER_COUNTRY)
            .alerts();
    Map<String, ActionState> states = new HashMap<>();
    actions.states(country).forEach(s -> states.put(s.alertId(), s));
    return TakedownScorecard.row(country, hosted, states);
  }
}
