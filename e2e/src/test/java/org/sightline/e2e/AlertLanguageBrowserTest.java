package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.sightline.testing.TestMembers;

/**
 * Alert text in the reader's language: JO and NL report the same page; JO's analyst, whose language
 * is Arabic, reads the cross-border alert in Arabic — rendered from the alert's message key and
 * parameters, the countries isolated left to right inside the right-to-left text — then picks
 * French and reads it in French. The record's English message is unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class AlertLanguageBrowserTest {

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private RunningSightline sightline;
  private ConsolePage jo;

  @BeforeAll
  void open() {
    if (!Browser.chromiumAvailable()) {
      return; // every test is skipped, with the reason, by requireChromium
    }
    sightline = RunningSightline.get();
    jo = new ConsolePage(Browser.loggedIn(sightline, TestMembers.JO_ANALYST)).awaitLive();
  }

  @BeforeEach
  void requireChromium() {
    Browser.assumeChromium();
  }

  @AfterAll
  void close() {
    if (jo != null) {
      jo.browser.close();
    }
  }

  @Test
  void aCrossBorderAlertReadsInArabicThenInFrench() {
    String host = "lang-" + run + ".example";
    String url = "http://" + host + "/p";
    sightline.post(TestMembers.NL_POLICE, SightingJson.url("nl-lang-" + run, url).toString());
    sightline.post(TestMembers.JO_POLICE, SightingJson.url("jo-lang-" + run, url).toString());
    String id =
        jo.awaitAlert("JO", host, "CROSS_BORDER_MATCH", Instant.now().plus(Duration.ofSeconds(60)));

    // Read whole: the cell is one line, cut with an ellipsis (the whole text is its title).
    WebElement text = jo.row(id).findElement(By.cssSelector("td.alert-text"));
    assertThat(text.getAttribute("textContent")).contains("أبلغت عنه أجهزة من", "الدول:", "JO, NL");
    assertThat(text.getAttribute("title")).isEqualTo(text.getAttribute("textContent"));
    assertThat(text.getAttribute("dir")).as("Arabic text runs right to left").isEqualTo("rtl");
    jo.browser.screenshot("alert-text-in-arabic");
    assertThat(
            jo.alertsFromApi("JO").stream()
                .filter(a -> id.equals(a.get("id")))
                .map(a -> String.valueOf(a.get("message")))
                .findFirst()
                .orElseThrow())
        .as("the record keeps its English message")
        .startsWith("Reported by agencies of 2 countries.");

    new Select(jo.browser.driver().findElement(By.id("lang"))).selectByValue("fr");
    jo.browser.await(
        Duration.ofSeconds(20),
        "the console in French",
        d -> "fr".equals(jo.browser.js("return document.documentElement.lang;")) ? true : null);
    jo.awaitLive();
    String french =
        jo.browser.await(
            Duration.ofSeconds(20),
            "the alert's row in French",
            d -> {
              jo.showNew();
              return d
                  .findElements(By.cssSelector("#rows tr[data-id=\"" + id + "\"] td.alert-text"))
                  .stream()
                  .map(cell -> cell.getAttribute("textContent"))
                  .findFirst()
                  .orElse(null);
            });
    assertThat(french).startsWith("Signalé par des services de 2 pays. Pays : JO, NL.");
    new Select(jo.browser.driver().findElement(By.id("lang"))).selectByValue("ar");
  }
}
