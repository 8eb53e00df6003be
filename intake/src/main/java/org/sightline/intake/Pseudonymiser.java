package org.sightline.intake;

import jakarta.inject.Singleton;
import java.util.List;
import org.sightline.indicator.FederationKey;
import org.sightline.indicator.Pseudonyms;
import org.sightline.schema.Indicator;
import org.sightline.schema.Sighting;

/**
 * When the intake holds the federation key, it replaces every e-mail address, phone number and
 * username of a sighting (its indicator and its related ones) by the keyed-HMAC pseudonym before
 * the sighting is written: none reaches the broker in clear. Without a key it changes nothing.
 */
@Singleton
public class Pseudonymiser {

  private final FederationKey key;

  Pseudonymiser(IntakeConfig config) {
    this.key = config.federationKeyFile().map(FederationKey::load).orElse(null);
  }

  public boolean enabled() {
    return key != null;
  }

  /**
   * The sighting as it is written. It has passed validation, so every identifier canonicalises.
   *
   * @param region the reporting agency's country, for phone numbers without a country code
   */
  public Sighting apply(Sighting sighting, String region) {
    if (key == null) {
      return sighting;
    }
    List<Indicator> related =
        sighting.getRelated().stream().map(r -> Pseudonyms.pseudonymise(r, region, key)).toList();
    return Sighting.newBuilder(sighting)
        .setIndicator(Pseudonyms.pseudonymise(sighting.getIndicator(), region, key))
        .setRelated(related)
        .build();
  }

  /** One indicator as it is written (and so as it is looked up). */
  public Indicator apply(Indicator indicator, String region) {
    return key == null ? indicator : Pseudonyms.pseudonymise(indicator, region, key);
  }
}
