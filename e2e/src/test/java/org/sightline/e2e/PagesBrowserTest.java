package org.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The pages around the console: the login page says what this is and on what terms, with the
 * product's icon; an address nobody serves answers a styled 404 page, not a bare error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class PagesBrowserTest {

  private RunningSightline sightline;

  @BeforeAll
  void start() {
    if (Browser.chromiumAvailable()) {
      sightline = RunningSightline.get();
    }
  }

  @BeforeEach
  void requireChromium() {
    Browser.assumeChromium();
  }

  @Test
  void theLoginPageSaysWhatThisIsAndThatUseIsAuthorisedOnly() {
    try (Browser visitor = Browser.open("visitor", sightline)) {
      visitor.get("/login.html");
      visitor.await(
          Duration.ofSeconds(20),
          "the login page in English",
          d -> d.findElement(By.id("authorised")).getText().startsWith("Authorised use only"));
      assertThat(visitor.driver().findElement(By.cssSelector(".identity h1")).getText())
          .isEqualTo("Sightline");
      assertThat(visitor.driver().findElement(By.cssSelector(".identity .tagline")).getText())
          .contains("child sexual exploitation");
      assertThat(visitor.driver().findElement(By.id("authorised")).getText()).contains("recorded");
      Map<?, ?> icon = fetch(visitor, "favicon.svg");
      assertThat(icon.get("status")).isEqualTo(200L);
      assertThat(String.valueOf(icon.get("type"))).startsWith("image/svg+xml");
      assertThat(
              visitor.js(
                  "return document.querySelector('link[rel=\"icon\"]').getAttribute('href');"))
          .isEqualTo("favicon.svg");
      visitor.screenshot("login-page");
    }
  }

  @Test
  void anUnknownAddressAnswersAStyledNotFoundPage() {
    try (Browser visitor = Browser.open("visitor-404", sightline)) {
      visitor.get("/no/such/page-here");
      visitor.await(
          Duration.ofSeconds(20),
          "the not-found page",
          d -> d.findElement(By.cssSelector("#not-found h2")).getText().equals("Page not found"));
      assertThat(visitor.js("return getComputedStyle(document.querySelector('.bar')).display;"))
          .as("the product's stylesheet applies (from the root, whatever the path)")
          .isEqualTo("flex");
      // The page says 404 to the browser too, and an API client gets JSON instead.
      assertThat(fetch(visitor, "/no/such/page-here", "text/html").get("status")).isEqualTo(404L);
      Map<?, ?> api = fetch(visitor, "/api/v1/no-such-thing", "application/json");
      assertThat(api.get("status")).isIn(401L, 404L);
      assertThat(String.valueOf(api.get("type"))).startsWith("application/json");
      visitor.screenshot("not-found-page");
    }
  }

  private static Map<?, ?> fetch(Browser b, String url) {
    return fetch(b, url, "*/*");
  }

  private static Map<?, ?> fetch(Browser b, String url, String accept) {
    return (Map<?, ?>)
        b.jsAsync(
            "var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], { headers: { Accept: arguments[1] } }).then(function (r) {"
                + "  done({ status: r.status, type: r.headers.get('Content-Type') }); })"
                + ".catch(function (e) { done({ status: -1, type: String(e) }); });",
            url,
            accept);
  }
}
