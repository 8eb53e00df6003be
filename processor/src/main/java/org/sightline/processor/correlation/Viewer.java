package org.sightline.processor.correlation;

import java.util.Locale;
import java.util.Objects;
import org.sightline.topics.Topics;

/**
 * Who looks at the correlation state, for disclosure: the secretariat (sees everything), a member
 * country (every agency of that country reads its alert topic, so it sees what all of them may
 * see), or one agency (its own sightings in full, besides what its country may see).
 *
 * @param country ISO 3166-1 alpha-2; null for the secretariat
 * @param agency the agency's id; null unless the viewer is one agency
 */
public record Viewer(String country, String agency) {

  public static final Viewer SECRETARIAT = new Viewer(null, null);

  /** The recipient word of an agency's own alerts: {@code agency:<id>}. */
  public static final String AGENCY_PREFIX = "agency:";

  public Viewer {
    if (agency != null) {
      Objects.requireNonNull(country, "an agency viewer's country");
    }
  }

  public static Viewer country(String country) {
    return new Viewer(Objects.requireNonNull(country), null);
  }

  public static Viewer agency(String agency, String country) {
    return new Viewer(country, Objects.requireNonNull(agency));
  }

  public boolean isSecretariat() {
    return country == null;
  }

  /**
   * The alert recipient it reads as: {@code secretariat}, {@code NL} or {@code agency:nl-police}.
   */
  public String recipient() {
    if (isSecretariat()) {
      return Topics.SECRETARIAT;
    }
    return agency == null ? country : AGENCY_PREFIX + agency;
  }

  /**
   * A viewer named in a request of the consumers: {@code secretariat}, {@code country:NL} or {@code
   * agency:nl-police} (its country from the member directory, {@code agencyCountry}). Throws an
   * {@link IllegalArgumentException} naming the problem.
   */
  public static Viewer parse(
      String text, java.util.function.Function<String, String> agencyCountry) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "viewer is required: secretariat, country:<CC> or agency:<id>");
    }
    String t = text.strip();
    if (t.equalsIgnoreCase(Topics.SECRETARIAT)) {
      return SECRETARIAT;
    }
    if (t.startsWith("country:") && t.length() == "country:".length() + 2) {
      return country(t.substring("country:".length()).toUpperCase(Locale.ROOT));
    }
    if (t.startsWith(AGENCY_PREFIX)) {
      String id = t.substring(AGENCY_PREFIX.length());
      String country = agencyCountry.apply(id);
      if (country == null) {
        throw new IllegalArgumentException("viewer: no agency '" + id + "' in the directory");
      }
      return agency(id, country);
    }
    throw new IllegalArgumentException(
        "viewer '" + t + "' is not secretariat, country:<CC> or agency:<id>");
  }

  @Override
  public String toString() {
    return recipient();
  }
}
