package org.sightline.consumers.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.consumers.BadParameterException;

class AlertStoreTest {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final TopicPartition NL = new TopicPartition("alerts.NL", 0);

  @TempDir Path dir;

  @Test
  void pagesThroughTwelveThousandAlertsNewestFirstWithoutGapsOrRepeats() {
    try (AlertStore store = AlertStore.open(dir, "cluster-1", JSON)) {
      List<AlertStore.Incoming> batch = new ArrayList<>();
      for (int i = 0; i < 12_000; i++) {
        // Same second for groups of ten: ties are broken by id, and paging must not lose them.
        batch.add(incoming(i, alert("a" + i, "NL", "url:x" + (i % 7), T0.plusSeconds(i / 10))));
      }
      assertThat(store.addAll(batch)).hasSize(12_000);

      Set<String> seen = new HashSet<>();
      Instant previous = Instant.MAX;
      String cursor = null;
      int pages = 0;
      do {
        AlertStore.Page page = store.page("NL", AlertStore.Query.all(), cursor, 1000);
        for (AlertView a : page.alerts()) {
          assertThat(seen.add(a.id())).as("seen once: %s", a.id()).isTrue();
          assertThat(a.createdAt()).isBeforeOrEqualTo(previous);
          previous = a.createdAt();
        }
        cursor = page.next().orElse(null);
        pages++;
      } while (cursor != null);

      assertThat(seen).hasSize(12_000);
      assertThat(pages).isEqualTo(12);
    }
  }

