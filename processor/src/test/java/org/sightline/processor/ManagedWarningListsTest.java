package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.processor.TopologyFixture.T0;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Category;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Tlp;
import org.sightline.schema.WarningListAction;
import org.sightline.testing.TestMembers;
import org.sightline.topics.StoreNames;

/**
 * The secretariat's warning lists on {@code warninglists.changes}: a host, a registrable domain's
 * wildcard or a CIDR range keeps what falls under it from alerting and from the "worst of" list,
 * from the next sighting on, without a restart; a removal lets it correlate again; a broken record
 * is no entry.
 */
class ManagedWarningListsTest {

  private static List<AlertReason> reasons(List<Alert> alerts) {
    return alerts.stream().map(Alert::getReason).toList();
  }

  @Test
  void aWildcardHoldsBackEveryUrlOnTheDomainAndKeepsItOffTheList() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.warningList("*.files.example", WarningListAction.ADD, T0);
      assertThat(f.<String, byte[]>store(StoreNames.WARNING_LISTS).get("*.files.example"))
          .isNotNull();
      for (var agency : List.of(TestMembers.NL_POLICE, TestMembers.DE_POLICE)) {
        f.sighting(
            agency,
            agency.value() + "-1",
            IndicatorType.URL,
            "http://dl.files.example/abc",
            Tlp.GREEN,
            T0.plusSeconds(1),
            b -> b.setCategory(Category.BASELINE_CSAM));
      }
      assertThat(f.alerts("NL").isEmpty()).as("no cross-border alert").isTrue();
      assertThat(f.alerts("DE").isEmpty()).isTrue();
      // Flagged once each: the URL, and the domain whose "worst of" support it would be.
      List<Alert> notes = f.alerts("secretariat").readValuesToList();
      assertThat(reasons(notes)).containsOnly(AlertReason.OVER_CORRELATED);
      assertThat(notes)
          .extracting(Alert::getIndicator)
          .containsExactlyInAnyOrder("url:http://dl.files.example/abc", "domain:files.example");
      assertThat(f.proposals().isEmpty()).as("never proposed for the list").isTrue();
      assertThat(f.states().get("url:http://dl.files.example/abc").getOverCorrelated()).isTrue();
    }
  }

  @Test
  void aRangeHoldsBackAnAddressAndAUrlOnIt() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.warningList("cidr:192.0.2.0/24", WarningListAction.ADD, T0);
      f.sighting(
          TestMembers.NL_POLICE, "nl-1", IndicatorType.IP, "192.0.2.9", Tlp.GREEN, T0, b -> {});
      f.sighting(
          TestMembers.DE_POLICE, "de-1", IndicatorType.IP, "192.0.2.9", Tlp.GREEN, T0, b -> {});
      f.sighting(TestMembers.NL_POLICE, "nl-2", "http://192.0.2.200/x", Tlp.GREEN, T0);
      f.sighting(TestMembers.DE_POLICE, "de-2", "http://192.0.2.200/x", Tlp.GREEN, T0);
      // Outside the range: correlates as usual.
      f.sighting(
          TestMembers.NL_POLICE, "nl-3", IndicatorType.IP, "198.51.100.9", Tlp.GREEN, T0, b -> {});
      f.sighting(
          TestMembers.DE_POLICE, "de-3", IndicatorType.IP, "198.51.100.9", Tlp.GREEN, T0, b -> {});
      assertThat(f.alerts("NL").readValuesToList())
          .extracting(Alert::getIndicator)
          .containsOnly("ip:198.51.100.9");
    }
  }

  @Test
  void aRemovedPatternCorrelatesAgainAndAHostCoversOnlyItself() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.warningList("host:cdn.example.org", WarningListAction.ADD, T0);
      f.sighting(TestMembers.NL_POLICE, "nl-1", "http://cdn.example.org/a", Tlp.GREEN, T0);
      f.sighting(TestMembers.DE_POLICE, "de-1", "http://cdn.example.org/a", Tlp.GREEN, T0);
      f.sighting(TestMembers.NL_POLICE, "nl-2", "http://www.example.org/b", Tlp.GREEN, T0);
      f.sighting(TestMembers.DE_POLICE, "de-2", "http://www.example.org/b", Tlp.GREEN, T0);
      assertThat(f.alerts("NL").readValuesToList())
          .extracting(Alert::getIndicator)
          .containsOnly("url:http://www.example.org/b");

      f.warningList("host:cdn.example.org", WarningListAction.REMOVE, T0.plusSeconds(5));
      f.sighting(
          TestMembers.NL_POLICE, "nl-3", "http://cdn.example.org/c", Tlp.GREEN, T0.plusSeconds(6));
      f.sighting(
          TestMembers.DE_POLICE, "de-3", "http://cdn.example.org/c", Tlp.GREEN, T0.plusSeconds(6));
      assertThat(f.alerts("NL").readValuesToList())
          .extracting(Alert::getIndicator)
          .contains("url:http://cdn.example.org/c");
    }
  }

  @Test
  void aRecordThatCannotBeDecodedIsNoEntryAndStopsNothing() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.warningListBytes("*.example.net", "not avro".getBytes(StandardCharsets.UTF_8), T0);
      f.sighting(TestMembers.NL_POLICE, "nl-1", "http://a.example.net/x", Tlp.GREEN, T0);
      f.sighting(TestMembers.DE_POLICE, "de-1", "http://a.example.net/x", Tlp.GREEN, T0);
      assertThat(reasons(f.alerts("NL").readValuesToList()))
          .contains(AlertReason.CROSS_BORDER_MATCH);
    }
  }
}
