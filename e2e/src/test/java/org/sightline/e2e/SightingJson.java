package org.sightline.e2e;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A URL sighting as an agency's system posts it to the intake. Only the fields a test varies are
 * settable; everything else is a valid default (CSAM, confidence 70, TLP:GREEN, observed a minute
 * ago). Values are test-made (ids, URLs of reserved {@code .example} names), so no JSON escaping is
 * needed.
 */
final class SightingJson {

  private final String id;
  private final String url;
  private String category = "CSAM";
  private String tlp = "GREEN";
  private String caseRef;
  private String hostingCountry;
  private Instant observedAt;

  private SightingJson(String id, String url) {
    this.id = id;
    this.url = url;
  }

  static SightingJson url(String id, String url) {
    return new SightingJson(id, url);
  }

  SightingJson tlp(String tlp) {
    this.tlp = tlp;
    return this;
  }

  SightingJson category(String category) {
    this.category = category;
    return this;
  }

  SightingJson caseRef(String caseRef) {
    this.caseRef = caseRef;
    return this;
  }

  /** When it was observed; a minute ago by default. */
  SightingJson observedAt(Instant at) {
    this.observedAt = at;
    return this;
  }

  SightingJson hostedIn(String country) {
    this.hostingCountry = country;
    return this;
  }

  @Override
  public String toString() {
    StringBuilder json =
        new StringBuilder()
            .append("{\"id\":\"")
            .append(id)
            .append("\",\"observedAt\":\"")
            .append(
                (observedAt == null ? Instant.now().minus(1, ChronoUnit.MINUTES) : observedAt)
                    .truncatedTo(ChronoUnit.SECONDS))
            .append("\",\"indicator\":{\"type\":\"url\",\"value\":\"")
            .append(url)
            .append("\"},\"category\":\"")
            .append(category)
            .append("\",\"confidence\":70,\"tlp\":\"")
            .append(tlp)
            .append('"');
    if (caseRef != null) {
      json.append(",\"caseRef\":\"").append(caseRef).append('"');
    }
    if (hostingCountry != null) {
      json.append(",\"hostingCountry\":\"").append(hostingCountry).append('"');
    }
    return json.append('}').toString();
  }
}
