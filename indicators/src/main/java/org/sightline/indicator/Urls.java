package org.sightline.indicator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sightline.schema.IndicatorType;

/**
 * URL canonicalisation after the Google Safe Browsing rules, with one deliberate deviation: a
 * non-default port is kept (Safe Browsing drops every port), because two services on different
 * ports of one host are not the same site.
 *
 * <p>Order: strip blanks around the URL and every tab, CR and LF; drop the fragment; percent-
 * unescape until stable (on bytes); add {@code http://} when there is no scheme; lower-case the
 * scheme; drop user information; canonicalise the host (see {@link Hosts}); drop the default port;
 * resolve {@code .} and {@code ..} and collapse {@code //} in the path; keep the query as it is;
 * escape bytes <= 0x20, >= 0x7f, {@code #} and {@code %}.
 */
final class Urls {

  static final Map<String, Integer> SCHEMES =
      Map.of("http", 80, "https", 443, "ftp", 21, "ftps", 990, "ws", 80, "wss", 443);

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*)://");

  private Urls() {}

  static CanonicalIndicator canonicalize(String field, String value) {
    // 1. blanks around, and every tab, CR and LF
    String s = Text.trim(value);
    if (s.indexOf('\t') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
      s = s.replace("\t", "").replace("\r", "").replace("\n", "");
    }
    // 2. the fragment
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    // 3. unescape until stable, on bytes; from here on a char is a byte
    s = new String(unescapeFully(s.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
    if (s.isEmpty()) {
      throw new InvalidIndicatorException(
          field, "is empty once blanks and the fragment are removed");
    }
    // 4. scheme
    String scheme = "http";
    Matcher m = SCHEME.matcher(s);
    if (m.find()) {
      scheme = m.group(1).toLowerCase(Locale.ROOT);
      s = s.substring(m.end());
    }
    Integer defaultPort = SCHEMES.get(scheme);
    if (defaultPort == null) {
      String hint = scheme.startsWith("hxxp") ? " (a defanged URL? write http or https)" : "";
      throw new InvalidIndicatorException(
          field,
          "has the scheme "
              + Text.quote(scheme)
              + hint
              + "; accepted: http, https, ftp, ftps, ws, wss");
    }
    // 5. authority, path, query
    int end = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '?') {
        end = i;
        break;
      }
    }
    String authority = s.substring(0, end);
    String rest = s.substring(end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1); // user information is not part of the site
    }
    Hosts.Host host;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new InvalidIndicatorException(field, "has an IPv6 address without its closing ']'");
      }
      host = Hosts.ipv6(field, authority.substring(1, close));
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (after.charAt(0) != ':') {
          throw new InvalidIndicatorException(
              field, "has " + Text.quote(after) + " after the IPv6 address, where a port belongs");
        }
        portText = after.substring(1);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      String hostBytes = authority;
      if (colon >= 0) {
        hostBytes = authority.substring(0, colon);
        portText = authority.substring(colon + 1);
      }
      if (hostBytes.indexOf('[') >= 0 || hostBytes.indexOf(']') >= 0) {
        throw new InvalidIndicatorException(
            field, "has '[' or ']' in its host, where only an IPv6 address may have them");
      }
      if (hostBytes.indexOf(':') >= 0) {
        throw new InvalidIndicatorException(
            field,
            "has more than one ':' between the host and the port (an IPv6 address needs [])");
      }
      host = Hosts.fromUrl(field, hostBytes);
    }
    String port = "";
    if (portText != null && !portText.isEmpty()) {
      int p = parsePort(field, portText);
      if (p != defaultPort) {
        port = ":" + p;
      }
    }
    String path = rest;
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      path = rest.substring(0, q);
      query = rest.substring(q + 1);
    }
    String canonical =
        scheme
            + "://"
            + host.inUrl()
            + port
            + Hosts.escape(resolvePath(path))
            + (query == null ? "" : "?" + Hosts.escape(query));

    Set<String> derived = new LinkedHashSet<>();
    Set<IndicatorFlag> flags = new java.util.HashSet<>();
    if (host.isIp()) {
      derived.add("ip:" + host.text());
      derived.add("host:" + host.text());
    } else {
      String domain = Hosts.registrableDomain(host.text());
      if (domain != null) {
        derived.add("domain:" + domain);
      } else {
        flags.add(IndicatorFlag.UNKNOWN_PUBLIC_SUFFIX);
      }
      derived.add("host:" + host.text());
    }
    return new CanonicalIndicator(
        "url:" + canonical, IndicatorType.URL, canonical, new ArrayList<>(derived), flags);
  }

  private static int parsePort(String field, String text) {
    if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidIndicatorException(
          field, "has the port " + Text.quote(text) + ", which is not a number from 0 to 65535");
    }
    int p = Integer.parseInt(text);
    if (p > 65535) {
      throw new InvalidIndicatorException(
          field, "has the port " + p + ", which is above 65535, the highest port");
    }
    return p;
  }

  /** Resolves {@code .} and {@code ..}, collapses repeated slashes; always starts with '/'. */
  static String resolvePath(String path) {
    if (path.isEmpty() || path.equals("/")) {
      return "/";
    }
    List<String> out = new ArrayList<>();
    String[] segments = path.split("/", -1);
    boolean trailingSlash = false;
    for (int i = 0; i < segments.length; i++) {
      String seg = segments[i];
      boolean last = i == segments.length - 1;
      if (seg.isEmpty()) {
        trailingSlash = last;
        continue;
      }
      if (seg.equals(".")) {
        trailingSlash = last;
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        trailingSlash = last;
        continue;
      }
      out.add(seg);
      trailingSlash = false;
    }
    if (out.isEmpty()) {
      return "/";
    }
    return "/" + String.join("/", out) + (trailingSlash ? "/" : "");
  }

  /** Percent-unescapes repeatedly until nothing changes. */
  static byte[] unescapeFully(byte[] b) {
    while (true) {
      byte[] next = unescapeOnce(b);
      if (next == b) {
        return b;
      }
      b = next;
    }
  }

  private static byte[] unescapeOnce(byte[] b) {
    int n = b.length;
    byte[] out = null;
    int o = 0;
    for (int i = 0; i < n; i++) {
      if (b[i] == '%' && i + 2 < n && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
        if (out == null) {
          out = new byte[n];
          System.arraycopy(b, 0, out, 0, i);
          o = i;
        }
        out[o++] = (byte) (hex(b[i + 1]) * 16 + hex(b[i + 2]));
        i += 2;
      } else if (out != null) {
        out[o++] = b[i];
      }
    }
    if (out == null) {
      return b;
    }
    byte[] r = new byte[o];
    System.arraycopy(out, 0, r, 0, o);
    return r;
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
