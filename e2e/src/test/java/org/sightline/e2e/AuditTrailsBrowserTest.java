package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.sightline.testing.TestMembers;

/**
 * The audit trails page against the whole backbone: KE's analyst opens the console (a look on the
 * record); the secretariat searches the console views for the analyst and finds it; an analyst who
 * opens the page is told it is the secretariat's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class AuditTrailsBrowserTest {

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

  @Test
  void theSecretariatFindsAnAnalystsLookAtTheAlerts() {
    ConsolePage ke =
        new ConsolePage(Browser.loggedIn(sightline, TestMembers.KE_ANALYST)).awaitLive();
    ke.browser.close();

    Browser secretariat = Browser.loggedIn(sightline, TestMembers.SECRETARIAT_USER);
    try {
      secretariat.get("/audit.html");
      new Select(secretariat.driver().findElement(By.id("trail"))).selectByValue("console-views");
      secretariat.driver().findElement(By.id("q")).sendKeys(TestMembers.KE_ANALYST);
      secretariat.driver().findElement(By.cssSelector("#search button")).click();
      String rows =
          secretariat.await(
              Duration.ofSeconds(30),
              "the analyst's looks in the console views",
              d -> {
                String text =
                    String.valueOf(
                        secretariat.js(
                            "return document.querySelector('#entries tbody').innerText;"));
                return text.contains(TestMembers.KE_ANALYST) ? text : null;
              });
      assertThat(rows).contains("recipient", "KE");
      assertThat(secretariat.pageText()).contains("records match");
      secretariat.screenshot("audit-console-views");
    } finally {
      secretariat.close();
    }

    Browser analyst = Browser.loggedIn(sightline, TestMembers.DE_ANALYST);
    try {
      analyst.get("/audit.html");
      analyst.await(
          Duration.ofSeconds(20),
          "the forbidden notice",
          d ->
              "true".equals(d.findElement(By.tagName("body")).getAttribute("data-forbidden"))
                  ? true
                  : null);
      assertThat(analyst.all("#entries tbody tr")).isEmpty();
    } finally {
      analyst.close();
    }
  }
}
