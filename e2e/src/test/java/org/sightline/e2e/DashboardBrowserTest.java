package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.sightline.testing.TestMembers;

/**
 * The secretariat dashboard in headless Chromium: after a feed that touches every series, every
 * data set of every chart holds data, read from the Chart.js instances themselves, not from the
 * canvas elements merely being there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class DashboardBrowserTest {

  /** The processor flushes its counts every 5 s and the page polls every 5 s. */
  private static final Duration CHARTS = Duration.ofSeconds(40);

  /** The charts the feed below fills; the processor lag, rightly 0 once it is done, is apart. */
  private static final String[] CHART_IDS = {
    "sightingsByCountry", "sightingsByType", "alertsByReason", "deconfliction", "iwol", "latency"
  };

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private RunningSightline sightline;
  private Browser secretariat;

  @BeforeAll
  void openDashboard() {
    if (!Browser.chromiumAvailable()) {
      return; // every test is skipped, with the reason, by requireChromium
    }
    sightline = RunningSightline.get();
    secretariat = Browser.loggedIn(sightline, TestMembers.SECRETARIAT_USER);
  }

  @BeforeEach
  void requireChromium() {
    Browser.assumeChromium();
  }

  @AfterAll
  void closeDashboard() {
    if (secretariat != null) {
      secretariat.close();
    }
  }

  @Test
  void everyChartOfTheDashboardShowsData() {
    assertThat(secretariat.driver().getCurrentUrl())
        .as("the secretariat lands on the dashboard")
        .endsWith("/dashboard.html");
    // "Worst of" material reported by two countries, hosted in one of them: a cross-border match,
    // an IWOL listing, a takedown alert (hosted-to-alert latency).
    String listed = "http://iwol-" + run + ".example/x";
    sightline.post(
        TestMembers.NL_POLICE,
        SightingJson.url(id("nl-iwol"), listed)
            .category("BASELINE_CSAM")
            .hostedIn("DE")
            .toString());
    sightline.post(
        TestMembers.DE_POLICE,
        SightingJson.url(id("de-iwol"), listed).category("BASELINE_CSAM").toString());
    sightline.approveWhenProposed("iwol-" + run + ".example");
    // A RED sighting matched by another country: a hit/no-hit notice.
    String red = "http://redd-" + run + ".example/y";
    sightline.post(
        TestMembers.JO_POLICE, SightingJson.url(id("jo-red"), red).tlp("RED").toString());
    sightline.post(TestMembers.NL_POLICE, SightingJson.url(id("nl-red"), red).toString());

    Map<String, Map<String, Number>> points =
        secretariat.await(
            CHARTS,
            "data in every data set of every chart",
            d -> {
              Map<String, Map<String, Number>> now = dataPoints();
              return now.values().stream()
                      .allMatch(
                          sets ->
                              sets != null
                                  && !sets.isEmpty()
                                  && sets.values().stream().allMatch(n -> n.doubleValue() > 0))
                  ? now
                  : null;
            });
    secretariat.screenshot("dashboard-with-data");
    System.out.println("e2e: dashboard data per chart and data set " + points);
    assertThat(points).containsOnlyKeys(CHART_IDS);
    assertThat(points.get("deconfliction"))
        .containsOnlyKeys("Cross-border matches", "Hit/no-hit notices");
    assertThat(points.get("latency")).hasSize(2);

    // The processor's lag, measured from its consumer group on the broker: once the feed is
    // correlated nothing waits. A wrong group would count every intake record as waiting.
    secretariat.await(
        Duration.ofSeconds(30),
        "the processor lag to be measured at 0",
        d ->
            String.valueOf(
                        secretariat.js(
                            "return document.getElementById('lag-summary').textContent;"))
                    .startsWith("Now: 0 waiting")
                ? true
                : null);
    Number measuredMinutes =
        (Number)
            secretariat.js(
                "return Chart.getChart('chart-processorLag').data.datasets[0].data"
                    + ".filter(function (v) { return v != null; }).length;");
    assertThat(measuredMinutes.intValue()).as("minutes with a lag measurement").isPositive();
    secretariat.screenshot("dashboard-processor-lag");

    // The country × country matrix counts the NL-DE match on both sides.
    assertThat(
            secretariat.js(
                "return Array.from(document.querySelectorAll('#matrix td.heat')).length;"))
        .isInstanceOf(Number.class)
        .satisfies(n -> assertThat(((Number) n).intValue()).isGreaterThanOrEqualTo(2));

    // Headline tiles: the NL-DE match reached NL and DE, and nobody has acknowledged it.
    assertThat(tile("unacknowledged")).isGreaterThanOrEqualTo(2);
    assertThat(tile("open")).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo(tile("unacknowledged"));
    assertThat(tile("criticalUnacknowledged")).isLessThanOrEqualTo(tile("unacknowledged"));
    // Scales a person can read: one outlier or one busy reason no longer flattens the rest, and
    // time axes carry the date.
    assertThat(secretariat.js("return Chart.getChart('chart-latency').options.scales.y.type;"))
        .isEqualTo("logarithmic");
    assertThat(
            secretariat.js("return Chart.getChart('chart-alertsByReason').options.scales.y.type;"))
        .isEqualTo("logarithmic");
    assertThat(
            String.valueOf(
                secretariat.js("return Chart.getChart('chart-latency').data.labels[0];")))
        .as("a time axis label with its date")
        .matches("[A-Za-z]{3} \\d{1,2}, \\d{2}:\\d{2}");
  }

  /**
   * An analyst who opens the dashboard (a bookmark, a shared link) gets a page that says, in their
   * language, that it is for the secretariat, and the page asks the service for nothing more.
   */
  @Test
  void anAnalystIsToldTheDashboardIsForTheSecretariatAndNothingIsPolled() {
    try (Browser analyst = Browser.loggedIn(sightline, TestMembers.JO_ANALYST)) {
      analyst.get("/dashboard.html");
      analyst.await(
          Duration.ofSeconds(20),
          "the page for the secretariat only",
          d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-forbidden")));
      Map<String, Object> bundle = analyst.messages("ar");
      assertThat(analyst.driver().findElement(By.cssSelector("#forbidden h2")).getText())
          .as("in the analyst's language (Arabic)")
          .isEqualTo(bundle.get("dashboard.forbidden"));
      assertThat(analyst.driver().findElement(By.id("charts")).isDisplayed()).isFalse();
      ServiceProcess.sleep(12_000); // more than two polling intervals
      assertThat(
              analyst.js(
                  "return performance.getEntriesByType('resource').filter(function (e) {"
                      + "  return e.name.indexOf('api/v1/dashboard') >= 0; }).length;"))
          .as("requests for the dashboard's data")
          .isEqualTo(0L);
      analyst.screenshot("dashboard-refused-to-an-analyst");
    }
  }

  private long tile(String name) {
    String text =
        String.valueOf(
            secretariat.js(
                "return document.querySelector('[data-tile=\"' + arguments[0] + '\"] .value')"
                    + ".textContent;",
                name));
    return Long.parseLong(text.replaceAll("[^0-9]", ""));
  }

  /**
   * Per chart, per data set (by its legend label), the sum of its data points as Chart.js holds
   * them; null for a chart Chart.js has not built.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Number>> dataPoints() {
    Map<String, Object> raw =
        (Map<String, Object>)
            secretariat.js(
                "var out = {};"
                    + "arguments[0].forEach(function (id) {"
                    + "  var chart = window.Chart && Chart.getChart('chart-' + id);"
                    + "  if (!chart) { out[id] = null; return; }"
                    + "  out[id] = {};"
                    + "  chart.data.datasets.forEach(function (set) {"
                    + "    out[id][set.label] ="
                    + "      set.data.reduce(function (s, v) { return s + (v || 0); }, 0);"
                    + "  });"
                    + "});"
                    + "return out;",
                List.of(CHART_IDS));
    Map<String, Map<String, Number>> points = new TreeMap<>();
    raw.forEach(
        (chart, sets) -> {
          Map<String, Number> sums = null;
          if (sets != null) {
            sums = new TreeMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) sets).entrySet()) {
              sums.put(e.getKey(), (Number) e.getValue());
            }
          }
          points.put(chart, sums);
        });
    return points;
  }

  private String id(String what) {
    return "e2e-" + run + "-" + what;
  }
}
