package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sightline.indicator.FederationKey;
import org.sightline.indicator.Pseudonyms;
import org.sightline.processor.topology.ProcessorSettings;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Rejection;
import org.sightline.schema.Tlp;
import org.sightline.testing.TestMembers;

/**
 * Personal identifiers matched as keyed-HMAC pseudonyms: the processor correlates them without the
 * key, and in a federation that requires them it refuses an identifier in clear without keeping it.
 */
class PseudonymTest {

  private static final FederationKey KEY = FederationKey.of(filled(32));

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 42);
    return b;
  }

  private static String pseudonymOf(String email) {
    return Pseudonyms.pseudonymise(new Indicator(IndicatorType.EMAIL, email, null, null), null, KEY)
        .getValue();
  }

  @Test
  void theSameAddressPseudonymisedInTwoCountriesIsACrossBorderMatch() {
    try (TopologyFixture f =
        new TopologyFixture(ProcessorSettings.defaults().withPseudonymsOnly(true))) {
      String nl = pseudonymOf("Suspect@Example.org");
      String de = pseudonymOf("suspect@example.org ");
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-1",
          IndicatorType.EMAIL,
          nl,
          Tlp.GREEN,
          TopologyFixture.T0,
          b -> {});
      f.sighting(
          TestMembers.DE_POLICE,
          "de-1",
          IndicatorType.EMAIL,
          de,
          Tlp.GREEN,
          TopologyFixture.T0.plusSeconds(1),
          b -> {});
      List<Alert> alerts = f.alerts("DE").readValuesToList();
      assertThat(alerts)
          .anySatisfy(
              a -> {
                assertThat(a.getReason()).isEqualTo(AlertReason.CROSS_BORDER_MATCH);
                assertThat(a.getIndicator()).isEqualTo("email:" + nl);
              });
      assertThat(f.states().get("email:" + nl)).isNotNull();
      assertThat(f.rejected().isEmpty()).isTrue();
    }
  }

  @Test
  void anIdentifierInClearIsRefusedNamingTheFieldAndIsNotKept() {
    try (TopologyFixture f =
        new TopologyFixture(ProcessorSettings.defaults().withPseudonymsOnly(true))) {
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-clear",
          IndicatorType.EMAIL,
          "suspect@example.org",
          Tlp.GREEN,
          TopologyFixture.T0,
          b -> {});
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-related",
          IndicatorType.URL,
          "http://related.example/",
          Tlp.GREEN,
          TopologyFixture.T0,
          b ->
              b.setRelated(
                  List.of(new Indicator(IndicatorType.PHONE, "+31201234567", null, null))));
      List<Rejection> rejected = f.rejected().readValuesToList();
      assertThat(rejected)
          .extracting(Rejection::getField)
          .containsExactly("indicator.value", "related[0].value");
      assertThat(rejected)
          .allSatisfy(
              r -> {
                assertThat(r.getPayload()).isNull();
                assertThat(r.getReason()).contains("pseudonym").doesNotContain("suspect");
              });
      assertThat(f.states().get("email:suspect@example.org")).isNull();
    }
  }

  @Test
  void withoutTheRequirementAnAddressInClearStillCorrelates() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.sighting(
          TestMembers.NL_POLICE,
          "nl-1",
          IndicatorType.EMAIL,
          "a@example.org",
          Tlp.GREEN,
          TopologyFixture.T0,
          b -> {});
      assertThat(f.rejected().isEmpty()).isTrue();
      assertThat(f.states().get("email:a@example.org")).isNotNull();
    }
  }
}
