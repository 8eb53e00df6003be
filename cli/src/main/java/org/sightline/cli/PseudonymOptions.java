package org.sightline.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.sightline.indicator.FederationKey;
import org.sightline.indicator.Pseudonyms;
import picocli.CommandLine.Option;

/**
 * How a command pseudonymises personal identifiers on the agency's machine, before anything is
 * sent: {@code --federation-key FILE} and {@code --country XX} (how to read a phone number without
 * a country code). The same for publishing, importing and looking up, so a lookup of an address
 * finds the sightings published with it. A picocli mixin.
 */
final class PseudonymOptions {

  @Option(
      names = "--federation-key",
      paramLabel = "FILE",
      description = {
        "Replace e-mail addresses, phone numbers and usernames by their keyed-HMAC pseudonyms",
        "on this machine, before anything is sent (the federation key, Base64, in FILE)"
      })
  Path federationKey;

  @Option(
      names = "--country",
      paramLabel = "XX",
      description = "The agency's country: how to read phone numbers without a country code")
  String country;

  /**
   * The federation key, or null when none was given.
   *
   * @throws IllegalArgumentException naming {@code --federation-key} and what is wrong with it
   */
  FederationKey key() {
    if (federationKey == null) {
      return null;
    }
    try {
      return FederationKey.load(federationKey);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new IllegalArgumentException("--federation-key: " + e.getMessage(), e);
    }
  }

  /** A sighting (its indicator and related ones) pseudonymised in place, when a key was given. */
  void pseudonymiseSighting(ObjectNode sighting, FederationKey key) {
    if (key != null) {
      Pseudonyms.pseudonymiseJson(sighting, country, key);
    }
  }

  /** One indicator pseudonymised in place, when a key was given. */
  void pseudonymiseIndicator(ObjectNode indicator, String field, FederationKey key) {
    if (key != null) {
      Pseudonyms.pseudonymiseNode(indicator, field, country, key);
    }
  }
}
