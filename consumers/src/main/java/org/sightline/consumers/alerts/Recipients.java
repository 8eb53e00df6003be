package org.sightline.consumers.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sightline.consumers.BadParameterException;
import org.sightline.members.CountryCode;
import org.sightline.members.LiveMemberDirectory;
import org.sightline.members.MemberDirectory;
import org.sightline.topics.Topics;

/** Who may be asked for: a member country, one agency's own alerts, or the secretariat. */
@ApplicationScoped
public class Recipients {

  private final LiveMemberDirectory members;

  Recipients(LiveMemberDirectory members) {
    this.members = members;
  }

  /**
   * Every recipient: countries (sorted), then agencies' own ({@code agency:<id>}), then the
   * secretariat.
   */
  public List<String> all() {
    List<String> all = new ArrayList<>();
    MemberDirectory now = members.get();
    now.countries().forEach(c -> all.add(c.value()));
    now.agencies().forEach(a -> all.add(Topics.AGENCY_RECIPIENT_PREFIX + a.id().value()));
    all.add(Topics.SECRETARIAT);
    return List.copyOf(all);
  }

  /** The canonical recipient named by the {@code country} parameter, or a 400 naming it. */
  public String parse(String country) {
    if (country == null || country.isBlank()) {
      throw new BadParameterException(
          "query parameter 'country' is required: a member country code such as NL, or "
              + Topics.SECRETARIAT);
    }
    if (Topics.SECRETARIAT.equals(country.strip().toLowerCase(Locale.ROOT))) {
      return Topics.SECRETARIAT;
    }
    if (country.strip().startsWith(Topics.AGENCY_RECIPIENT_PREFIX)) {
      String id = country.strip().substring(Topics.AGENCY_RECIPIENT_PREFIX.length());
      if (members.get().agencies().stream().noneMatch(a -> a.id().value().equals(id))) {
        throw new BadParameterException("query parameter 'country': no agency '" + id + "'");
      }
      return Topics.AGENCY_RECIPIENT_PREFIX + id;
    }
    CountryCode code;
    try {
      code = CountryCode.of(country);
    } catch (IllegalArgumentException e) {
      throw new BadParameterException("query parameter 'country': " + e.getMessage());
    }
    if (!members.get().countries().contains(code)) {
      throw new BadParameterException(
          "query parameter 'country': " + code.value() + " is not a member country");
    }
    return code.value();
  }
}
