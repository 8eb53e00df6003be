package org.sightline.alerts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sightline.schema.Alert;

/**
 * What an alert says, as a message key and parameters, so that each reader's console renders it in
 * their language; the English text here is also the alert's {@code message}, for every client that
 * reads the record itself. The console's bundles hold the same keys ({@code alertmsg.<key>}) with
 * the same placeholders in every language (the consumers' {@code MessageBundlesTest} holds them to
 * it, and the English ones to these).
 *
 * <p>A message is composed: the key's text, then — when its parameters carry them — the
 * secretariat's ground ({@code ground}), the countries involved ({@code countries}) and the
 * hit/no-hit sentence ({@code hidden=true}). The console composes the same way.
 */
public enum AlertMessage {
  CROSS_BORDER("crossBorder", "Reported by agencies of {count} countries."),
  MULTI_AGENCY(
      "multiAgency",
      "Reported by more than one agency of the same country: coordinate before acting."),
  HOSTED("hosted", "Reported as hosted in your country: consider a takedown request."),
  IDENTIFIED(
      "identified",
      "Known material: the victim is already identified. Do not open a new victim-identification"
          + " effort; contact the secretariat for the identifying agency."),
  IDENTIFIED_SERIES(
      "identifiedSeries",
      "Known material (series {series}): the victim is already identified. Do not open a new"
          + " victim-identification effort; contact the secretariat for the identifying agency."),
  NEAR_DUPLICATE(
      "nearDuplicate",
      "Another agency reported a near-duplicate of this image (PDQ distance {distance} of at most"
          + " 31): the same material, re-encoded, resized or cropped."),
  LINKED("linked", "Indicators reported by different agencies are linked through {indicator}."),
  HIT_NO_HIT(
      "hitNoHit",
      "Another member holds information on this indicator. Contact the secretariat to deconflict."),
  SUPERSEDED_HIT(
      "supersededHit",
      "An earlier hit/no-hit notice on this indicator no longer holds: the information behind it"
          + " was withdrawn or is no longer held."),
  SUPERSEDED(
      "superseded",
      "A sighting behind an earlier {reason} alert was withdrawn by the agency that reported it;"
          + " that alert no longer holds."),
  OVER_CORRELATED_LIST(
      "overCorrelatedList",
      "Held back: it is on a warning list of known-benign values. Its sightings are kept and"
          + " summarised, but members are no longer alerted for it."),
  OVER_CORRELATED_AGENCIES(
      "overCorrelatedAgencies",
      "Held back: it was reported by more than {max} agencies. Its sightings are kept and"
          + " summarised, but members are no longer alerted for it."),
  CONTACT_REQUEST(
      "contactRequest",
      "A member of {country} was told that this indicator is known and asks to be put in contact"
          + " with its holder. Accept to disclose what you hold on it to {country} (and to nobody"
          + " else), or decline."),
  CONTACT_ACCEPTED(
      "contactAccepted",
      "{agency} ({holderCountry}) accepted your country's request for contact on this indicator"
          + " and discloses what it holds: {count} sighting(s) under TLP {tlp}, for {country}"
          + " only. Contact it directly."),
  CONTACT_DECLINED(
      "contactDeclined",
      "A holder of this indicator declined your country's request for contact for now. Contact"
          + " the secretariat if your cases need deconflicting."),
  LOOKUP_BY_ANALYST(
      "lookupByAnalyst",
      "An analyst of {country} looked up this indicator, which you hold under a TLP or named"
          + " recipients it may not see: it was told the indicator is known, not by whom. Contact"
          + " the secretariat if your cases need deconflicting."),
  LOOKUP_BY_AGENCY(
      "lookupByAgency",
      "An agency of {country} looked up this indicator, which you hold under a TLP or named"
          + " recipients it may not see: it was told the indicator is known, not by whom. Contact"
          + " the secretariat if your cases need deconflicting."),
  IWOL_PROPOSED(
      "iwolProposed",
      "Proposed for the \"worst of\" list: BASELINE_CSAM confirmed by {agencyCount} agencies of"
          + " {countryCount} countries. It is listed when the secretariat approves it."),
  IWOL_LISTED_BY_RULE(
      "iwolListedByRule",
      "Listed in the \"worst of\" list by the rule: BASELINE_CSAM confirmed by {agencyCount}"
          + " agencies of {countryCount} countries."),
  IWOL_LISTED_APPROVED(
      "iwolListedApproved",
      "Listed in the \"worst of\" list, approved by the secretariat ({by}): BASELINE_CSAM"
          + " confirmed by {agencyCount} agencies of {countryCount} countries."),
  IWOL_DELISTED_BY_SECRETARIAT(
      "iwolDelistedBySecretariat",
      "Removed from the \"worst of\" list by the secretariat ({by}). Only sightings observed from"
          + " now on can list it again."),
  IWOL_DELISTED_FELL(
      "iwolDelistedFell",
      "Removed from the \"worst of\" list: its support fell below {minAgencies} agencies of"
          + " {minCountries} countries (sightings withdrawn, or none observed within {days}"
          + " days)."),
  IWOL_WITHDRAWN_FELL(
      "iwolWithdrawnFell",
      "No longer proposed for the \"worst of\" list: its support fell below {minAgencies} agencies"
          + " of {minCountries} countries (sightings withdrawn, or none observed within {days}"
          + " days)."),
  IWOL_DELISTED_FALSE_POSITIVE(
      "iwolDelistedFalsePositive",
      "Removed from the \"worst of\" list: {agencyCount} agencies withdrew their sightings of it as"
          + " false positives."),
  IWOL_WITHDRAWN_FALSE_POSITIVE(
      "iwolWithdrawnFalsePositive",
      "No longer proposed for the \"worst of\" list: {agencyCount} agencies withdrew their"
          + " sightings of it as false positives."),
  IWOL_REJECTED(
      "iwolRejected",
      "Not listed: rejected by the secretariat ({by}). Only sightings observed from now on can"
          + " propose it again."),
  IWOL_SET_ASIDE(
      "iwolSetAside",
      "Set aside by the secretariat ({by}) while awaiting review. Only sightings observed from now"
          + " on can propose it again."),
  IWOL_APPROVED_FELL(
      "iwolApprovedFell",
      "Approved by the secretariat ({by}), but not listed: its support fell below the rule before"
          + " the approval."),
  REAPPEARED_RECORDED(
      "reappearedRecorded",
      "Back online in {country} after its removal: recorded by {by} at {at}. Send the host a new"
          + " notice."),
  REAPPEARED_SIGHTED(
      "reappearedSighted",
      "Back online in {country} after its removal: a sighting observed at {at} shows it hosted"
          + " there again. Send the host a new notice."),
  /** Appended when the parameters carry {@code ground}: the secretariat's own words. */
  GROUND("ground", "Ground: {ground}."),
  /** Appended when the parameters carry {@code countries}. */
  COUNTRIES("countries", "Countries: {countries}.");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  private final String key;
  private final String english;

  AlertMessage(String key, String english) {
    this.key = key;
    this.english = english;
  }

  public String key() {
    return key;
  }

  public String english() {
    return english;
  }

  /** The English text with the parameters put in; a missing one stays as its placeholder. */
  public String render(Map<String, String> params) {
    Matcher m = PLACEHOLDER.matcher(english);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = params.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The whole English message, composed as the console composes it. */
  public String compose(Map<String, String> params) {
    StringBuilder text = new StringBuilder(render(params));
    if (params.containsKey("ground")) {
      text.append(' ').append(GROUND.render(params));
    }
    if (params.containsKey("countries")) {
      text.append(' ').append(COUNTRIES.render(params));
    }
    if ("true".equals(params.get("hidden"))) {
      text.append(' ').append(HIT_NO_HIT.english());
    }
    return text.toString();
  }

  /** Sets the key, the parameters and the English message on an alert being built. */
  public Alert.Builder on(Alert.Builder alert, Map<String, String> params) {
    Map<String, String> copy = new LinkedHashMap<>(params);
    return alert.setMessageKey(key).setMessageParams(copy).setMessage(compose(copy));
  }

  /** Parameters from alternating names and values. */
  public static Map<String, String> params(String... namesAndValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        params.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return params;
  }
}