  @Test
  void aPageStaysStableWhileNewerAlertsArrive() {
    try (AlertStore store = AlertStore.open(dir, "cluster-1", JSON)) {
      List<AlertStore.Incoming> batch = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        batch.add(incoming(i, alert("old" + i, "NL", "url:x", T0.plusSeconds(i))));
      }
      store.addAll(batch);
      AlertStore.Page first = store.page("NL", AlertStore.Query.all(), null, 10);
      store.addAll(List.of(incoming(30, alert("new", "NL", "url:x", T0.plusSeconds(100)))));
      AlertStore.Page second = store.page("NL", AlertStore.Query.all(), first.next().get(), 10);

      assertThat(first.alerts()).extracting(AlertView::id).startsWith("old29", "old28");
      assertThat(second.alerts()).extracting(AlertView::id).startsWith("old19").hasSize(10);
    }
  }

  @Test
  void filtersByTimeIndicatorAndPredicateAndHidesNoticesFromTheIndicatorIndex() {
    try (AlertStore store = AlertStore.open(dir, "cluster-1", JSON)) {
      store.addAll(
          List.of(
              incoming(0, alert("a", "NL", "url:x", T0)),
              incoming(1, alert("b", "NL", "url:x", T0.plusSeconds(60))),
              incoming(2, alert("c", "NL", "url:y", T0.plusSeconds(120))),
              incoming(3, notice("n", "NL", "url:x", T0.plusSeconds(180)))));

      assertThat(ids(store, new AlertStore.Query(null, null, "url:x", a -> true)))
          .containsExactly("b", "a");
      assertThat(
              ids(
                  store,
                  new AlertStore.Query(T0.plusSeconds(60), T0.plusSeconds(180), null, a -> true)))
          .containsExactly("c", "b");
      assertThat(
              ids(
                  store,
                  new AlertStore.Query(null, null, null, a -> "HIT_NO_HIT".equals(a.disclosure()))))
          .containsExactly("n");
      assertThat(store.find("NL", "c")).map(AlertView::indicator).contains("url:y");
      assertThat(store.find("DE", "c")).isEmpty();
    }
  }

  @Test
  void aReplayIsNotNewsAndTheOffsetsSurviveAReopen() {
    try (AlertStore store = AlertStore.open(dir, "cluster-1", JSON)) {
      assertThat(store.addAll(List.of(incoming(0, alert("a", "NL", "url:x", T0))))).hasSize(1);
      assertThat(store.addAll(List.of(incoming(1, alert("a", "NL", "url:x", T0))))).isEmpty();
      assertThat(store.nextOffset(NL)).hasValue(2);
    }
    try (AlertStore store = AlertStore.open(dir, "cluster-1", JSON)) {
      assertThat(store.nextOffset(NL)).hasValue(2);
      assertThat(store.find("NL", "a")).isPresent();
    }
    // A store filled from another cluster: its offsets mean nothing there.
    try (AlertStore store = AlertStore.open(dir, "cluster-2", JSON)) {
      assertThat(store.nextOffset(NL)).isEmpty();
      assertThat(store.find("NL", "a")).isEmpty();
    }
  }

  @Test
  void aSupersedingAlertIsRecordedAgainstTheOneItReplaces() {
    try (AlertStore store = AlertStore.open(dir, "cluster-1", JSON)) {
      AlertView replaced = alert("a", "NL", "url:x", T0);
      AlertView replacing =
          new AlertView(
              "s",
              "SUPERSEDED",
              "NL",
              "url:x",
              "URL",
              "LOW",
              "FULL",
              List.of(),
              List.of(),
              List.of(),
              T0,
              T0,
              T0.plusSeconds(5),
              "withdrawn",
              "a",
              Map.of(),
              null,
              Map.of());
      store.addAll(List.of(incoming(0, replaced), incoming(1, replacing)));
      assertThat(store.supersededBy("NL", "a")).contains("s");
      assertThat(store.supersededBy("NL", "s")).isEmpty();
    }
  }

  @Test
  void pruningDropsWhatLeftTheTopicsWithItsIndexes() {
    try (AlertStore store = AlertStore.open(dir, "cluster-1", JSON)) {
      store.addAll(
          List.of(
              incoming(0, alert("old", "NL", "url:x", T0)),
              incoming(1, alert("new", "NL", "url:x", T0.plusSeconds(3600)))));
      assertThat(store.prune(T0.plusSeconds(1))).isEqualTo(1);
      assertThat(store.find("NL", "old")).isEmpty();
      assertThat(ids(store, new AlertStore.Query(null, null, "url:x", a -> true)))
          .containsExactly("new");
    }
  }

  @Test
  void aClosedStoreRefusesInsteadOfTouchingItsNativeHandle() {
    AlertStore store = AlertStore.open(dir, "cluster-1", JSON);
    store.close();
    store.close(); // twice is harmless
    assertThatThrownBy(() -> store.find("NL", "a")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.addAll(List.of())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCursorThatWasNotGivenOutIsABadParameter() {
    try (AlertStore store = AlertStore.open(dir, "cluster-1", JSON)) {
      assertThatThrownBy(() -> store.page("NL", AlertStore.Query.all(), "!!", 10))
          .isInstanceOf(BadParameterException.class)
          .hasMessageContaining("cursor");
    }
  }

  private static List<String> ids(AlertStore store, AlertStore.Query query) {
    return store.page("NL", query, null, 100).alerts().stream().map(AlertView::id).toList();
  }

  private static AlertStore.Incoming incoming(long offset, AlertView alert) {
    return new AlertStore.Incoming(NL, offset, alert.createdAt().toEpochMilli(), alert);
  }

  static AlertView alert(String id, String recipient, String indicator, Instant at) {
    return new AlertView(
        id,
        "CROSS_BORDER_MATCH",
        recipient,
        indicator,
        "URL",
        "HIGH",
        "FULL",
        List.of("NL", "DE"),
        List.of("nl-police"),
        List.of("s-" + id),
        at,
        at,
        at,
        "seen",
        null,
        Map.of(),
        null,
        Map.of());
  }

  private static AlertView notice(String id, String recipient, String indicator, Instant at) {
    return new AlertView(
        id,
        "HIT_NO_HIT",
        recipient,
        indicator,
        "URL",
        "MEDIUM",
        "HIT_NO_HIT",
        List.of(),
        List.of(),
        List.of(),
        at,
        at,
        at,
        "another member",
        null,
        Map.of(),
        null,
        Map.of());
  }
}
