package org.sightline.access;

import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.sightline.members.Agency;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Principal;
import org.sightline.topics.Topics;

/**
 * Who may do what on the broker, derived from the member directory and the topic registry — the one
 * place that decides it. The broker runs the {@code StandardAuthorizer} and denies whatever no ACL
 * allows; {@link Principal#ADMIN} is its only super user. The same bindings are applied to the
 * local broker ({@link AclProvisioner}) and rendered into deployment manifests, so a topic or a
 * right can never exist in one and not the other.
 *
 * <ul>
 *   <li>an agency writes its own {@code intake.<id>} and reads its own {@code alerts.agency.<id>},
 *       nothing else;
 *   <li>a country reads its own {@code alerts.<CC>} and nothing else;
 *   <li>the secretariat reads every alert topic, the metrics and the audit trails, and writes
 *       delistings;
 *   <li>an access provider has no broker login at all: it takes the list over the consumers'
 *       audited HTTP feed, so every download is on record;
 *   <li>the services get exactly what they use, transactional ids and consumer groups included;
 *   <li>disabled agencies get nothing.
 * </ul>
 *
 * Only the admin creates topics (the processor creates its own internal topics, under its
 * application id) or alters ACLs.
 */
public final class AccessPolicy {

  /** The processor's Kafka Streams application id: its group, internal topics, transactions. */
  public static final String PROCESSOR_APPLICATION_ID = "sightline-processor";

  /** Consumer groups of the consumers service (each instance reads everything itself). */
  public static final String CONSUMERS_GROUP_PREFIX = "sightline-consumers-";

  private final MemberDirectory members;
  private final Set<AclBinding> bindings = new LinkedHashSet<>();

  private AccessPolicy(MemberDirectory members) {
    this.members = members;
  }

  /** Every principal that exists for this federation, the admin included, sorted by name. */
  public static List<Principal> principals(MemberDirectory members) {
    List<Principal> all = new ArrayList<>();
    all.add(Principal.ADMIN);
    all.add(Principal.PROCESSOR);
    all.add(Principal.INTAKE);
    all.add(Principal.CONSUMERS);
    all.add(Principal.SECRETARIAT);
    members.agencies().stream()
        .filter(Agency::enabled)
        .map(a -> Principal.agency(a.id()))
        .forEach(all::add);
    members.countries().stream().map(Principal::country).forEach(all::add);
    all.sort(Comparator.naturalOrder());
    return List.copyOf(all);
  }

  /** The complete set of ACLs for this federation, in a stable order. */
  public static List<AclBinding> bindings(MemberDirectory members) {
    AccessPolicy policy = new AccessPolicy(members);
    policy.processor();
    policy.intake();
    policy.consumers();
    policy.secretariat();
    policy.agencies();
    policy.countries();
    return List.copyOf(policy.bindings);
  }

  private void processor() {
    Principal p = Principal.PROCESSOR;
    allow(p, TOPIC, Topics.INTAKE_PREFIX, PREFIXED, READ);
    allow(p, TOPIC, Topics.INTAKE_REJECTED.name(), LITERAL, WRITE);
    for (CountryCode country : members.countries()) {
      allow(p, TOPIC, Topics.alerts(country).name(), LITERAL, WRITE);
    }
    for (Agency agency : members.agencies()) {
      allow(p, TOPIC, Topics.alerts(agency.id()).name(), LITERAL, WRITE);
    }
    allow(p, TOPIC, Topics.ALERTS_SECRETARIAT.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.IWOL_DOMAINS.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.HASHES_KNOWN.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.HASHES_DELISTINGS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.IWOL_DELISTINGS.name(), LITERAL, READ);
    // The review: domains that meet the rule are proposed, the secretariat's verdicts list them.
    allow(p, TOPIC, Topics.IWOL_REVIEWS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.IWOL_PROPOSALS.name(), LITERAL, WRITE);
    // The managed warning lists, read whole by every instance (a global store).
    allow(p, TOPIC, Topics.WARNINGLISTS_CHANGES.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.ERASURE_REQUESTS.name(), LITERAL, READ);
    // Who asked about what: the holders of undisclosed facts are told that someone asked.
    allow(p, TOPIC, Topics.AUDIT_LOOKUPS.name(), LITERAL, READ);
    // The contact steps behind a hit/no-hit: requests go to the holders, acceptances disclose.
    allow(p, TOPIC, Topics.ALERTS_ACTIONS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.METRICS_PER_MINUTE.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.PROCESSOR_DEAD_LETTER.name(), LITERAL, WRITE);
    // Repartition and changelog topics, which Streams creates and manages under its application id.
    allow(p, TOPIC, PROCESSOR_APPLICATION_ID + "-", PREFIXED, ALL);
    allow(p, GROUP, PROCESSOR_APPLICATION_ID, LITERAL, READ);
    // exactly_once_v2: one transactional id per stream thread, prefixed with the application id.
    allow(p, TRANSACTIONAL_ID, PROCESSOR_APPLICATION_ID + "-", PREFIXED, WRITE);
  }

  private void intake() {
    Principal p = Principal.INTAKE;
    for (Agency agency : members.agencies()) {
      if (agency.enabled()) {
        String topic = Topics.intake(agency.id()).name();
        // Read too: the receipt index is rebuilt from the intake topics on start.
        allow(p, TOPIC, topic, LITERAL, WRITE);
        allow(p, TOPIC, topic, LITERAL, READ);
      }
    }
    // Every lookup is written here before it is answered.
    allow(p, TOPIC, Topics.AUDIT_LOOKUPS.name(), LITERAL, WRITE);
  }

