package org.sightline.processor.correlation;

import java.util.List;
import org.sightline.schema.AgencyView;
import org.sightline.schema.LinkView;
import org.sightline.schema.Tlp;

/**
 * One agency's part in a match, as far as disclosure is concerned: whose it is, under which TLP,
 * with which sightings, and (for a link) which of its indicators it brings.
 */
public record Party(
    String agencyId, String country, Tlp tlp, List<String> sightingIds, String linkedIndicator) {

  static Party of(AgencyView view) {
    return new Party(
        view.getAgencyId(), view.getCountry(), view.getTlp(), view.getSightingIds(), null);
  }

  static Party of(LinkView link) {
    return new Party(
        link.getAgencyId(),
        link.getCountry(),
        link.getTlp(),
        link.getSightingIds(),
        link.getSource());
  }
}
