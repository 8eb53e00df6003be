package org.sightline.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.sightline.members.AccessProvider;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Principal;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * The policy read as the broker's authorizer reads it (literal or prefixed match, ALL covers every
 * operation, READ and WRITE imply DESCRIBE), over every topic of a federation. The real broker
 * enforcing it is proven in test-support's BrokerSecurityTest.
 */
class AccessPolicyTest {

  private static final String HASH = "0".repeat(64);
  private static final MemberDirectory MEMBERS =
      new MemberDirectory(
          List.of(
              new Agency(AgencyId.of("nl-police"), null, CountryCode.of("NL"), HASH, true),
              new Agency(
                  AgencyId.of("de-police"), null, CountryCode.of("DE"), "1".repeat(64), true),
              new Agency(
                  AgencyId.of("xx-gone"), null, CountryCode.of("JO"), "2".repeat(64), false)),
          List.of(CountryCode.of("PH")),
          List.of(new AccessProvider("nl-isp", null, CountryCode.of("NL"), "3".repeat(64), true)));
  private static final List<AclBinding> BINDINGS = AccessPolicy.bindings(MEMBERS);
  private static final List<String> TOPICS =
      Topics.all(MEMBERS).stream().map(TopicSpec::name).toList();

  @Test
  void anAgencyWritesItsOwnIntakeTopicAndReadsOnlyItsOwnAlerts() {
    Principal nl = Principal.agency(AgencyId.of("nl-police"));
    assertThat(topicsAllowed(nl, AclOperation.WRITE)).containsExactly("intake.nl-police");
    assertThat(topicsAllowed(nl, AclOperation.READ)).containsExactly("alerts.agency.nl-police");
  }

  @Test
  void aDisabledAgencyHasNoPrincipalAndNoRight() {
    Principal gone = Principal.agency(AgencyId.of("xx-gone"));
    assertThat(AccessPolicy.principals(MEMBERS)).doesNotContain(gone);
    assertThat(BINDINGS).noneMatch(b -> b.entry().principal().equals(gone.kafkaPrincipal()));
    // Nor does the intake write for it any more.
    assertThat(topicsAllowed(Principal.INTAKE, AclOperation.WRITE))
        .doesNotContain("intake.xx-gone");
  }

  @Test
  void aCountryReadsItsOwnAlertsAndNothingElse() {
    for (CountryCode country : MEMBERS.countries()) {
      Principal p = Principal.country(country);
      assertThat(topicsAllowed(p, AclOperation.READ)).containsExactly("alerts." + country.value());
      assertThat(topicsAllowed(p, AclOperation.WRITE)).isEmpty();
    }
  }

  /**
   * Private companies get the list, never who reported what, and every download is audited: so an
   * access provider has no broker login and no right on any topic (the HTTP feed serves it).
   */
  @Test
  void anAccessProviderHasNoBrokerLoginAndNoRight() {
    assertThat(MEMBERS.accessProviders()).isNotEmpty();
    assertThat(AccessPolicy.principals(MEMBERS))
        .extracting(Principal::name)
        .noneMatch(name -> name.startsWith("provider-"));
    for (var provider : MEMBERS.accessProviders()) {
      assertThat(AccessPolicy.bindings(MEMBERS))
          .noneMatch(b -> b.entry().principal().contains(provider.id()));
    }
  }

