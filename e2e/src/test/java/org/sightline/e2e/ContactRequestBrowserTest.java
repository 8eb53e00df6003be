package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.sightline.members.CountryCode;
import org.sightline.schema.AlertReason;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * Consent behind hit/no-hit, walked through in two consoles against the whole backbone: nl-police
 * reports a URL under TLP RED, de-police the same URL; DE's analyst is told only that another
 * member holds it, and asks for contact; nl-police's analyst sees the request (naming DE, nobody in
 * it) and accepts; DE's analyst then gets a FULL alert with nl-police's sighting, and no other
 * country gets anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class ContactRequestBrowserTest {

  private static final Duration ARRIVAL = Duration.ofSeconds(20);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private RunningSightline sightline;
  private ConsolePage de;
  private ConsolePage holder;

  @BeforeAll
  void openConsoles() {
    if (!Browser.chromiumAvailable()) {
      return; // every test is skipped, with the reason, by requireChromium
    }
    sightline = RunningSightline.get();
    de = new ConsolePage(Browser.loggedIn(sightline, TestMembers.DE_ANALYST)).awaitLive();
    holder = new ConsolePage(Browser.loggedIn(sightline, TestMembers.NL_POLICE_ANALYST));
    holder.browser.get("/?country=agency:nl-police");
    holder.awaitLive();
  }

  @BeforeEach
  void requireChromium() {
    Browser.assumeChromium();
  }

  @AfterAll
  void closeConsoles() {
    for (ConsolePage page : new ConsolePage[] {de, holder}) {
      if (page != null) {
        page.browser.close();
      }
    }
  }

  @Test
  void aHitNoHitRecipientAsksTheHolderAcceptsAndOnlyTheAskingCountryLearnsWho() {
    String host = "contact-" + run + ".example";
    String url = "http://" + host + "/r";
    String secretId = "nl-contact-" + run;
    String caseRef = "CASE-CONTACT-" + run;
    sightline.post(
        TestMembers.NL_POLICE,
        SightingJson.url(secretId, url).tlp("RED").caseRef(caseRef).toString());
    sightline.post(TestMembers.DE_POLICE, SightingJson.url("de-contact-" + run, url).toString());
    Instant deadline = Instant.now().plus(ARRIVAL);

    // DE: the notice, and the request for contact on it.
    String notice = de.awaitAlert("DE", host, "HIT_NO_HIT", deadline);
    WebElement noticeDetail = de.open(notice);
    assertThat(noticeDetail.getText()).doesNotContain("nl-police", secretId, caseRef);
    de.browser.js(
        "document.getElementById('contact-note').value = arguments[0];", "Our case overlaps.");
    noticeDetail.findElement(By.id("contact-request")).click();
    de.awaitDetailText("Contact requested by " + TestMembers.DE_ANALYST);
    de.browser.screenshot("contact-requested-on-a-hit-no-hit-notice");

    // nl-police: the request names DE and nobody in it; its analyst accepts.
    String request =
        holder.awaitAlert("agency:nl-police", host, "CONTACT_REQUEST", Instant.now().plus(ARRIVAL));
    WebElement requestDetail = holder.open(request);
    assertThat(requestDetail.getText())
        .contains("DE")
        .doesNotContain(TestMembers.DE_ANALYST, "de-police");
    WebElement accept = requestDetail.findElement(By.id("contact-accept"));
    assertThat(accept.getText()).isEqualTo("Accept: disclose to DE");
    holder.browser.screenshot("contact-request-in-the-holders-console");
    accept.click();
    holder.awaitDetailText("Contact accepted by " + TestMembers.NL_POLICE_ANALYST);

    // DE: a FULL alert with what nl-police holds (its sighting, not its case).
    String disclosed = de.awaitAlert("DE", host, "CONTACT_ACCEPTED", Instant.now().plus(ARRIVAL));
    de.browser.driver().findElement(By.id("detail-close")).click();
    WebElement disclosedDetail = de.open(disclosed);
    assertThat(disclosedDetail.getText())
        .contains("nl-police", secretId, "TLP:RED")
        .doesNotContain(caseRef);
    de.browser.screenshot("contact-accepted-full-alert-to-the-asking-country");

    // Nobody else: not NL's topic, not JO's, not de-police's own.
    for (String other : List.of("NL", "JO")) {
      assertThat(
              sightline.stack.await(
                  Topics.alerts(CountryCode.of(other)),
                  r ->
                      r.value().getIndicator().contains(host)
                          && r.value().getReason() == AlertReason.CONTACT_ACCEPTED,
                  1,
                  Duration.ofSeconds(3)))
          .as("CONTACT_ACCEPTED alerts to %s", other)
          .isEmpty();
    }
  }
}
