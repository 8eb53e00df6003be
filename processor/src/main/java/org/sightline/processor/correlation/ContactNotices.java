package org.sightline.processor.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.sightline.alerts.AlertMessage;
import org.sightline.schema.AgencyView;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertAction;
import org.sightline.schema.AlertReason;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.Severity;
import org.sightline.schema.SightingFacts;
import org.sightline.schema.Tlp;

/**
 * Consent behind hit/no-hit. A recipient of a HIT_NO_HIT notice asks for contact (an {@code
 * alerts.actions} record, CONTACT_REQUESTED); every agency whose facts on the indicator are hidden
 * from the asker gets a CONTACT_REQUEST alert on its own topic, naming the asker's country only.
 * The holder accepts (CONTACT_ACCEPTED): the asker's country, and only it, gets a FULL alert with
 * what that holder holds on the indicator — its agency, country, sightings, dates and TLP; or it
 * declines (CONTACT_DECLINED): the asker's country learns that, and nothing else. Each alert's id
 * is derived from the step, so a step read twice raises nothing new.
 *
 * <p>The decisions are taken against the state as it is when the step is read: a holder that has
 * retracted everything since discloses nothing, and the disclosure covers the sightings held then.
 */
public final class ContactNotices {

  /** Attribute: the country that asked for contact. */
  public static final String ASKED_FROM = "askedFrom";

  /** Attribute: the id of the asker's HIT_NO_HIT alert the request was made on. */
  public static final String CONTACT_REQUEST = "contactRequest";

  private ContactNotices() {}

  /**
   * The alerts one contact step raises.
   *
   * @param state the indicator's state now; null when nothing is held (no alert)
   * @param agencyCountry an agency's country from the member directory, or null
   */
  public static List<Alert> of(
      IndicatorState state, AlertAction step, Function<String, String> agencyCountry, Instant now) {
    if (state == null || step.getAction() == null) {
      return List.of();
    }
    return switch (step.getAction()) {
      case CONTACT_REQUESTED -> requests(state, step, agencyCountry, now);
      case CONTACT_ACCEPTED -> accepted(state, step, now);
      case CONTACT_DECLINED -> declined(state, step, now);
      default -> List.of();
    };
  }

  /** To every holder whose facts the asker may not see; naming the asker's country only. */
  private static List<Alert> requests(
      IndicatorState state, AlertAction step, Function<String, String> agencyCountry, Instant now) {
    Viewer asker = viewer(step.getCountry(), agencyCountry);
    if (asker == null || asker.isSecretariat()) {
      return List.of(); // the secretariat sees everything: it has nobody to ask
    }
    List<Alert> alerts = new ArrayList<>();
    for (AgencyView holder : state.getAgencies().values()) {
      if (holder.getAgencyId().equals(asker.agency()) || !LookupNotices.hidesFrom(holder, asker)) {
        continue;
      }
      String recipient = Viewer.AGENCY_PREFIX + holder.getAgencyId();
      alerts.add(
          AlertMessage.CONTACT_REQUEST
              .on(
                  notice(
                      state,
                      recipient,
                      AlertReason.CONTACT_REQUEST,
                      step.getCountry() + "/" + step.getAlertId(),
                      Severity.HIGH,
                      org.sightline.schema.Disclosure.FULL,
                      now),
                  AlertMessage.params("country", asker.country()))
              .setCountries(List.of(asker.country()))
              .setFirstSeen(holder.getFirstSeen())
              .setLastSeen(holder.getLastSeen())
              .setAttributes(
                  Map.of(ASKED_FROM, asker.country(), CONTACT_REQUEST, step.getAlertId()))
              .build());
    }
    return alerts;
  }

