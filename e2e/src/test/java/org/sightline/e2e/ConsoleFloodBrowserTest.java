package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
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
 * The analyst console under a flood: for two minutes, more than 200 alerts a second reach KE's
 * analyst (written to {@code alerts.KE} as the processor writes them, so that the rate is the
 * test's, not the correlation's), with one CRITICAL alert in the middle. Every few seconds the
 * analyst shows what arrived and opens an alert; each time the page must answer the click within
 * 200 ms, hold a bounded number of rows, keep the detail's actions in view, and ask the service
 * exactly once per opened alert. At the end, sorted by severity, the CRITICAL alert is on top.
 * Screenshots in English and in Arabic are kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class ConsoleFloodBrowserTest {

  private static final Duration FLOOD = Duration.ofMinutes(2);
  private static final int PER_SECOND = 220;
  private static final Duration LOOK_EVERY = Duration.ofSeconds(6);
  private static final long CLICK_BUDGET_MS = 200;
  private static final int MAX_ROWS = 50;
  private static final TopicSpec<Alert> KE = Topics.alerts(CountryCode.of("KE"));

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private RunningSightline sightline;
  private ConsolePage ke;

  @BeforeAll
  void openConsole() {
    if (!Browser.chromiumAvailable()) {
      return; // every test is skipped, with the reason, by requireChromium
    }
    sightline = RunningSightline.get();
    ke = new ConsolePage(Browser.loggedIn(sightline, TestMembers.KE_ANALYST));
    ke.browser.get("/?country=KE");
    ke.awaitLive();
  }

  @BeforeEach
  void requireChromium() {
    Browser.assumeChromium();
  }

  @AfterAll
  void closeConsole() {
    if (ke != null) {
      ke.browser.close();
    }
  }

  @Test
  void theConsoleStaysUsableThroughTwoMinutesOfTwoHundredAlertsASecond() throws Exception {
    Browser b = ke.browser;
    // Every request the page makes is counted by the browser itself, not by the page's code.
    b.js("performance.setResourceTimingBufferSize(100000); performance.clearResourceTimings();");
    String criticalId = "flood-critical-" + run;
    AtomicLong sent = new AtomicLong();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    List<Long> clickMillis = new ArrayList<>();
    int opened = 0;
    boolean criticalSent = false;
    boolean criticalSeenInBar = false;

    ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
    try (KafkaProducer<String, Alert> producer = sightline.stack.producer(KE)) {
      Instant start = Instant.now();
      // In ticks of 50 ms, so that the rate is even, not a burst per second.
      feed.scheduleAtFixedRate(
          () -> {
            try {
              for (int i = 0; i < PER_SECOND / 20; i++) {
                long n = sent.getAndIncrement();
                Alert alert = routine(n);
                producer.send(new ProducerRecord<>(KE.name(), alert.getId(), alert));
              }
            } catch (RuntimeException e) {
              failed.compareAndSet(null, e);
            }
          },
          0,
          50,
          TimeUnit.MILLISECONDS);

      Instant end = start.plus(FLOOD);
      Instant nextLook = start.plus(LOOK_EVERY);
      while (Instant.now().isBefore(end)) {
        ServiceProcess.sleep(Math.max(0, Duration.between(Instant.now(), nextLook).toMillis()));
        nextLook = nextLook.plus(LOOK_EVERY);
        if (!criticalSent && Instant.now().isAfter(start.plus(FLOOD.dividedBy(2)))) {
          Alert critical = critical(criticalId);
          producer.send(new ProducerRecord<>(KE.name(), critical.getId(), critical)).get();
          criticalSent = true;
          // The bar says a critical one is waiting, before the reader shows anything.
          b.await(
              Duration.ofSeconds(10),
              "the new-alerts bar to announce a critical alert",
              d -> barText(b).contains("1 critical") ? true : null);
          criticalSeenInBar = true;
          b.screenshot("flood-bar-announces-a-critical-alert");
        }
        ke.showNew();
        long ms = clickRow(b, opened);
        clickMillis.add(ms);
        opened++;
        assertThat(ms)
            .as("a click on a row answered (panel drawn, next frame painted) within budget")
            .isLessThan(CLICK_BUDGET_MS);
        assertPageBounded(b);
        if (opened == 3) {
          b.screenshot("flood-english-detail-open");
        }
        closeDetail(b);
      }
      feed.shutdownNow();
      feed.awaitTermination(5, TimeUnit.SECONDS);
      producer.flush();
      double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
      System.out.printf(
          Locale.ROOT,
          "e2e: flood of %d alerts in %.0f s (%.0f/s); %d looks, click answered in %s ms%n",
          sent.get(),
          seconds,
          sent.get() / seconds,
          opened,
          clickMillis);
      assertThat(failed.get()).as("the feed's producer").isNull();
      assertThat(sent.get() / seconds).as("alerts per second sent").isGreaterThanOrEqualTo(200);
    } finally {
      feed.shutdownNow();
    }
    assertThat(criticalSeenInBar).isTrue();

    // The page received the flood: it was not slow enough to lose the stream.
    long expected = sent.get() + 1;
    b.await(
        Duration.ofSeconds(30),
        "the page to receive every alert of the flood",
        d -> received(b) >= expected ? true : null);

    // Exactly one request per opened alert: none per redraw, none per alert that arrived.
    ServiceProcess.sleep(3000);
    assertThat(detailRequests(b))
        .as("alert-detail requests for %d looks", opened)
        .isEqualTo((long) opened);

    // Sorted by severity, the one CRITICAL alert of the flood is on top.
    ke.showNew();
    b.js(
        "var s = document.getElementById('sort'); s.value = 'severity';"
            + "s.dispatchEvent(new Event('change'));");
    assertThat(b.js("return document.querySelector('#rows tr').dataset.id;")).isEqualTo(criticalId);
    assertThat(b.js("return document.querySelector('#rows tr').dataset.severity;"))
        .isEqualTo("CRITICAL");
    assertThat(rowCount(b)).isLessThanOrEqualTo(MAX_ROWS);
    // Repeats are grouped: the flood's indicators alert many times, each one row with a count.
    assertThat(b.js("return document.querySelectorAll('#rows .badge.count').length;"))
        .as("rows that stand for several alerts")
        .isNotEqualTo(0L);
    b.screenshot("flood-english-sorted-by-severity");

    // The same page in Arabic: English text and indicators isolated left to right.
    b.js("localStorage.setItem('sightline.lang.' + arguments[0], 'ar');", TestMembers.KE_ANALYST);
    b.driver().navigate().refresh();
    ke.awaitLive();
    assertThat(b.js("return document.documentElement.getAttribute('dir');")).isEqualTo("rtl");
    b.await(Duration.ofSeconds(20), "rows in Arabic", d -> rowCount(b) > 0 ? true : null);
    assertThat(
            b.js(
                "return Array.from(document.querySelectorAll('#rows td.alert-text,"
                    + " #rows td.indicator')).every(function (td) { return td.dir === 'ltr'; });"))
        .as("every cell of English text or an indicator runs left to right")
        .isEqualTo(true);
    clickRow(b, 0);
    b.screenshot("flood-arabic-detail-open");
    b.js("localStorage.removeItem('sightline.lang.' + arguments[0]);", TestMembers.KE_ANALYST);
  }

  /**
   * A routine alert of the flood: near-duplicate matches on 40 images, cross-border and
   * multi-agency matches on 300 URLs, never CRITICAL; English text with the full stops and brackets
   * that the bidi algorithm moves when not isolated.
   */
  private Alert routine(long n) {
    int kind = (int) (n % 10);
    AlertReason reason =
        kind < 5
            ? AlertReason.NEAR_DUPLICATE_HASH
            : kind < 8
                ? AlertReason.CROSS_BORDER_MATCH
                : kind < 9 ? AlertReason.MULTI_AGENCY_MATCH : AlertReason.LINKED_INDICATORS;
    boolean image = reason == AlertReason.NEAR_DUPLICATE_HASH;
    String indicator =
        image
            ? "pdq:" + String.format(Locale.ROOT, "%064x", 0xf00dL * 1_000_003L + n % 40)
            : "url:http://flood-" + run + "-" + (n % 300) + ".example/page-" + (n % 300);
    Severity severity = Severity.values()[(int) (n % 3)]; // LOW, MEDIUM, HIGH
    return base("flood-" + run + "-" + n, reason, indicator, severity)
        .setIndicatorType(image ? IndicatorType.PDQ : IndicatorType.URL)
        .setDisclosure(n % 7 == 0 ? Disclosure.LIMITED : Disclosure.FULL)
        .setAttributes(Map.of("tlp", n % 5 == 0 ? "AMBER" : "GREEN"))
        .build();
  }

  private Alert critical(String id) {
    return base(
            id,
            AlertReason.CROSS_BORDER_MATCH,
            "url:http://critical-" + run + ".example/",
            Severity.CRITICAL)
        .setIndicatorType(IndicatorType.URL)
        .setDisclosure(Disclosure.FULL)
        .setAttributes(Map.of("tlp", "AMBER"))
        .build();
  }

  private static Alert.Builder base(
      String id, AlertReason reason, String indicator, Severity severity) {
    Instant now = Instant.now();
    return Alert.newBuilder()
        .setId(id)
        .setReason(reason)
        .setRecipient("KE")
        .setIndicator(indicator)
        .setSeverity(severity)
        .setCountries(List.of("KE", "NL"))
        .setAgencies(List.of("ke-police", "nl-police"))
        .setSightingIds(List.of("s-" + id))
        .setFirstSeen(now)
        .setLastSeen(now)
        .setCreatedAt(now)
        .setMessage("Reported by agencies of 2 countries (KE, NL). Coordinate before acting.");
  }

  /**
   * Clicks a row in the page and measures, in the page, from the click to the next frame after it
   * (the panel drawn and painted). Returns the milliseconds.
   */
  private static long clickRow(Browser b, int which) {
    @SuppressWarnings("unchecked")
    Map<String, Object> result =
        (Map<String, Object>)
            b.jsAsync(
                "var done = arguments[arguments.length - 1];"
                    + "var rows = document.querySelectorAll('#rows tr');"
                    + "var row = rows[arguments[0] % rows.length];"
                    + "var t0 = performance.now();"
                    + "row.click();"
                    + "requestAnimationFrame(function () { setTimeout(function () {"
                    + "  done({ ms: performance.now() - t0,"
                    + "    open: !document.getElementById('detail').hidden }); }, 0); });",
                which);
    assertThat(result.get("open")).as("the detail panel opened").isEqualTo(true);
    return Math.round(((Number) result.get("ms")).doubleValue());
  }

  private static void closeDetail(Browser b) {
    b.js("document.getElementById('detail-close').click();");
  }

  /** Rows bounded, the page's height bounded, the panel inside the window, its actions in view. */
  private static void assertPageBounded(Browser b) {
    @SuppressWarnings("unchecked")
    Map<String, Object> page =
        (Map<String, Object>)
            b.js(
                "var panel = document.getElementById('detail').getBoundingClientRect();"
                    + "var ack = document.getElementById('ack').getBoundingClientRect();"
                    + "return { rows: document.querySelectorAll('#rows tr').length,"
                    + "  height: document.documentElement.scrollHeight,"
                    + "  panelRight: panel.right, panelLeft: panel.left,"
                    + "  ackTop: ack.top, ackBottom: ack.bottom,"
                    + "  ackOnTop: document.elementFromPoint((ack.left + ack.right) / 2,"
                    + "    (ack.top + ack.bottom) / 2) === document.getElementById('ack'),"
                    + "  width: window.innerWidth, windowHeight: window.innerHeight };");
    double windowHeight = ((Number) page.get("windowHeight")).doubleValue();
    double width = ((Number) page.get("width")).doubleValue();
    assertThat(((Number) page.get("rows")).intValue())
        .as("rows in the page")
        .isLessThanOrEqualTo(MAX_ROWS);
    assertThat(((Number) page.get("height")).doubleValue())
        .as("the page's height (px)")
        .isLessThan(6000);
    assertThat(((Number) page.get("panelRight")).doubleValue())
        .as("the detail panel's right edge")
        .isLessThanOrEqualTo(width);
    assertThat(((Number) page.get("panelLeft")).doubleValue()).isGreaterThanOrEqualTo(0);
    assertThat(((Number) page.get("ackTop")).doubleValue())
        .as("the Acknowledge button's top")
        .isGreaterThanOrEqualTo(0);
    assertThat(((Number) page.get("ackBottom")).doubleValue())
        .as("the Acknowledge button's bottom")
        .isLessThanOrEqualTo(windowHeight);
    assertThat(page.get("ackOnTop"))
        .as("the Acknowledge button is what a click there reaches (nothing covers it)")
        .isEqualTo(true);
  }

  private static String barText(Browser b) {
    return String.valueOf(
        b.js(
            "var bar = document.getElementById('new-alerts');"
                + "return bar.hidden ? '' : document.getElementById('show-new').textContent;"));
  }

  private static long received(Browser b) {
    Object n = b.js("return Number(document.body.dataset.received || 0);");
    return ((Number) n).longValue();
  }

  private static long detailRequests(Browser b) {
    Object n =
        b.js(
            "return performance.getEntriesByType('resource')"
                + ".filter(function (e) { return e.name.indexOf('api/v1/alert-detail') >= 0; })"
                + ".length;");
    return ((Number) n).longValue();
  }

  private static long rowCount(Browser b) {
    return ((Number) b.js("return document.querySelectorAll('#rows tr').length;")).longValue();
  }
}
