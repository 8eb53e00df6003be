package org.sightline.processor.correlation;

import java.util.Comparator;
import java.util.List;
import org.sightline.schema.AgencyView;
import org.sightline.schema.LinkView;
import org.sightline.schema.SightingFacts;
import org.sightline.schema.Tlp;

/**
 * One agency's part in a match: whose it is, the sightings it rests on (with what each may be shown
 * to whom, see {@link Disclosure}), and for a link, which of its indicators it brings.
 */
public record Party(
    String agencyId,
    String country,
    List<SightingFacts> facts,
    List<String> sightingIds,
    String linkedIndicator) {

  static Party of(AgencyView view) {
    return new Party(
        view.getAgencyId(), view.getCountry(), Facts.of(view), view.getSightingIds(), null);
  }

  static Party of(LinkView link) {
    return new Party(
        link.getAgencyId(),
        link.getCountry(),
        Facts.of(link),
        link.getSightingIds(),
        link.getSource());
  }

  /** The most restrictive TLP among its sightings. */
  public Tlp tlp() {
    return facts.stream().map(SightingFacts::getTlp).max(Comparator.naturalOrder()).orElseThrow();
  }

  /** Whether the viewer sees none of its sightings. */
  boolean hiddenFrom(Viewer viewer) {
    return facts.stream()
        .allMatch(f -> Disclosure.of(agencyId, country, f, viewer) == Disclosure.Level.HIDDEN);
  }

  /** Whether the viewer gets some of its sightings without their case reference. */
  boolean limitedFor(Viewer viewer) {
    return facts.stream()
        .anyMatch(
            f -> Disclosure.of(agencyId, country, f, viewer) == Disclosure.Level.NO_CASE_REFERENCE);
  }

  /**
   * How its sharing is restricted, in words an analyst reads beside the alert ({@code "TLP:AMBER"},
   * {@code "shared with BR, US only"}), or null when it is not.
   */
  String restriction() {
    Tlp tlp = tlp();
    java.util.TreeSet<String> named = new java.util.TreeSet<>();
    facts.forEach(f -> named.addAll(f.getShareWith()));
    StringBuilder out = new StringBuilder();
    if (tlp.compareTo(Tlp.GREEN) > 0) {
      out.append("TLP:").append(tlp == Tlp.AMBER_STRICT ? "AMBER+STRICT" : tlp.name());
    }
    if (!named.isEmpty()) {
      out.append(out.length() > 0 ? ", " : "")
          .append("shared with ")
          .append(String.join(", ", named))
          .append(" only");
    }
    return out.length() == 0 ? null : out.toString();
  }
}
