package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.sightline.testing.TestMembers;

/**
 * The analyst console in headless Chromium against the whole backbone. Four analysts are logged in
 * at once, each in a browser of their own: two of NL, one of DE, one of JO (whose language is
 * Arabic). Sightings go in at the intake over HTTP, as an agency's system sends them; what the
 * tests look at is what each analyst's page shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class ConsoleBrowserTest {

  /** "Within seconds", as the issue puts it: from the last POST to the row on the page. */
  private static final Duration ARRIVAL = Duration.ofSeconds(15);

  /** How long after the expected rows arrived a misrouted one would surely have arrived too. */
  private static final Duration STRAGGLERS = Duration.ofSeconds(3);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private RunningSightline sightline;
  private ConsolePage nl;
  private ConsolePage nl2;
  private ConsolePage de;
  private ConsolePage jo;

  @BeforeAll
  void openConsoles() {
    if (!Browser.chromiumAvailable()) {
      return; // every test is skipped, with the reason, by requireChromium
    }
    sightline = RunningSightline.get();
    nl = new ConsolePage(Browser.loggedIn(sightline, TestMembers.NL_ANALYST)).awaitLive();
    nl2 = new ConsolePage(Browser.loggedIn(sightline, TestMembers.NL_ANALYST_2)).awaitLive();
    de = new ConsolePage(Browser.loggedIn(sightline, TestMembers.DE_ANALYST)).awaitLive();
    jo = new ConsolePage(Browser.loggedIn(sightline, TestMembers.JO_ANALYST)).awaitLive();
  }

  @BeforeEach
  void requireChromium() {
    Browser.assumeChromium();
  }

  @AfterAll
  void closeConsoles() {
    for (ConsolePage page : new ConsolePage[] {nl, nl2, de, jo}) {
      if (page != null) {
        page.browser.close();
      }
    }
  }

  @Test
  void aCrossBorderPairReachesTheConsolesOfBothCountriesAndNoOther() {
    // Two pairs at once, each the other's control: NL+DE must not reach JO, JO+DE must not reach
    // NL.
    String nlDe = "nl-de-" + run + ".example";
    String joDe = "jo-de-" + run + ".example";
    sightline.post(
        TestMembers.NL_POLICE, SightingJson.url(id("nl-a"), "http://" + nlDe + "/a").toString());
    sightline.post(
        TestMembers.DE_POLICE, SightingJson.url(id("de-a"), "http://" + nlDe + "/a").toString());
    sightline.post(
        TestMembers.JO_POLICE, SightingJson.url(id("jo-b"), "http://" + joDe + "/b").toString());
    sightline.post(
        TestMembers.DE_POLICE, SightingJson.url(id("de-b"), "http://" + joDe + "/b").toString());
    Instant posted = Instant.now();
    Instant deadline = posted.plus(ARRIVAL);

    List<String> atNl = nl.awaitRows(nlDe, deadline);
    List<String> atDe = de.awaitRows(nlDe, deadline);
    de.awaitRows(joDe, deadline);
    List<String> atJo = jo.awaitRows(joDe, deadline);
    System.out.printf(
        "e2e: cross-border pairs on every console %d ms after the last POST%n",
        Duration.between(posted, Instant.now()).toMillis());
    nl.browser.screenshot("cross-border-pair-in-NL");
    de.browser.screenshot("cross-border-pairs-in-DE");

    assertThat(atNl)
        .as("NL's rows on the NL+DE pair")
        .anySatisfy(
            row ->
                assertThat(row)
                    .contains("Cross-border match", "url:http://" + nlDe + "/a")
                    .contains("DE, NL", "de-police", "nl-police"));
    assertThat(atDe)
        .as("DE's rows on the NL+DE pair")
        .anySatisfy(row -> assertThat(row).contains("Cross-border match", "DE, NL"));
    assertThat(atJo).as("JO's rows on the JO+DE pair").isNotEmpty();

    ServiceProcess.sleep(STRAGGLERS.toMillis());
    jo.browser.screenshot("JO-without-the-NL-DE-pair");
    assertThat(jo.dom()).as("JO's page: nothing of the NL+DE pair").doesNotContain(nlDe);
    assertThat(nl.dom()).as("NL's page: nothing of the JO+DE pair").doesNotContain(joDe);
    // Nor anywhere the page could have filtered it out: JO's own API answer has none of it.
    assertThat(jo.alertsFromApi("JO").toString()).doesNotContain(nlDe).contains(joDe);
    assertThat(List.of(nl, de, jo))
        .as("the rows arrived on open pages, live")
        .allMatch(ConsolePage::neverReloaded);
  }

  @Test
  void aRedSightingReachesAnotherCountryAsHitNoHitOnly() {
    restrictedSightingIsHitNoHitForEveryoneButItsAgency("RED", "red");
  }

  /**
   * TLP 2.0's AMBER+STRICT: for the reporting organisation only. Another country's analysts get a
   * hit/no-hit notice; the other agencies of its own country (whose analysts read the same NL alert
   * topic) nothing; the agency's own analyst sees the match in full, on the agency's own alerts.
   */
  @Test
  void anAmberStrictSightingIsHitNoHitInAnotherAgencysConsole() {
    restrictedSightingIsHitNoHitForEveryoneButItsAgency("AMBER+STRICT", "strict");
  }

  private void restrictedSightingIsHitNoHitForEveryoneButItsAgency(String tlp, String label) {
    String host = label + "-" + run + ".example";
    String url = "http://" + host + "/r";
    String secretId = id("nl-" + label);
    String caseRef = "CASE-" + label.toUpperCase(Locale.ROOT) + "-" + run.toUpperCase(Locale.ROOT);
    sightline.post(
        TestMembers.NL_POLICE,
        SightingJson.url(secretId, url).tlp(tlp).caseRef(caseRef).toString());
    sightline.post(TestMembers.DE_POLICE, SightingJson.url(id("de-" + label), url).toString());
    Instant deadline = Instant.now().plus(ARRIVAL);

    // The reporting agency's own analyst sees its match in full, DE's GREEN sighting included, on
    // the agency's own alerts (the country's topic is read by every NL agency).
    ConsolePage own = new ConsolePage(Browser.loggedIn(sightline, TestMembers.NL_POLICE_ANALYST));
    try {
      own.browser.get("/?country=agency:nl-police");
      own.awaitLive();
      assertThat(own.awaitRows(host, deadline))
          .anySatisfy(row -> assertThat(row).contains("Cross-border match", "de-police"));
      own.row(own.idOfRow(host)).click();
      WebElement ownDetail =
          own.browser.await(
              Duration.ofSeconds(5),
              "the agency's alert detail",
              d -> {
                WebElement panel = d.findElement(By.id("detail"));
                return panel.isDisplayed() ? panel : null;
              });
      assertThat(ownDetail.getText()).contains("TLP:" + tlp, secretId);
      // The processor's state, cut to this agency's view, over the consumers' mutual TLS.
      String state =
          own.browser.await(
              Duration.ofSeconds(20),
              "the indicator's correlation state in the detail",
              d -> {
                String text = d.findElement(By.id("indicator-state")).getText();
                return text.startsWith("Reported") ? text : null;
              });
      assertThat(state).contains("nl-police", "de-police");
      own.browser.screenshot(label + "-sighting-in-its-agencys-console");
    } finally {
      own.browser.close();
    }

    // DE learns only that someone else holds something: find its notices through its own API.
    List<String> notices =
        de.browser.await(
            ConsolePage.remaining(deadline),
            "DE's hit/no-hit notice on " + host,
            d -> {
              List<String> ids =
                  de.alertsFromApi("DE").stream()
                      .filter(a -> String.valueOf(a.get("indicator")).contains(host))
                      .filter(a -> "HIT_NO_HIT".equals(a.get("disclosure")))
                      .map(a -> String.valueOf(a.get("id")))
                      .toList();
              de.showNew();
              return ids.isEmpty() || de.browser.all(rowSelector(ids.get(0))).isEmpty()
                  ? null
                  : ids;
            });
    List<Map<String, Object>> deAlertsOnIt =
        de.alertsFromApi("DE").stream()
            .filter(a -> String.valueOf(a.get("indicator")).contains(host))
            .toList();
    assertThat(deAlertsOnIt)
        .as("every alert DE got on the " + tlp + " indicator")
        .allSatisfy(a -> assertThat(a.get("disclosure")).isEqualTo("HIT_NO_HIT"));
    assertThat(deAlertsOnIt.toString())
        .as("what DE's browser received")
        .doesNotContain(caseRef, secretId, "nl-police", "CROSS_BORDER");

    WebElement notice = de.row(notices.get(0));
    assertThat(notice.getDomAttribute("data-disclosure")).isEqualTo("HIT_NO_HIT");
    assertThat(notice.findElements(By.tagName("td")))
        .as("time, the notice, status: no reason, indicator, country or agency cells")
        .hasSize(3);
    assertThat(notice.findElement(By.cssSelector("td.notice")).getText())
        .isEqualTo(
            "Another member holds information on this indicator; no other detail is shared. You"
                + " may ask to be put in contact: the holder decides.");
    assertRevealsNothing(notice.getText(), host, caseRef, secretId);

    notice.click();
    WebElement detail =
        de.browser.await(
            Duration.ofSeconds(5),
            "the notice's detail",
            d -> {
              WebElement panel = d.findElement(By.id("detail"));
              return panel.isDisplayed() ? panel : null;
            });
    de.browser.screenshot(label + "-sighting-as-hit-no-hit-in-DE");
    assertThat(detail.findElements(By.cssSelector("#detail-body dl")))
        .as("no provenance")
        .isEmpty();
    assertRevealsNothing(detail.getText(), host, caseRef, secretId);
    assertThat(de.dom()).doesNotContain(caseRef, secretId);
    detail.findElement(By.id("detail-close")).click();

    // The other NL agencies read NL's topic: nothing of it there, on the page or in the API.
    ServiceProcess.sleep(STRAGGLERS.toMillis());
    assertThat(nl.dom()).as("NL's page").doesNotContain(host, caseRef, secretId);
    assertThat(nl.alertsFromApi("NL").toString()).doesNotContain(host, caseRef, secretId);
  }

  @Test
  void anAcknowledgementInOneBrowserShowsInAnotherWithoutReload() {
    String host = "ack-" + run + ".example";
    String url = "http://" + host + "/k";
    sightline.post(TestMembers.NL_POLICE, SightingJson.url(id("nl-ack"), url).toString());
    sightline.post(TestMembers.NL_HOTLINE, SightingJson.url(id("hotline-ack"), url).toString());
    Instant deadline = Instant.now().plus(ARRIVAL);
    nl.awaitRows("url:" + url, deadline);
    nl2.awaitRows("url:" + url, deadline);
    String alertId = nl.idOfRow("url:" + url);
    assertThat(nl2.idOfRow("url:" + url)).isEqualTo(alertId);
    assertThat(statusOf(nl2, alertId)).isEqualTo("New");

    nl.row(alertId).click();
    nl.browser
        .await(Duration.ofSeconds(5), "the acknowledge button", d -> d.findElement(By.id("ack")))
        .click();
    String expected = "Acknowledged by " + TestMembers.NL_ANALYST;
    nl2.browser.await(
        Duration.ofSeconds(10),
        "nl-analyst's acknowledgement on nl-analyst-2's page",
        d -> expected.equals(statusOf(nl2, alertId)) ? true : null);
    nl.browser.screenshot("acknowledged-here");
    nl2.browser.screenshot("acknowledgement-seen-in-second-browser");
    assertThat(nl2.neverReloaded()).as("updated in place").isTrue();
    assertThat(statusOf(nl, alertId)).isEqualTo(expected);
  }

  /**
   * "Is it known?" from the console: DE's analyst asks about a URL NL reported GREEN (counts, never
   * NL's name) and one NL holds under RED (a bare hit); the RED holder is told DE asked.
   */
  @Test
  void anAnalystAsksWhetherAnIndicatorIsKnownAndSeesOnlyWhatDeMaySee() {
    String shared = "http://lookup-" + run + ".example/a";
    String red = "http://lookup-red-" + run + ".example/b";
    sightline.post(TestMembers.NL_POLICE, SightingJson.url(id("nl-lk"), shared).toString());
    sightline.post(
        TestMembers.NL_POLICE,
        SightingJson.url(id("nl-lk-red"), red).tlp("RED").caseRef("CASE-LK-" + run).toString());

    String known = ask(de, "url", shared, "Known:");
    assertThat(known).contains("Agencies", "Countries", "Sightings").doesNotContain("nl-police");
    de.browser.screenshot("lookup-known");

    String hit = ask(de, "url", red, "another member holds information");
    assertThat(hit).doesNotContain("Agencies", "nl-police", "CASE-LK");

    String unknown = ask(de, "sha256", "ab".repeat(32), "Not known to the federation");
    assertThat(unknown).doesNotContain("Agencies");

    // A value that is not a SHA-256 is refused with the field named.
    String refused = ask(de, "sha256", "not-a-hash", "could not be answered");
    assertThat(refused).contains("value");
  }

  /** Asks the console's lookup form and waits for an answer containing {@code expected}. */
  private String ask(ConsolePage page, String type, String value, String expected) {
    Browser b = page.browser;
    new org.openqa.selenium.support.ui.Select(b.driver().findElement(By.id("lookup-type")))
        .selectByValue(type);
    WebElement input = b.driver().findElement(By.id("lookup-value"));
    input.clear();
    input.sendKeys(value);
    b.driver().findElement(By.id("lookup-ask")).click();
    // The processor correlates asynchronously: ask again until the answer shows what is expected.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      last =
          b.await(
              Duration.ofSeconds(15),
              "an answer to the lookup",
              d -> {
                WebElement result = d.findElement(By.id("lookup-result"));
                String text = result.getText();
                return result.isDisplayed() && !text.isBlank() && !text.contains("Loading")
                    ? text
                    : null;
              });
      if (last.contains(expected)) {
        return last;
      }
      b.driver().findElement(By.id("lookup-ask")).click();
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError(
        "the lookup of " + value + " never answered '" + expected + "': " + last);
  }

  @Test
  void theArabicConsoleIsRightToLeft() {
    Browser b = jo.browser;
    assertThat(b.js("return document.documentElement.getAttribute('dir');")).isEqualTo("rtl");
    assertThat(b.js("return document.documentElement.lang;")).isEqualTo("ar");
    assertThat(b.js("return getComputedStyle(document.body).direction;")).isEqualTo("rtl");
    Map<String, Object> bundle = b.messages("ar");
    WebElement indicatorHeader =
        b.driver().findElement(By.cssSelector("th[data-i18n=\"col.indicator\"]"));
    assertThat(indicatorHeader.getText()).isEqualTo(bundle.get("col.indicator"));
    // Mirrored for real, not just labelled: the table's first column is on the right.
    List<WebElement> headers = b.all("#alerts thead th");
    assertThat(headers.get(0).getRect().getX())
        .as("the first column (time) lies right of the last (status)")
        .isGreaterThan(headers.get(headers.size() - 1).getRect().getX());
    b.screenshot("arabic-console-right-to-left");
  }

  /** The row's status as shown, read in one step (the page may redraw between two). */
  private static String statusOf(ConsolePage page, String alertId) {
    Object text =
        page.browser.js(
            "var cell = document.querySelector(arguments[0]);"
                + "return cell ? cell.innerText.trim() : null;",
            rowSelector(alertId) + " .action-status");
    return text == null ? null : text.toString();
  }

  private static String rowSelector(String alertId) {
    return "#rows tr[data-id=\"" + alertId + "\"]";
  }

  private static void assertRevealsNothing(String text, String host, String caseRef, String id) {
    assertThat(text)
        .as("a hit/no-hit notice names no indicator, agency, case or sighting")
        .doesNotContain(host, caseRef, id, "police", "hotline", "NL");
  }

  private String id(String what) {
    return "e2e-" + run + "-" + what;
  }
}
