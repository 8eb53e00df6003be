package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.sightline.schema.AlertReason;
import org.sightline.testing.TestMembers;
import org.sightline.topics.Topics;

/**
 * The secretariat's "worst of" review, in a browser against the whole backbone: two countries
 * report the same site as BASELINE_CSAM; the domain is proposed with its evidence and access
 * providers do not get it; the secretariat approves it and providers do; it delists it with a
 * ground and they no longer do (in between the provider disputes it, and reads the secretariat's
 * dismissal and its reason); a second proposal is rejected (a ground is asked for first) and never
 * reaches them. A domain put on a warning list from the page is held back by the running processor
 * and removed again. An analyst who opens the page is told it is the secretariat's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class IwolReviewBrowserTest {

  private static final Duration DECIDED = Duration.ofSeconds(60);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();
  private RunningSightline sightline;
  private Browser secretariat;

  @BeforeAll
  void open() {
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
  void close() {
    if (secretariat != null) {
      secretariat.close();
    }
  }

  @Test
  void aProposedDomainIsListedOnlyOnceApprovedAndLeavesWhenDelisted() throws Exception {
    String domain = "review-" + run + ".example";
    report(domain, "a");
    secretariat.get("/review.html");
    WebElement card = proposal(domain);
    String evidence = card.getText();
    assertThat(evidence).contains("nl-police", "de-police", "DE, NL");
    assertThat(evidence).contains("url:http://" + domain + "/de-a");
    assertThat(evidence).contains("Hosted in: DE");
    assertThat(domainsTxt()).as("not listed before approval").doesNotContain(domain);
    secretariat.screenshot("iwol-review-proposed");

    card.findElement(By.cssSelector("textarea")).sendKeys("verified by hand");
    card.findElement(By.cssSelector("button.approve")).click();
    secretariat.await(
        DECIDED,
        domain + " listed on the page",
        d ->
            d.findElements(By.cssSelector("#listed tr[data-domain='" + domain + "']")).isEmpty()
                ? null
                : true);
    assertThat(secretariat.all("#proposals [data-domain='" + domain + "']")).isEmpty();
    awaitDomainsTxt(domain, true);
    secretariat.screenshot("iwol-review-listed");

    // The provider disputes it; the secretariat dismisses the dispute, with a reason it reads.
    HttpResponse<String> raised =
        providerCall(
            HttpRequest.newBuilder(URI.create(sightline.console("/api/v1/iwol/disputes")))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"domain\":\"" + domain + "\",\"ground\":\"FALSE_POSITIVE\"}")));
    assertThat(raised.statusCode()).as(raised.body()).isEqualTo(202);
    WebElement disputeRow =
        secretariat.await(
            DECIDED,
            "the dispute on " + domain,
            d ->
                d.findElements(By.cssSelector("#disputes tr")).stream()
                    .filter(r -> r.getText().contains(domain))
                    .findFirst()
                    .orElse(null));
    assertThat(disputeRow.getText())
        .contains("False positive", "access-provider:" + TestMembers.NL_ISP);
    secretariat.screenshot("iwol-review-dispute");
    disputeRow.findElement(By.cssSelector("input")).sendKeys("verified again: abuse material");
    disputeRow.findElement(By.cssSelector("button.dispute-dismiss")).click();
    long until = System.currentTimeMillis() + DECIDED.toMillis();
    String mine = "";
    while (!mine.contains("DISMISSED") && System.currentTimeMillis() < until) {
      Thread.sleep(500);
      mine =
          providerCall(
                  HttpRequest.newBuilder(URI.create(sightline.console("/api/v1/iwol/disputes"))))
              .body();
    }
    assertThat(mine).contains("DISMISSED", "verified again: abuse material");
    awaitDomainsTxt(domain, true);

    listedRow(domain).findElement(By.cssSelector("button")).click();
    assertThat(secretariat.pageText()).contains("give the ground first");
    listedRow(domain).findElement(By.cssSelector("input")).sendKeys("site taken down");
    listedRow(domain).findElement(By.cssSelector("button")).click();
    secretariat.await(
        DECIDED,
        domain + " gone from the listed table",
        d ->
            d.findElements(By.cssSelector("#listed tr[data-domain='" + domain + "']")).isEmpty()
                ? true
                : null);
    awaitDomainsTxt(domain, false);
  }

  @Test
  void aRejectedDomainNeverReachesAccessProviders() throws Exception {
    String domain = "rejected-" + run + ".example";
    report(domain, "r");
    secretariat.get("/review.html");
    WebElement card = proposal(domain);
    card.findElement(By.cssSelector("button.reject")).click();
    assertThat(secretariat.pageText()).contains("give the ground first");
    card.findElement(By.cssSelector("textarea")).sendKeys("legitimate file host");
    card.findElement(By.cssSelector("button.reject")).click();
    secretariat.await(
        DECIDED,
        domain + " gone from the queue",
        d ->
            d.findElements(By.cssSelector("#proposals [data-domain='" + domain + "']")).isEmpty()
                ? true
                : null);
    assertThat(secretariat.all("#listed tr[data-domain='" + domain + "']")).isEmpty();
    assertThat(domainsTxt()).doesNotContain(domain);
  }

  @Test
  void aWarningListedDomainIsHeldBackByTheRunningProcessorAndCanBeRemoved() {
    String domain = "benign-" + run + ".example";
    secretariat.get("/review.html");
    secretariat.await(
        Duration.ofSeconds(20),
        "the review page loaded",
        d ->
            "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded"))
                ? true
                : null);
    secretariat
        .driver()
        .findElement(By.id("warning-pattern"))
        .sendKeys("*." + domain.toUpperCase());
    secretariat.driver().findElement(By.id("warning-list")).sendKeys("file-hosting");
    secretariat.driver().findElement(By.cssSelector("#warning-add button")).click();
    secretariat.await(
        DECIDED,
        "*." + domain + " on the warning list table",
        d ->
            d.findElements(By.cssSelector("#warning tr[data-pattern='*." + domain + "']")).isEmpty()
                ? null
                : true);
    secretariat.screenshot("warning-list-entry");

    // The processor applies it from its global store: both countries' sightings are held back,
    // flagged once to the secretariat, and never proposed.
    report(domain, "w");
    String url = "url:http://" + domain + "/de-w";
    assertThat(
            sightline.stack.await(
                Topics.ALERTS_SECRETARIAT,
                r ->
                    url.equals(r.value().getIndicator())
                        && r.value().getReason() == AlertReason.OVER_CORRELATED,
                1,
                DECIDED))
        .as("an OVER_CORRELATED note on " + url + "\n" + sightline.logTails())
        .isNotEmpty();
    assertThat(secretariat.all("#proposals [data-domain='" + domain + "']")).isEmpty();

    secretariat
        .driver()
        .findElement(By.cssSelector("#warning tr[data-pattern='*." + domain + "'] button"))
        .click();
    secretariat.await(
        DECIDED,
        "*." + domain + " gone from the warning list table",
        d ->
            d.findElements(By.cssSelector("#warning tr[data-pattern='*." + domain + "']")).isEmpty()
                ? true
                : null);
  }

  @Test
  void anAnalystIsToldTheReviewIsTheSecretariats() {
    Browser analyst = Browser.loggedIn(sightline, TestMembers.DE_ANALYST);
    try {
      analyst.get("/review.html");
      analyst.await(
          Duration.ofSeconds(20),
          "the forbidden notice",
          d ->
              "true".equals(d.findElement(By.tagName("body")).getAttribute("data-forbidden"))
                  ? true
                  : null);
      assertThat(analyst.pageText()).contains("for the secretariat only");
      assertThat(analyst.all("#proposals .proposal")).isEmpty();
    } finally {
      analyst.close();
    }
  }

  /** NL and DE report the site as BASELINE_CSAM, hosted in DE: the rule's two countries. */
  private void report(String domain, String tag) {
    sightline.post(
        TestMembers.NL_POLICE,
        SightingJson.url("nl-" + tag + "-" + run, "http://" + domain + "/nl-" + tag)
            .category("BASELINE_CSAM")
            .toString());
    sightline.post(
        TestMembers.DE_POLICE,
        SightingJson.url("de-" + tag + "-" + run, "http://" + domain + "/de-" + tag)
            .category("BASELINE_CSAM")
            .hostedIn("DE")
            .toString());
  }

  /** Found afresh each time: a poll that brings news redraws the table. */
  private WebElement listedRow(String domain) {
    return secretariat
        .driver()
        .findElement(By.cssSelector("#listed tr[data-domain='" + domain + "']"));
  }

  private WebElement proposal(String domain) {
    return secretariat.await(
        Duration.ofSeconds(90),
        domain + " proposed on the review page",
        d ->
            d.findElements(By.cssSelector("#proposals [data-domain='" + domain + "']")).stream()
                .findFirst()
                .orElse(null));
  }

  /** A request with the access provider's key. */
  private HttpResponse<String> providerCall(HttpRequest.Builder request) throws Exception {
    return http.send(
        request
            .header("Authorization", "Bearer " + TestMembers.accessProviderKey(TestMembers.NL_ISP))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String domainsTxt() throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(sightline.console("/api/v1/iwol/domains.txt")))
                .header(
                    "Authorization", "Bearer " + TestMembers.accessProviderKey(TestMembers.NL_ISP))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }

  private void awaitDomainsTxt(String domain, boolean listed) throws Exception {
    long deadline = System.currentTimeMillis() + DECIDED.toMillis();
    while (domainsTxt().contains(domain) != listed) {
      assertThat(System.currentTimeMillis())
          .as(
              domain
                  + (listed ? " served" : " no longer served")
                  + " to providers\n"
                  + sightline.logTails())
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }
}
