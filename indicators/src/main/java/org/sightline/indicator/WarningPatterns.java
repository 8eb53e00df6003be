package org.sightline.indicator;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a warning list entry may say, and which entries an indicator falls under. MISP's warning
 * lists match hosts, registrable domains and CIDR ranges, not exact values only; so do these:
 *
 * <ul>
 *   <li>a canonical key, {@code <type>:<value>} ({@code md5:d41d…}, {@code domain:bit.ly}): that
 *       indicator only (a URL on {@code bit.ly} still correlates);
 *   <li>{@code host:<host>}: that host and every URL on it;
 *   <li>{@code *.<registrable domain>}: the domain, every host under it and every URL on them;
 *   <li>{@code cidr:<address>/<bits>} (IPv4 or IPv6): every IP address in the range, and every URL
 *       whose host is one.
 * </ul>
 *
 * Patterns are kept in canonical form, so that the same entry written twice is one entry.
 */
public final class WarningPatterns {

  public static final String WILDCARD = "*.";
  public static final String CIDR = "cidr:";

  private WarningPatterns() {}

  /**
   * The canonical form of a pattern as a person writes it ({@code *.Example.COM}, {@code
   * 192.0.2.7/24}, {@code host:CDN.example.com}, {@code url:http://...}).
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static String canonical(String pattern) {
    String p = pattern == null ? "" : pattern.strip();
    if (p.isEmpty()) {
      throw new IllegalArgumentException("is empty");
    }
    if (p.startsWith(WILDCARD)) {
      String name = p.substring(WILDCARD.length());
      String registrable = registrable(name);
      if (!registrable.equals(canonicalHost(name))) {
        throw new IllegalArgumentException(
            "a wildcard names a registrable domain (*." + registrable + "), not a host under it");
      }
      return WILDCARD + registrable;
    }
    if (p.regionMatches(true, 0, CIDR, 0, CIDR.length())) {
      return CIDR + cidr(p.substring(CIDR.length()));
    }
    int slash = p.indexOf('/');
    if (slash > 0 && !p.contains("://") && Hosts.parseIp(p.substring(0, slash)) != null) {
      return CIDR + cidr(p); // a bare range, 192.0.2.0/24 or 2001:db8::/32
    }
    int colon = p.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "is not a pattern: give <type>:<value>, host:<host>, *.<domain> or cidr:<range>");
    }
    try {
      return Canonicalizer.canonicalize(p.substring(0, colon), p.substring(colon + 1), null).key();
    } catch (InvalidIndicatorException e) {
      throw new IllegalArgumentException(e.reason());
    }
  }

  /**
   * The patterns that name this canonical key other than by range: the key itself, the host of a
   * URL or host ({@code host:}), and the wildcard of its registrable domain ({@code *.}). Empty of
   * anything but the key for other types.
   */
  public static List<String> candidates(String key) {
    Set<String> out = new LinkedHashSet<>();
    out.add(key);
    for (String derived : derived(key)) {
      if (derived.startsWith("host:")) {
        out.add(derived);
      } else if (derived.startsWith(Localities.DOMAIN_PREFIX)) {
        out.add(WILDCARD + derived.substring(Localities.DOMAIN_PREFIX.length()));
      }
    }
    if (key.startsWith(Localities.DOMAIN_PREFIX)) {
      out.add(WILDCARD + key.substring(Localities.DOMAIN_PREFIX.length()));
    }
    return new ArrayList<>(out);
  }

  /** The IP addresses a key is or names (an {@code ip:} key, a URL or host that is an address). */
  public static List<String> addresses(String key) {
    List<String> out = new ArrayList<>();
    if (key.startsWith("ip:")) {
      out.add(key.substring(3));
    }
    for (String derived : derived(key)) {
      if (derived.startsWith("ip:") && !out.contains(derived.substring(3))) {
        out.add(derived.substring(3));
      }
    }
    return out;
  }

  /**
   * Whether {@code address} (canonical, as an {@code ip:} key holds it) is in a {@code cidr:}
   * pattern.
   */
  public static boolean inRange(String cidrPattern, String address) {
    String range =
        cidrPattern.startsWith(CIDR) ? cidrPattern.substring(CIDR.length()) : cidrPattern;
    int slash = range.indexOf('/');
    byte[] network = literal(range.substring(0, slash));
    byte[] ip = literal(address);
    if (network == null || ip == null || network.length != ip.length) {
      return false;
    }
    int bits = Integer.parseInt(range.substring(slash + 1));
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((network[i / 8] & mask) != (ip[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> derived(String key) {
    int colon = key.indexOf(':');
    if (colon <= 0) {
      return List.of();
    }
    String type = key.substring(0, colon);
    if (!type.equals("url") && !type.equals("host")) {
      return List.of();
    }
    try {
      return Canonicalizer.canonicalize(type, key.substring(colon + 1), null).derivedKeys();
    } catch (InvalidIndicatorException e) {
      return List.of();
    }
  }

  private static String canonicalHost(String name) {
    try {
      String key = Canonicalizer.canonicalize("host", name, null).key();
      return key.substring("host:".length());
    } catch (InvalidIndicatorException e) {
      throw new IllegalArgumentException(e.reason());
    }
  }

  private static String registrable(String name) {
    try {
      return Canonicalizer.canonicalize("domain", name, null)
          .key()
          .substring(Localities.DOMAIN_PREFIX.length());
    } catch (InvalidIndicatorException e) {
      throw new IllegalArgumentException(e.reason());
    }
  }

  /** {@code 192.0.2.7/24} → {@code 192.0.2.0/24}: the network address, canonical text. */
  private static String cidr(String range) {
    int slash = range.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("a range is <address>/<prefix bits>, e.g. 192.0.2.0/24");
    }
    String address = Hosts.parseIp(range.substring(0, slash).strip());
    byte[] bytes = address == null ? null : literal(address);
    if (bytes == null) {
      throw new IllegalArgumentException(
          "'" + range.substring(0, slash) + "' is not an IP address");
    }
    int bits;
    try {
      bits = Integer.parseInt(range.substring(slash + 1).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the prefix length is not a number");
    }
    if (bits < 0 || bits > bytes.length * 8) {
      throw new IllegalArgumentException(
          "the prefix length must be 0 to " + bytes.length * 8 + " for this address");
    }
    for (int i = bits; i < bytes.length * 8; i++) {
      bytes[i / 8] &= (byte) ~(0x80 >>> (i % 8));
    }
    String network;
    try {
      network = InetAddresses.toAddrString(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + range + "' is not a range");
    }
    return network + "/" + bits;
  }

  /** The bytes of an address literal; null for anything else (never a name lookup). */
  private static byte[] literal(String address) {
    String a =
        address.startsWith("[") && address.endsWith("]")
            ? address.substring(1, address.length() - 1)
            : address;
    if (!InetAddresses.isInetAddress(a)) {
      return null;
    }
    return InetAddresses.forString(a).getAddress();
  }
}
