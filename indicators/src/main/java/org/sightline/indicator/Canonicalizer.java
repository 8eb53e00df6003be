package org.sightline.indicator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;

/**
 * Canonical keys for every indicator type: the one implementation the intake and the processor
 * share, so that they can never disagree on a key. Thread-safe, static, no I/O at call time (the
 * public suffix list and the phone metadata are bundled in the libraries' jars).
 *
 * <p>Every rejection is an {@link InvalidIndicatorException} naming the field ({@code
 * indicator.value}, {@code indicator.chain}, {@code indicator.platform}, {@code indicator.quality},
 * {@code indicator.type} or {@code defaultRegion}) and the reason in one line. No other exception
 * escapes, whatever the input.
 */
public final class Canonicalizer {

  public static final String VALUE = "indicator.value";
  public static final String QUALITY = "indicator.quality";
  public static final String TYPE = "indicator.type";

  /** Longest value accepted, in chars (the same limit as {@code SightingValidator}). */
  public static final int MAX_VALUE_LENGTH = 4096;

  private Canonicalizer() {}

  /**
   * The canonical form of an indicator.
   *
   * @param defaultRegion ISO 3166 alpha-2 code used to read phone numbers written without their
   *     country code (usually the reporting agency's country), or null: then a phone number must be
   *     in international form
   */
  public static CanonicalIndicator canonicalize(Indicator indicator, String defaultRegion) {
    if (indicator == null || indicator.getType() == null) {
      throw new InvalidIndicatorException(TYPE, "is required");
    }
    return guarded(
        () ->
            unguarded(
                indicator.getType(),
                indicator.getValue(),
                indicator.getQualifier(),
                indicator.getQuality(),
                defaultRegion));
  }

  /**
   * The canonical form of a value given with its type as the CLI writes it: {@code url}, {@code
   * md5}, ..., {@code wallet:<chain>}, {@code username:<platform>}.
   */
  public static CanonicalIndicator canonicalize(String type, String value, String defaultRegion) {
    return guarded(() -> canonicalizeUnguarded(type, value, defaultRegion));
  }

  /** The accepted type words, for messages and help. */
  public static List<String> typeWords() {
    return Arrays.stream(IndicatorType.values())
        .map(
            t ->
                switch (t) {
                  case WALLET -> "wallet:<chain>";
                  case USERNAME -> "username:<platform>";
                  default -> t.name().toLowerCase(Locale.ROOT);
                })
        .collect(Collectors.toList());
  }

  /** The supported wallet chains (canonical names). */
  public static Set<String> chains() {
    return Set.copyOf(Wallets.CHAINS.values());
  }

  /** The supported username platforms (canonical names). */
  public static Set<String> platforms() {
    return Usernames.PLATFORMS.keySet();
  }

  static CanonicalIndicator canonicalizeUnguarded(String type, String value, String defaultRegion) {
    if (type == null || type.isBlank()) {
      throw new InvalidIndicatorException(TYPE, "is required");
    }
    String t = type.strip().toLowerCase(Locale.ROOT);
    String qualifier = null;
    int colon = t.indexOf(':');
    if (colon >= 0) {
      qualifier = type.strip().substring(colon + 1);
      t = t.substring(0, colon);
    }
    IndicatorType parsed = null;
    for (IndicatorType candidate : IndicatorType.values()) {
      if (candidate.name().toLowerCase(Locale.ROOT).equals(t)) {
        parsed = candidate;
      }
    }
    if (parsed == null) {
      throw new InvalidIndicatorException(
          TYPE,
          Text.quote(type.strip())
              + " is not an indicator type: "
              + String.join(", ", typeWords()));
    }
    if (qualifier != null && parsed != IndicatorType.WALLET && parsed != IndicatorType.USERNAME) {
      throw new InvalidIndicatorException(
          TYPE, "only wallet:<chain> and username:<platform> take a qualifier, not " + t);
    }
    return unguarded(parsed, value, qualifier, null, defaultRegion);
  }

