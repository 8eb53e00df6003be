package org.sightline.members;

import java.util.Locale;
import java.util.Objects;

/**
 * Who connects to the broker. Every member of the federation and every service has a principal of
 * its own, named from the member directory, so that the broker (not the goodwill of a service)
 * decides what each may read and write: see the access policy (module access).
 *
 * @param name the SCRAM user name, also the Kafka principal {@code User:<name>}
 */
public record Principal(String name, Kind kind) implements Comparable<Principal> {

  /** What a principal stands for; its rights follow from it. */
  public enum Kind {
    /** Provisions topics, ACLs and credentials; a super user, so it needs no ACL. */
    ADMIN,
    /** The correlation processor (Kafka Streams). */
    PROCESSOR,
    /** The HTTP intake, writing on behalf of the agency that holds the API key. */
    INTAKE,
    /** The federation's console, dashboard and IWOL feed. */
    CONSUMERS,
    /** An agency that produces to its own intake topic directly. */
    AGENCY,
    /** A country's own analyst services: that country's alerts, nothing else. */
    COUNTRY,
    /** The coordinating body: all alerts, metrics and audit trails. */
    SECRETARIAT
    // No access provider: providers have no broker login. They take the "worst of" list over the
    // audited HTTP feed only, so that every download is on record and no topic is theirs to read.
  }

  public static final Principal ADMIN = new Principal("admin", Kind.ADMIN);
  public static final Principal PROCESSOR = new Principal("processor", Kind.PROCESSOR);
  public static final Principal INTAKE = new Principal("intake", Kind.INTAKE);
  public static final Principal CONSUMERS = new Principal("consumers", Kind.CONSUMERS);
  public static final Principal SECRETARIAT = new Principal("secretariat", Kind.SECRETARIAT);

  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    // SCRAM escapes ',' and '=' in user names; we never need them, and they would make ACLs murky.
    if (!name.matches("[a-z0-9][a-z0-9.-]{0,62}")) {
      throw new IllegalArgumentException("principal name '" + name + "' is not valid");
    }
  }

  public static Principal agency(AgencyId agency) {
    return new Principal("agency-" + agency.value(), Kind.AGENCY);
  }

  public static Principal country(CountryCode country) {
    return new Principal("country-" + country.value().toLowerCase(Locale.ROOT), Kind.COUNTRY);
  }

  /** The principal as the broker's authorizer names it. */
  public String kafkaPrincipal() {
    return "User:" + name;
  }

  /**
   * The prefix of every consumer group id this principal may use: a member's groups can never be
   * mistaken for, or join, another member's.
   */
  public String groupPrefix() {
    return name + ".";
  }

  @Override
  public int compareTo(Principal other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
