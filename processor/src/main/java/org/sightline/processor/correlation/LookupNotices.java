package org.sightline.processor.correlation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sightline.alerts.AlertMessage;
import org.sightline.schema.AgencyView;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.Severity;
import org.sightline.schema.SightingFacts;

/**
 * Deconfliction the other way round: when an agency looks up an indicator and some of its facts are
 * not the asker's to see (TLP RED, AMBER+STRICT, named recipients that leave its country out), the
 * asker learns only that it is known, and each agency holding those facts learns that a member of
 * the asker's country asked — on its own alert topic, as a HIT_NO_HIT notice that names the asker's
 * country, never the asking agency or its case. At most one notice per holder, asking agency,
 * indicator and UTC day: a drive triaged twice does not double the notices.
 */
public final class LookupNotices {

  /** The alert attribute that tells a lookup notice from a correlation's hit/no-hit notice. */
  public static final String TRIGGER = "trigger";

  public static final String LOOKUP = "lookup";

  private LookupNotices() {}

  /**
   * The notices one looked-up indicator raises.
   *
   * @param state the indicator's state; null when it is not known (no notice)
   * @param asker the asking agency, as a viewer (its own country)
   */
  public static List<Alert> of(IndicatorState state, Viewer asker, String requestId, Instant now) {
    List<Alert> notices = new ArrayList<>();
    if (state == null || asker.isSecretariat()) {
      return notices;
    }
    String day = now.truncatedTo(ChronoUnit.DAYS).toString();
    for (AgencyView holder : state.getAgencies().values()) {
      if (holder.getAgencyId().equals(asker.agency()) || !hidesFrom(holder, asker)) {
        continue;
      }
      String recipient = Viewer.AGENCY_PREFIX + holder.getAgencyId();
      notices.add(
          (asker.agency() == null ? AlertMessage.LOOKUP_BY_ANALYST : AlertMessage.LOOKUP_BY_AGENCY)
              .on(
                  AlertDecisions.notice(
                      state,
                      recipient,
                      AlertReason.HIT_NO_HIT,
                      AlertReason.HIT_NO_HIT.name() + "/" + LOOKUP,
                      (asker.agency() == null ? asker.recipient() : asker.agency()) + "/" + day,
                      Severity.MEDIUM,
                      org.sightline.schema.Disclosure.FULL,
                      now),
                  AlertMessage.params("country", asker.country()))
              .setCountries(List.of(asker.country()))
              .setFirstSeen(holder.getFirstSeen())
              .setLastSeen(holder.getLastSeen())
              .setAttributes(
                  Map.of(TRIGGER, LOOKUP, "askedFrom", asker.country(), "requestId", requestId))
              .build());
    }
    return notices;
  }

  /** Whether the asker may not see at least one of the holder's sightings. */
  static boolean hidesFrom(AgencyView holder, Viewer asker) {
    for (SightingFacts f : Facts.of(holder)) {
      if (Disclosure.of(holder.getAgencyId(), holder.getCountry(), f, asker)
          == Disclosure.Level.HIDDEN) {
        return true;
      }
    }
    return false;
  }
}
