package org.sightline.sighting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sightline.indicator.CanonicalIndicator;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.members.CountryCode;
import org.sightline.schema.Indicator;
import org.sightline.schema.Sighting;

/**
 * The rules every sighting must pass, applied by the intake (answering 400) and again by the
 * processor (sending what slips through to {@code intake.rejected}): one implementation, so the two
 * never disagree.
 */
public final class SightingValidator {

  public static final int MAX_ID_LENGTH = 128;
  public static final int MAX_VALUE_LENGTH = 4096;
  public static final int MAX_CASE_REF_LENGTH = 256;
  public static final int MAX_RELATED = 64;
  public static final int MAX_SHARE_WITH = 64;

  /** Clocks drift; a sighting observed further in the future than this is a mistake. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

  private SightingValidator() {}

  /**
   * All the problems of this sighting; empty when it is valid. Phone numbers must be in
   * international form.
   */
  public static List<FieldError> validate(Sighting s, Instant now) {
    return validate(s, now, null);
  }

  /**
   * All the problems of this sighting; empty when it is valid. Every indicator (the main one and
   * each related one) is canonicalised, phone numbers without a country code read in {@code
   * defaultRegion} (ISO 3166 alpha-2, the reporting agency's country; null for none).
   */
  public static List<FieldError> validate(Sighting s, Instant now, String defaultRegion) {
    return check(s, now, defaultRegion).errors();
  }

  /**
   * What {@link #validate(Sighting, Instant, String)} finds, and the canonical forms it made on the
   * way, so that a caller that needs them does not canonicalise every indicator a second time.
   *
   * @param indicator the main indicator's canonical form, null when it is invalid
   * @param related each related indicator's, in order (null for an invalid one)
   */
  public record Checked(
      List<FieldError> errors, CanonicalIndicator indicator, List<CanonicalIndicator> related) {}

  public static Checked check(Sighting s, Instant now, String defaultRegion) {
    List<FieldError> errors = new ArrayList<>();
    String id = s.getId();
    if (id == null || id.isBlank()) {
      errors.add(
          new FieldError("id", "is required: choose one per sighting so a retry is recognised"));
    } else if (id.length() > MAX_ID_LENGTH) {
      errors.add(new FieldError("id", "is longer than " + MAX_ID_LENGTH + " characters"));
    } else if (!id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      errors.add(new FieldError("id", "may contain only printable ASCII without spaces"));
    }
    if (s.getObservedAt() == null) {
      errors.add(new FieldError("observedAt", "is required"));
    } else if (s.getObservedAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
      errors.add(new FieldError("observedAt", "is in the future (" + s.getObservedAt() + ")"));
    }
    if (s.getConfidence() < 0 || s.getConfidence() > 100) {
      errors.add(
          new FieldError("confidence", "must be between 0 and 100, was " + s.getConfidence()));
    }
    if (s.getTlp() == null) {
      errors.add(new FieldError("tlp", "is required (CLEAR, GREEN, AMBER, AMBER_STRICT or RED)"));
    }
    if (s.getCaseRef() != null && s.getCaseRef().length() > MAX_CASE_REF_LENGTH) {
      errors.add(
          new FieldError("caseRef", "is longer than " + MAX_CASE_REF_LENGTH + " characters"));
    }
    if (s.getHostingCountry() != null && !CountryCode.isValid(s.getHostingCountry())) {
      errors.add(
          new FieldError(
              "hostingCountry",
              "'" + s.getHostingCountry() + "' is not an ISO 3166-1 alpha-2 code such as NL"));
    }
    List<String> shareWith = s.getShareWith();
    if (shareWith != null) {
      if (shareWith.size() > MAX_SHARE_WITH) {
        errors.add(new FieldError("shareWith", "names more than " + MAX_SHARE_WITH + " countries"));
      }
      for (int i = 0; i < shareWith.size() && i < MAX_SHARE_WITH; i++) {
        String country = shareWith.get(i);
        if (country == null || !CountryCode.isValid(country)) {
          errors.add(
              new FieldError(
                  "shareWith[" + i + "]",
                  "'" + country + "' is not an ISO 3166-1 alpha-2 code such as BR"));
        }
      }
    }
    CanonicalIndicator own =
        validateIndicator("indicator", s.getIndicator(), defaultRegion, errors);
    List<Indicator> related = s.getRelated();
    List<CanonicalIndicator> canonicalRelated = new ArrayList<>();
    if (related != null) {
      if (related.size() > MAX_RELATED) {
        errors.add(new FieldError("related", "has more than " + MAX_RELATED + " indicators"));
      } else {
        for (int i = 0; i < related.size(); i++) {
          canonicalRelated.add(
              validateIndicator("related[" + i + "]", related.get(i), defaultRegion, errors));
        }
      }
    }
    return new Checked(errors, own, java.util.Collections.unmodifiableList(canonicalRelated));
  }

  private static CanonicalIndicator validateIndicator(
      String path, Indicator indicator, String defaultRegion, List<FieldError> errors) {
    if (indicator == null || indicator.getType() == null) {
      errors.add(new FieldError(path + ".type", "is required"));
      return null;
    }
    if (indicator.getValue() != null && indicator.getValue().length() > MAX_VALUE_LENGTH) {
      errors.add(
          new FieldError(path + ".value", "is longer than " + MAX_VALUE_LENGTH + " characters"));
      return null;
    }
    try {
      return Canonicalizer.canonicalize(indicator, defaultRegion);
    } catch (InvalidIndicatorException e) {
      String field =
          e.field().startsWith("indicator")
              ? e.field().replaceFirst("^indicator", path)
              : e.field();
      errors.add(new FieldError(field, e.reason()));
      return null;
    }
  }
}
