package org.sightline.consumers.iwol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.lists.ListChanges;
import org.sightline.consumers.lists.ListSnapshot;
import org.sightline.consumers.lists.ListVersion;

class IwolListTest {

  private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");

  private static IwolItem item(String domain) {
    return new IwolItem(domain, T, "BASELINE_CSAM");
  }

  @Test
  void onlyVisibleChangesTakeAVersion() {
    IwolList list = new IwolList("e1", 10);
    assertThat(list.apply("a.example", item("a.example"))).isTrue();
    assertThat(list.apply("a.example", item("a.example"))).as("same line again").isFalse();
    assertThat(list.apply("b.example", null)).as("tombstone for a domain not listed").isFalse();
    assertThat(list.apply("a.example", new IwolItem("a.example", T, "CSAM"))).isTrue();
    assertThat(list.apply("a.example", null)).isTrue();
    assertThat(list.version()).isEqualTo(new ListVersion("e1", 3));
  }

  @Test
  void snapshotsAreSortedAndCarryTheirVersion() {
    IwolList list = new IwolList("e1", 10);
    list.apply("zz.example", item("zz.example"));
    list.apply("aa.example", item("aa.example"));
    ListSnapshot<IwolItem> snapshot = list.snapshot();
    assertThat(snapshot.items())
        .extracting(IwolItem::domain)
        .containsExactly("aa.example", "zz.example");
    assertThat(snapshot.version().number()).isEqualTo(2);
    list.apply("mm.example", item("mm.example"));
    assertThat(list.snapshot().items()).hasSize(3);
    assertThat(snapshot.items()).as("an earlier snapshot does not change").hasSize(2);
  }

  @Test
  void changesSinceAVersionNameOnlyWhatChanged() {
    IwolList list = new IwolList("e1", 10);
    list.apply("a.example", item("a.example"));
    list.apply("b.example", item("b.example"));
    ListVersion before = list.version();
    list.apply("c.example", item("c.example"));
    list.apply("a.example", null);

    ListChanges<IwolItem> changes = list.changesSince(Optional.of(before));
    assertThat(changes.full()).isFalse();
    assertThat(changes.version()).isEqualTo(new ListVersion("e1", 4));
    assertThat(changes.added()).extracting(IwolItem::domain).containsExactly("c.example");
    assertThat(changes.removed()).containsExactly("a.example");

    ListChanges<IwolItem> none = list.changesSince(Optional.of(list.version()));
    assertThat(none.full()).isFalse();
    assertThat(none.added()).isEmpty();
    assertThat(none.removed()).isEmpty();
  }

  @Test
  void aVersionThatCannotBeServedGetsTheWholeList() {
    IwolList list = new IwolList("e1", 2);
    list.apply("a.example", item("a.example"));
    list.apply("b.example", item("b.example"));
    list.apply("c.example", item("c.example"));

    assertThat(list.changesSince(Optional.empty()).full()).isTrue();
    assertThat(list.changesSince(Optional.of(new ListVersion("e0", 3))).full())
        .as("another epoch")
        .isTrue();
    assertThat(list.changesSince(Optional.of(new ListVersion("e1", 4))).full())
        .as("newer than the list")
        .isTrue();
    assertThat(list.changesSince(Optional.of(new ListVersion("e1", 0))).full())
        .as("older than the changes kept (only 2 and 3 are)")
        .isTrue();
    ListChanges<IwolItem> kept = list.changesSince(Optional.of(new ListVersion("e1", 1)));
    assertThat(kept.full()).isFalse();
    assertThat(kept.added()).extracting(IwolItem::domain).containsExactly("b.example", "c.example");

    ListChanges<IwolItem> full = list.changesSince(Optional.of(new ListVersion("e0", 3)));
    assertThat(full.added()).hasSize(3);
    assertThat(full.removed()).isEmpty();
  }

  @Test
  void versionsParseOnlyInTheirOwnForm() {
    assertThat(ListVersion.parse("0a1b2c:42")).contains(new ListVersion("0a1b2c", 42));
    assertThat(ListVersion.parse(" 0a1b2c:42 ")).contains(new ListVersion("0a1b2c", 42));
    assertThat(ListVersion.parse("42")).isEmpty();
    assertThat(ListVersion.parse("0a1b2c:-1")).isEmpty();
    assertThat(ListVersion.parse("0a1b2c:99999999999999999999")).isEmpty();
    assertThat(ListVersion.parse(null)).isEmpty();
    assertThat(new ListVersion("0a1b2c", 42)).hasToString("0a1b2c:42");
  }

  @Test
  void epochsDifferFromOneStartToTheNext() {
    assertThat(new IwolList(10).version().epoch()).isNotEqualTo(new IwolList(10).version().epoch());
  }
}