  /** To the asker's country: everything the accepting holder holds on the indicator. */
  private static List<Alert> accepted(IndicatorState state, AlertAction step, Instant now) {
    String holderId = holderOf(step);
    String asked = step.getCounterpart();
    AgencyView holder = holderId == null ? null : state.getAgencies().get(holderId);
    if (holder == null || asked == null || asked.isBlank()) {
      return List.of();
    }
    List<String> sightingIds = new ArrayList<>();
    TreeSet<String> categories = new TreeSet<>();
    Tlp strictest = Tlp.CLEAR;
    int count = 0;
    for (SightingFacts f : Facts.of(holder)) {
      if (!Facts.FOLDED.equals(f.getId())) {
        sightingIds.add(f.getId());
      }
      categories.add(f.getCategory().name());
      strictest = f.getTlp().compareTo(strictest) > 0 ? f.getTlp() : strictest;
      count += f.getCount();
    }
    Map<String, String> attributes = new TreeMap<>();
    attributes.put("tlp", AlertDecisions.label(strictest));
    attributes.put("categories", String.join(" ", categories));
    attributes.put(CONTACT_REQUEST, step.getAlertId());
    Alert.Builder notice =
        notice(
            state,
            asked,
            AlertReason.CONTACT_ACCEPTED,
            holderId + "/" + step.getAlertId(),
            Severity.HIGH,
            org.sightline.schema.Disclosure.FULL,
            now);
    return List.of(
        AlertMessage.CONTACT_ACCEPTED
            .on(
                notice,
                AlertMessage.params(
                    "agency", holderId,
                    "holderCountry", holder.getCountry(),
                    "count", String.valueOf(count),
                    "tlp", AlertDecisions.label(strictest),
                    "country", asked))
            .setCountries(List.of(holder.getCountry()))
            .setAgencies(List.of(holderId))
            .setSightingIds(sightingIds)
            .setFirstSeen(holder.getFirstSeen())
            .setLastSeen(holder.getLastSeen())
            .setAttributes(attributes)
            .build());
  }

  /** To the asker's country: a holder declined. Names nobody. */
  private static List<Alert> declined(IndicatorState state, AlertAction step, Instant now) {
    String holderId = holderOf(step);
    String asked = step.getCounterpart();
    if (holderId == null || asked == null || asked.isBlank()) {
      return List.of();
    }
    return List.of(
        AlertMessage.CONTACT_DECLINED
            .on(
                notice(
                    state,
                    asked,
                    AlertReason.CONTACT_DECLINED,
                    holderId + "/" + step.getAlertId(),
                    Severity.LOW,
                    org.sightline.schema.Disclosure.HIT_NO_HIT,
                    now),
                Map.of())
            .setFirstSeen(now)
            .setLastSeen(now)
            .setAttributes(Map.of())
            .build());
  }

  private static Alert.Builder notice(
      IndicatorState state,
      String recipient,
      AlertReason reason,
      String fingerprint,
      Severity severity,
      org.sightline.schema.Disclosure disclosure,
      Instant now) {
    return AlertDecisions.notice(
        state, recipient, reason, reason.name(), fingerprint, severity, disclosure, now);
  }

  /** The agency that decided: the step is on its own alert ({@code agency:<id>}). */
  private static String holderOf(AlertAction step) {
    String recipient = step.getCountry();
    return recipient != null && recipient.startsWith(Viewer.AGENCY_PREFIX)
        ? recipient.substring(Viewer.AGENCY_PREFIX.length())
        : null;
  }

  /** The asker as a viewer: a country, an agency (its country from the directory), or null. */
  private static Viewer viewer(String recipient, Function<String, String> agencyCountry) {
    if (recipient == null) {
      return null;
    }
    if (recipient.startsWith(Viewer.AGENCY_PREFIX)) {
      String agency = recipient.substring(Viewer.AGENCY_PREFIX.length());
      String country = agencyCountry.apply(agency);
      return country == null ? null : Viewer.agency(agency, country);
    }
    if (org.sightline.topics.Topics.SECRETARIAT.equals(recipient)) {
      return Viewer.SECRETARIAT;
    }
    return Viewer.country(recipient);
  }
}
