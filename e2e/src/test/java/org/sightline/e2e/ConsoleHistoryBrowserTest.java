package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.sightline.members.CountryCode;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Disclosure;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Severity;
import org.sightline.testing.TestMembers;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * An analyst reads an earlier day in the console: 2,500 alerts of DE, three days back (far more
 * than the first page), found by the day filters and read to the oldest with "Load older alerts", a
 * thousand at a time, from the history the service keeps on disk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class ConsoleHistoryBrowserTest {

  private static final int COUNT = 2_500;
  private static final TopicSpec<Alert> DE = Topics.alerts(CountryCode.of("DE"));

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
  private RunningSightline sightline;
  private ConsolePage de;

  @BeforeAll
  void openConsole() {
    if (!Browser.chromiumAvailable()) {
      return; // every test is skipped, with the reason, by requireChromium
    }
    sightline = RunningSightline.get();
    de = new ConsolePage(Browser.loggedIn(sightline, TestMembers.DE_ANALYST)).awaitLive();
  }

  @BeforeEach
  void requireChromium() {
    Browser.assumeChromium();
  }

  @AfterAll
  void closeConsole() {
    if (de != null) {
      de.browser.close();
    }
  }

  @Test
  void anAnalystReadsAnEarlierDayToItsOldestAlert() throws Exception {
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(9));
    try (KafkaProducer<String, Alert> producer = sightline.stack.producer(DE)) {
      for (int i = 0; i < COUNT; i++) {
        Alert alert = alert(i, start.plusSeconds(i));
        producer.send(new ProducerRecord<>(DE.name(), alert.getId(), alert));
      }
      producer.flush();
    }
    Browser b = de.browser;
    String newest = "history-" + run + "-" + (COUNT - 1);
    b.await(
        Duration.ofSeconds(60),
        "the service to hold the day's alerts",
        d -> {
          List<Map<String, Object>> page = de.alertsFromApi("DE&from=" + day + "&until=" + day);
          return !page.isEmpty() && newest.equals(page.get(0).get("id")) ? true : null;
        });

    // The day, as an analyst picks it: both day fields, then the service is asked again.
    b.js(
        "document.getElementById('f-from').value = arguments[0];"
            + "var until = document.getElementById('f-until');"
            + "until.value = arguments[0];"
            + "until.dispatchEvent(new Event('change'));",
        day.toString());
    awaitHeld(b, 1000);
    assertThat(de.rowsMentioning("history-" + run)).hasSize(50);
    b.screenshot("history-first-page-of-an-earlier-day");

    b.driver().findElement(By.id("load-older")).click();
    awaitHeld(b, 2000);
    b.driver().findElement(By.id("load-older")).click();
    awaitHeld(b, COUNT);
    b.await(
        Duration.ofSeconds(10),
        "the older button to go once the day is read to its start",
        d -> d.findElement(By.id("load-older")).isDisplayed() ? null : true);

    // The day's first alert is on the page now, found by its indicator.
    b.js(
        "var s = document.getElementById('search'); s.value = arguments[0];"
            + "s.dispatchEvent(new Event('input'));",
        "history-" + run + ".example/0");
    List<String> oldest =
        b.await(
            Duration.ofSeconds(10),
            "the day's oldest alert to be found",
            d -> {
              List<String> rows = de.rowsMentioning("history-" + run + ".example/0");
              return rows.isEmpty() ? null : rows;
            });
    assertThat(oldest).hasSize(1);
    b.screenshot("history-oldest-alert-of-the-day");
  }

  private static void awaitHeld(Browser b, int n) {
    b.await(
        Duration.ofSeconds(30),
        n + " alerts held by the page",
        d ->
            b.pageText().contains("(" + n + " held)")
                    || b.pageText().contains("(" + String.format(Locale.ROOT, "%,d", n) + " held)")
                ? true
                : null);
  }

  private Alert alert(int i, Instant at) {
    return Alert.newBuilder()
        .setId("history-" + run + "-" + i)
        .setReason(AlertReason.CROSS_BORDER_MATCH)
        .setRecipient("DE")
        .setIndicator("url:http://history-" + run + ".example/" + i)
        .setIndicatorType(IndicatorType.URL)
        .setSeverity(Severity.MEDIUM)
        .setDisclosure(Disclosure.FULL)
        .setCountries(List.of("DE", "NL"))
        .setAgencies(List.of("de-police", "nl-police"))
        .setSightingIds(List.of("s-history-" + run + "-" + i))
        .setFirstSeen(at)
        .setLastSeen(at)
        .setCreatedAt(at)
        .setMessage("Seen by agencies in DE and NL.")
        .setAttributes(Map.of())
        .build();
  }
}
