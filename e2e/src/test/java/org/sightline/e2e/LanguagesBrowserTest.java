package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.sightline.testing.TestMembers;

/**
 * INTERPOL's working languages in the console: an analyst picks French or Spanish (or English back)
 * on the page; the page reloads in it, left to right, every labelled element from that language's
 * bundle. (Arabic, right to left, is {@code ConsoleBrowserTest#theArabicConsoleIsRightToLeft}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class LanguagesBrowserTest {

  private RunningSightline sightline;
  private ConsolePage ke;

  @BeforeAll
  void openConsole() {
    if (!Browser.chromiumAvailable()) {
      return; // every test is skipped, with the reason, by requireChromium
    }
    sightline = RunningSightline.get();
    ke = new ConsolePage(Browser.loggedIn(sightline, TestMembers.KE_ANALYST)).awaitLive();
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

  @ParameterizedTest
  @ValueSource(strings = {"fr", "es", "en"})
  void theConsoleSpeaksTheLanguageTheAnalystPicks(String lang) {
    Browser b = ke.browser;
    new Select(b.driver().findElement(By.id("lang"))).selectByValue(lang);
    b.await(
        Duration.ofSeconds(20),
        "the page in " + lang,
        d ->
            lang.equals(b.js("return document.documentElement.lang;"))
                    && !d.findElements(By.cssSelector("#status.status-live")).isEmpty()
                ? true
                : null);
    assertThat(b.js("return document.documentElement.getAttribute('dir');")).isEqualTo("ltr");
    Map<String, Object> bundle = b.messages(lang);
    for (String key :
        new String[] {"col.indicator", "col.reason", "filter.status", "lookup.title"}) {
      // textContent: the table's headers are upper-cased by CSS for display only.
      assertThat(
              String.valueOf(
                      b.js(
                          "return document.querySelector(arguments[0]).textContent;",
                          "[data-i18n=\"" + key + "\"]"))
                  .strip())
          .as("%s in %s", key, lang)
          .isEqualTo(String.valueOf(bundle.get(key)).strip());
    }
    // Every labelled element shows its bundle's text, none its bare key.
    Object untranslated =
        b.js(
            "return Array.from(document.querySelectorAll('[data-i18n]'))"
                + ".filter(function (el) { return el.textContent === el.getAttribute('data-i18n'); })"
                + ".map(function (el) { return el.getAttribute('data-i18n'); });");
    assertThat((java.util.List<?>) untranslated).isEmpty();
    b.screenshot("console-in-" + lang);
  }
}