  private void consumers() {
    Principal p = Principal.CONSUMERS;
    // Every country's alerts and the analysts' actions: the console serves every member country.
    allow(p, TOPIC, Topics.ALERTS_PREFIX, PREFIXED, READ);
    allow(p, TOPIC, Topics.ALERTS_ACTIONS.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.IWOL_DOMAINS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.IWOL_DOWNLOADS.name(), LITERAL, WRITE);
    // The known-hash list for agencies and platforms, and who took it.
    allow(p, TOPIC, Topics.HASHES_KNOWN.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.HASHES_DOWNLOADS.name(), LITERAL, WRITE);
    // The secretariat's delistings of hashes, requested through the console.
    allow(p, TOPIC, Topics.HASHES_DELISTINGS.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.AUDIT_CONSOLE_VIEWS.name(), LITERAL, WRITE);
    // An analyst's "is it known?", before it is answered.
    allow(p, TOPIC, Topics.AUDIT_LOOKUPS.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.IWOL_DELISTINGS.name(), LITERAL, WRITE);
    // The secretariat's review of proposed domains, through the dashboard.
    allow(p, TOPIC, Topics.IWOL_PROPOSALS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.IWOL_REVIEWS.name(), LITERAL, WRITE);
    // Disputes of list entries, raised by their receivers and resolved by the secretariat here.
    allow(p, TOPIC, Topics.DISPUTES.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.DISPUTES.name(), LITERAL, WRITE);
    // The audit trails, which the secretariat reads through the console (it writes them too).
    allow(p, TOPIC, Topics.AUDIT_CONSOLE_VIEWS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.AUDIT_LOOKUPS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.IWOL_DOWNLOADS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.HASHES_DOWNLOADS.name(), LITERAL, READ);
    // Feed health: each agency's refused records, counted for it and the secretariat.
    allow(p, TOPIC, Topics.INTAKE_REJECTED.name(), LITERAL, READ);
    // The warning lists, shown and changed from the review page.
    allow(p, TOPIC, Topics.WARNINGLISTS_CHANGES.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.WARNINGLISTS_CHANGES.name(), LITERAL, WRITE);
    // The secretariat's erasures, requested through the console.
    allow(p, TOPIC, Topics.ERASURE_REQUESTS.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.METRICS_PER_MINUTE.name(), LITERAL, READ);
    allow(p, GROUP, CONSUMERS_GROUP_PREFIX, PREFIXED, READ);
    // The dashboard's processor lag: the processor group's offsets against the intake topics' ends.
    allow(p, GROUP, PROCESSOR_APPLICATION_ID, LITERAL, DESCRIBE);
    allow(p, TOPIC, Topics.INTAKE_PREFIX, PREFIXED, DESCRIBE);
    allow(p, TOPIC, PROCESSOR_APPLICATION_ID + "-", PREFIXED, DESCRIBE);
  }

  private void secretariat() {
    Principal p = Principal.SECRETARIAT;
    allow(p, TOPIC, Topics.ALERTS_PREFIX, PREFIXED, READ);
    allow(p, TOPIC, Topics.METRICS_PER_MINUTE.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.IWOL_DOMAINS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.IWOL_DOWNLOADS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.HASHES_KNOWN.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.HASHES_DOWNLOADS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.HASHES_DELISTINGS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.HASHES_DELISTINGS.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.AUDIT_CONSOLE_VIEWS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.AUDIT_LOOKUPS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.IWOL_DELISTINGS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.IWOL_DELISTINGS.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.IWOL_PROPOSALS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.IWOL_REVIEWS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.IWOL_REVIEWS.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.WARNINGLISTS_CHANGES.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.WARNINGLISTS_CHANGES.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.DISPUTES.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.ERASURE_REQUESTS.name(), LITERAL, READ);
    allow(p, TOPIC, Topics.ERASURE_REQUESTS.name(), LITERAL, WRITE);
    allow(p, TOPIC, Topics.INTAKE_REJECTED.name(), LITERAL, READ);
    allow(p, GROUP, p.groupPrefix(), PREFIXED, READ);
  }

  private void agencies() {
    for (Agency agency : members.agencies()) {
      if (agency.enabled()) {
        Principal p = Principal.agency(agency.id());
        allow(p, TOPIC, Topics.intake(agency.id()).name(), LITERAL, WRITE);
        // Its own alerts (about sightings its country may not see), for its own tooling.
        allow(p, TOPIC, Topics.alerts(agency.id()).name(), LITERAL, READ);
        allow(p, GROUP, p.groupPrefix(), PREFIXED, READ);
      }
    }
  }

  private void countries() {
    for (CountryCode country : members.countries()) {
      Principal p = Principal.country(country);
      allow(p, TOPIC, Topics.alerts(country).name(), LITERAL, READ);
      allow(p, GROUP, p.groupPrefix(), PREFIXED, READ);
    }
  }

  private void allow(
      Principal principal,
      ResourceType type,
      String name,
      PatternType patternType,
      AclOperation operation) {
    bindings.add(
        new AclBinding(
            new ResourcePattern(type, name, patternType),
            new AccessControlEntry(
                principal.kafkaPrincipal(), "*", operation, AclPermissionType.ALLOW)));
  }
}
