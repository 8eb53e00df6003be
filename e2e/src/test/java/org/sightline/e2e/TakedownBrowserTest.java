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
import org.sightline.testing.TestMembers;

/**
 * Takedown follow-up against the whole backbone: NL reports a page hosted in DE; DE's analyst
 * records on the HOSTED_IN_YOUR_COUNTRY alert that a notice went to the host, then that it was
 * removed; NL sees the page again, and DE is alerted that it is back online; the secretariat's
 * dashboard scores DE's response.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class TakedownBrowserTest {

  private static final Duration ARRIVAL = Duration.ofSeconds(60);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private RunningSightline sightline;
  private ConsolePage de;

  @BeforeAll
  void open() {
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
  void close() {
    if (de != null) {
      de.browser.close();
    }
  }

  @Test
  void theHostingCountryFollowsATakedownUpAndIsToldWhenTheContentIsBack() {
    String host = "takedown-" + run + ".example";
    String url = "http://" + host + "/page";
    sightline.post(
        TestMembers.NL_POLICE, SightingJson.url("nl-td-" + run, url).hostedIn("DE").toString());

    String hosted =
        de.awaitAlert("DE", host, "HOSTED_IN_YOUR_COUNTRY", Instant.now().plus(ARRIVAL));
    WebElement detail = de.open(hosted);
    assertThat(detail.findElement(By.id("takedown-reappeared")).isEnabled())
        .as("back online follows a removal")
        .isFalse();
    detail.findElement(By.id("takedown-notice")).click();
    de.awaitDetailText("Notice sent by " + TestMembers.DE_ANALYST);
    de.browser.driver().findElement(By.id("detail-close")).click();
    detail = de.open(hosted);
    detail.findElement(By.id("takedown-removed")).click();
    de.awaitDetailText("Removed (recorded by " + TestMembers.DE_ANALYST + ")");
    de.browser.screenshot("takedown-recorded-removed");
    de.browser.driver().findElement(By.id("detail-close")).click();

    // NL sees the page again, observed after the removal: DE is told it is back. The removal
    // takes its own hop to the indicator's task, so a sighting may overtake it; NL reports again,
    // a few seconds apart, until one is observed after the removal the processor holds.
    long deadline = System.currentTimeMillis() + ARRIVAL.toMillis();
    boolean back = false;
    for (int i = 0; !back && System.currentTimeMillis() < deadline; i++) {
      sightline.post(
          TestMembers.NL_POLICE,
          SightingJson.url("nl-td-again-" + i + "-" + run, url)
              .hostedIn("DE")
              .observedAt(Instant.now())
              .toString());
      long until = System.currentTimeMillis() + 5_000;
      while (!back && System.currentTimeMillis() < until) {
        back =
            de.alertsFromApi("DE").stream()
                .anyMatch(
                    a ->
                        String.valueOf(a.get("indicator")).contains(host)
                            && String.valueOf(a.get("message")).contains("Back online in DE"));
        if (!back) {
          sleep(250);
        }
      }
    }
    assertThat(back).as("the back-online alert on " + host + "\n" + sightline.logTails()).isTrue();

    Browser secretariat = Browser.loggedIn(sightline, TestMembers.SECRETARIAT_USER);
    try {
      secretariat.get("/dashboard.html");
      String row =
          secretariat.await(
              Duration.ofSeconds(30),
              "DE's row of the takedown scorecard",
              d ->
                  d.findElements(By.cssSelector("#takedowns tr[data-country='DE']")).stream()
                      .map(WebElement::getText)
                      .findFirst()
                      .orElse(null));
      assertThat(row).startsWith("DE");
      secretariat.js("document.getElementById('takedowns').scrollIntoView();");
      secretariat.screenshot("takedown-scorecard");
    } finally {
      secretariat.close();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