  @Test
  void theSecretariatReadsEveryAlertTopicButWritesOnlyItsDecisions() {
    List<String> read = topicsAllowed(Principal.SECRETARIAT, AclOperation.READ);
    assertThat(read)
        .contains("alerts.NL", "alerts.DE", "alerts.JO", "alerts.PH", "alerts.secretariat");
    assertThat(read)
        .noneMatch(t -> t.startsWith(Topics.INTAKE_PREFIX) && !t.equals("intake.rejected"));
    assertThat(topicsAllowed(Principal.SECRETARIAT, AclOperation.WRITE))
        .containsExactlyInAnyOrder(
            Topics.IWOL_DELISTINGS.name(),
            Topics.IWOL_REVIEWS.name(),
            Topics.WARNINGLISTS_CHANGES.name(),
            Topics.HASHES_DELISTINGS.name(),
            Topics.ERASURE_REQUESTS.name());
    // The proposals name the reporting agencies: the secretariat's, never a country's.
    assertThat(read).contains(Topics.IWOL_PROPOSALS.name());
    assertThat(topicsAllowed(Principal.country(CountryCode.of("NL")), AclOperation.READ))
        .doesNotContain(Topics.IWOL_PROPOSALS.name());
    // Erasures come from the secretariat (CLI) or its console: never from an agency.
    assertThat(
            topicsAllowed(
                Principal.agency(org.sightline.members.AgencyId.of("nl-police")),
                AclOperation.WRITE))
        .doesNotContain(Topics.ERASURE_REQUESTS.name());
    assertThat(topicsAllowed(Principal.CONSUMERS, AclOperation.WRITE))
        .contains(Topics.ERASURE_REQUESTS.name());
    assertThat(topicsAllowed(Principal.PROCESSOR, AclOperation.READ))
        .contains(Topics.ERASURE_REQUESTS.name());
  }

  @Test
  void theProcessorReadsIntakeAndWritesAlertsButNoIntakeTopicOfAnAgency() {
    List<String> written = topicsAllowed(Principal.PROCESSOR, AclOperation.WRITE);
    assertThat(written)
        .contains("alerts.NL", "alerts.secretariat", "iwol.domains", "intake.rejected");
    assertThat(written).doesNotContain("intake.nl-police", Topics.ALERTS_ACTIONS.name());
    assertThat(topicsAllowed(Principal.PROCESSOR, AclOperation.READ)).contains("intake.nl-police");
  }

  @Test
  void onlyTheProcessorMayCreateTopicsAndOnlyUnderItsApplicationId() {
    List<AclBinding> creating =
        BINDINGS.stream()
            .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
            .filter(b -> covers(b.entry().operation(), AclOperation.CREATE))
            .toList();
    assertThat(creating)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.entry().principal()).isEqualTo(Principal.PROCESSOR.kafkaPrincipal());
              assertThat(b.pattern().name()).isEqualTo(AccessPolicy.PROCESSOR_APPLICATION_ID + "-");
            });
    assertThat(BINDINGS).noneMatch(b -> b.pattern().resourceType() == ResourceType.CLUSTER);
    assertThat(BINDINGS)
        .noneMatch(b -> b.entry().principal().equals(Principal.ADMIN.kafkaPrincipal()));
  }

  @Test
  void everyPrincipalButTheAdminHasSomeRightAndTheListIsStable() {
    for (Principal p : AccessPolicy.principals(MEMBERS)) {
      if (p.kind() != Principal.Kind.ADMIN) {
        assertThat(BINDINGS)
            .as(p.name())
            .anyMatch(b -> b.entry().principal().equals(p.kafkaPrincipal()));
      }
    }
    assertThat(AccessPolicy.bindings(MEMBERS)).isEqualTo(BINDINGS);
  }

  /** The topics of the federation on which the principal may perform the operation. */
  private static List<String> topicsAllowed(Principal principal, AclOperation operation) {
    return TOPICS.stream()
        .filter(
            topic ->
                BINDINGS.stream()
                    .anyMatch(
                        b ->
                            b.entry().principal().equals(principal.kafkaPrincipal())
                                && b.pattern().resourceType() == ResourceType.TOPIC
                                && matches(b, topic)
                                && covers(b.entry().operation(), operation)))
        .toList();
  }

  private static boolean matches(AclBinding binding, String name) {
    return binding.pattern().patternType() == PatternType.LITERAL
        ? binding.pattern().name().equals(name)
        : name.startsWith(binding.pattern().name());
  }

  private static boolean covers(AclOperation granted, AclOperation wanted) {
    return granted == wanted
        || granted == AclOperation.ALL
        || (wanted == AclOperation.DESCRIBE
            && (granted == AclOperation.READ || granted == AclOperation.WRITE));
  }
}
