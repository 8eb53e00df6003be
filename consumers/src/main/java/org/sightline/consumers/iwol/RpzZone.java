package org.sightline.consumers.iwol;

import java.util.Locale;
import java.util.regex.Pattern;
import org.sightline.consumers.lists.ListSnapshot;
import org.sightline.consumers.lists.ListVersion;

/**
 * The list as a DNS Response Policy Zone, for resolvers that block by RPZ (BIND, Unbound, Knot,
 * PowerDNS): the zone's SOA and NS, then two rules per domain, the domain itself and every name
 * under it, both answered with a CNAME to the stop page. The SOA serial is the list's version, so a
 * resolver reloading the file sees whether it changed.
 */
public final class RpzZone {

  /** Seconds: a resolver that reloads the zone blocks a new domain within five minutes. */
  static final int TTL = 300;

  private static final int REFRESH = 3600;
  private static final int RETRY = 600;
  private static final int EXPIRE = 7 * 24 * 3600;

  /** Longest absolute name in presentation form (255 octets on the wire). */
  private static final int MAX_NAME = 254;

  private static final Pattern ABSOLUTE_NAME =
      Pattern.compile("(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\\.)+", Pattern.CASE_INSENSITIVE);

  private final String origin;
  private final String nameServer;
  private final String stopPage;

  public RpzZone(String origin, String nameServer, String stopPage) {
    this.origin = absolute("sightline.consumers.iwol.rpz-origin", origin);
    this.nameServer = absolute("sightline.consumers.iwol.rpz-name-server", nameServer);
    this.stopPage = absolute("sightline.consumers.iwol.stop-page", stopPage);
  }

  /**
   * The name as a fully qualified DNS name (with its trailing dot), or a message naming the
   * setting.
   */
  private static String absolute(String setting, String value) {
    String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".")) {
      name = name + ".";
    }
    if (name.length() > MAX_NAME || !ABSOLUTE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(setting + ": '" + value + "' is not a DNS name");
    }
    return name;
  }

  public String origin() {
    return origin;
  }

  public String render(ListSnapshot<IwolItem> snapshot) {
    StringBuilder out = new StringBuilder(256 + snapshot.items().size() * 96);
    out.append("; Sightline \"worst of\" list (IWOL) as a response policy zone\n")
        .append("; version ")
        .append(snapshot.version())
        .append(", ")
        .append(snapshot.items().size())
        .append(" domains\n")
        .append("$TTL ")
        .append(TTL)
        .append('\n')
        .append("$ORIGIN ")
        .append(origin)
        .append('\n')
        .append("@ IN SOA ")
        .append(nameServer)
        .append(" hostmaster.")
        .append(origin)
        .append(' ')
        .append(serial(snapshot.version()))
        .append(' ')
        .append(REFRESH)
        .append(' ')
        .append(RETRY)
        .append(' ')
        .append(EXPIRE)
        .append(' ')
        .append(TTL)
        .append('\n')
        .append("@ IN NS ")
        .append(nameServer)
        .append('\n');
    for (IwolItem item : snapshot.items()) {
      // Owner names are relative to the origin: "example.com" here is example.com.<origin>,
      // which RPZ reads as "the query name example.com".
      if (("*." + item.domain() + "." + origin).length() > MAX_NAME) {
        // Too long to sit under this origin: one such line would make the whole zone unloadable.
        out.append("; skipped, too long under ").append(origin).append(": ");
        out.append(item.domain()).append('\n');
        continue;
      }
      out.append(item.domain()).append(" IN CNAME ").append(stopPage).append('\n');
      out.append("*.").append(item.domain()).append(" IN CNAME ").append(stopPage).append('\n');
    }
    return out.toString();
  }

  /** SOA serials are 32-bit and compared in serial-number arithmetic (RFC 1982): they wrap. */
  static long serial(ListVersion version) {
    return version.number() & 0xFFFF_FFFFL;
  }
}