  static CanonicalIndicator unguarded(
      IndicatorType type, String value, String qualifier, Integer quality, String defaultRegion) {
    if (value == null) {
      throw new InvalidIndicatorException(VALUE, "is empty");
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new InvalidIndicatorException(
          VALUE, "is longer than " + MAX_VALUE_LENGTH + " characters");
    }
    Text.requireWellFormed(VALUE, value);
    if (value.isBlank()) {
      throw new InvalidIndicatorException(VALUE, "is empty");
    }
    if (quality != null) {
      if (type != IndicatorType.PDQ) {
        throw new InvalidIndicatorException(
            QUALITY,
            "applies to pdq hashes only, not to a " + type.name().toLowerCase(Locale.ROOT));
      }
      if (quality < 0 || quality > 100) {
        throw new InvalidIndicatorException(QUALITY, "must be between 0 and 100, was " + quality);
      }
    }
    if (Pseudonyms.isPersonal(type) && Pseudonyms.isPseudonym(value)) {
      return Pseudonyms.canonical(type, qualifier, value);
    }
    return switch (type) {
      case URL -> Urls.canonicalize(VALUE, value);
      case DOMAIN -> domain(value);
      case HOST -> host(value);
      case IP -> ip(value);
      case MD5, SHA1, SHA256, PDQ -> Hashes.hex(VALUE, type, value, quality);
      case PHOTODNA -> Hashes.photoDna(VALUE, value);
      case EMAIL -> Emails.canonicalize(VALUE, value);
      case PHONE -> Phones.canonicalize(VALUE, value, defaultRegion);
      case WALLET -> Wallets.canonicalize(VALUE, Wallets.chain(qualifier), value);
      case USERNAME -> Usernames.canonicalize(VALUE, Usernames.platform(qualifier), value);
    };
  }

  /**
   * A domain is keyed by its registrable domain (public suffix + one label): {@code
   * www.example.co.uk} is {@code domain:example.co.uk}, with {@code host:www.example.co.uk}
   * derived. A name whose suffix is not in the list is kept whole and flagged.
   */
  private static CanonicalIndicator domain(String value) {
    Hosts.Host h = Hosts.strict(VALUE, value, "domain");
    if (h.isIp()) {
      throw new InvalidIndicatorException(
          VALUE, "is an IP address, not a domain: use the type ip for " + h.text());
    }
    String name = h.text();
    if (name.indexOf('.') < 0) {
      throw new InvalidIndicatorException(
          VALUE,
          "is a single label " + Text.quote(name) + "; a domain has a suffix, e.g. example.com");
    }
    if (Hosts.isPublicSuffix(name)) {
      throw new InvalidIndicatorException(
          VALUE, "is a public suffix (" + name + "), not a domain anyone registers");
    }
    String registrable = Hosts.registrableDomain(name);
    Set<IndicatorFlag> flags = EnumSet.noneOf(IndicatorFlag.class);
    List<String> derived = new ArrayList<>();
    if (registrable == null) {
      registrable = name;
      flags.add(IndicatorFlag.UNKNOWN_PUBLIC_SUFFIX);
    } else if (!registrable.equals(name)) {
      derived.add("host:" + name);
    }
    return new CanonicalIndicator(
        "domain:" + registrable, IndicatorType.DOMAIN, registrable, derived, flags);
  }

  private static CanonicalIndicator host(String value) {
    Hosts.Host h = Hosts.strict(VALUE, value, "host");
    List<String> derived = new ArrayList<>();
    Set<IndicatorFlag> flags = EnumSet.noneOf(IndicatorFlag.class);
    if (h.isIp()) {
      derived.add("ip:" + h.text());
    } else {
      String registrable = Hosts.registrableDomain(h.text());
      if (registrable != null) {
        derived.add("domain:" + registrable);
      } else {
        flags.add(IndicatorFlag.UNKNOWN_PUBLIC_SUFFIX);
      }
    }
    return new CanonicalIndicator("host:" + h.text(), IndicatorType.HOST, h.text(), derived, flags);
  }

  private static CanonicalIndicator ip(String value) {
    String v = Text.trim(value);
    if (v.indexOf('/') >= 0) {
      throw new InvalidIndicatorException(
          VALUE, "is a network range (" + Text.quote(v) + "): give a single address");
    }
    String ip = Hosts.parseIp(v);
    if (ip == null) {
      throw new InvalidIndicatorException(VALUE, Text.quote(v) + " is not an IPv4 or IPv6 address");
    }
    return new CanonicalIndicator(
        "ip:" + ip, IndicatorType.IP, ip, List.of(), EnumSet.noneOf(IndicatorFlag.class));
  }

  private interface Work {
    CanonicalIndicator run();
  }

  /** Defence in depth: a bug must reject one indicator, never stop the processor. */
  private static CanonicalIndicator guarded(Work work) {
    try {
      return work.run();
    } catch (InvalidIndicatorException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new InvalidIndicatorException(
          VALUE,
          "could not be canonicalised (internal error: " + e.getClass().getSimpleName() + ")");
    }
  }
}
