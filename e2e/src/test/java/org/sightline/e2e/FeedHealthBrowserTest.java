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
import org.sightline.testing.TestMembers;

/**
 * Feed health against the whole backbone: nl-police's own Kafka producer writes a sighting observed
 * a day in the future; the running processor refuses it to {@code intake.rejected}; the agency's
 * analyst follows "Feed health" from the console and sees the refusal, its field and reason; the
 * secretariat sees nl-police in its overview and opens the same detail; an analyst of no agency is
 * offered no such page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class FeedHealthBrowserTest {

  private static final Duration ARRIVAL = Duration.ofSeconds(60);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private RunningSightline sightline;

  @BeforeAll
  void start() {
    if (!Browser.chromiumAvailable()) {
      return; // every test is skipped, with the reason, by requireChromium
    }
    sightline = RunningSightline.get();
  }

  @BeforeEach
  void requireChromium() {
    Browser.assumeChromium();
  }

  @AfterAll
  void close() {
    // each test closes its own browsers
  }

  @Test
  void anAgencySeesWhatOfItsFeedWasRefusedAndTheSecretariatSeesEveryAgency() {
    String id = "nl-future-" + run;
    sightline.stack.publishUrl(
        TestMembers.NL_POLICE,
        id,
        "http://future-" + run + ".example/x",
        Instant.now().plus(Duration.ofDays(1)));

    ConsolePage nl = new ConsolePage(Browser.loggedIn(sightline, TestMembers.NL_POLICE_ANALYST));
    try {
      nl.browser.get("/?country=NL");
      nl.awaitLive();
      Browser b = nl.browser;
      b.await(
          Duration.ofSeconds(20),
          "the Feed health link",
          d -> d.findElement(By.id("to-feed")).isDisplayed() ? true : null);
      b.driver().findElement(By.id("to-feed")).click();
      b.await(
          ARRIVAL,
          "the refused sighting on the feed page",
          d -> {
            b.js("document.getElementById('hours').dispatchEvent(new Event('change'));");
            return String.valueOf(
                        b.js("return document.querySelector('#samples tbody').innerText;"))
                    .contains("in the future")
                ? true
                : null;
          });
      assertThat(b.pageText()).contains("records of nl-police refused");
      assertThat(String.valueOf(b.js("return document.querySelector('#fields tbody').innerText;")))
          .contains("observedAt");
      assertThat(b.driver().getCurrentUrl()).endsWith("/feed.html");
      b.screenshot("feed-health-agency");
    } finally {
      nl.browser.close();
    }

    Browser secretariat = Browser.loggedIn(sightline, TestMembers.SECRETARIAT_USER);
    try {
      secretariat.get("/feed.html");
      secretariat.await(
          Duration.ofSeconds(20),
          "nl-police in the overview",
          d ->
              d.findElements(By.cssSelector("#agencies a[href='feed.html?agency=nl-police']"))
                      .isEmpty()
                  ? null
                  : true);
      secretariat.screenshot("feed-health-overview");
      secretariat
          .driver()
          .findElement(By.cssSelector("#agencies a[href='feed.html?agency=nl-police']"))
          .click();
      secretariat.await(
          Duration.ofSeconds(20),
          "nl-police's detail",
          d ->
              String.valueOf(
                          secretariat.js(
                              "return document.querySelector('#samples tbody').innerText;"))
                      .contains("in the future")
                  ? true
                  : null);
    } finally {
      secretariat.close();
    }

    ConsolePage unbound =
        new ConsolePage(Browser.loggedIn(sightline, TestMembers.NL_ANALYST)).awaitLive();
    try {
      assertThat(unbound.browser.driver().findElement(By.id("to-feed")).isDisplayed())
          .as("an analyst of no agency has no feed of their own")
          .isFalse();
    } finally {
      unbound.browser.close();
    }
  }
}
