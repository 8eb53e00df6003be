package org.sightline.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The analyst console ({@code index.html}) as a user sees it: rows of {@code #rows}, each carrying
 * its alert id ({@code data-id}) and disclosure ({@code data-disclosure}).
 */
final class ConsolePage {

  final Browser browser;

  ConsolePage(Browser browser) {
    this.browser = browser;
  }

  /** Waits until the page has its country chosen and its live streams open. */
  ConsolePage awaitLive() {
    browser.await(
        Duration.ofSeconds(30),
        "the console to be live",
        d ->
            !d.findElements(By.cssSelector("#status.status-live")).isEmpty()
                && !d.findElement(By.id("country")).getDomProperty("value").isEmpty());
    // A reload would drop this mark: its presence later shows that rows arrived live, in place.
    browser.js("window.e2eNotReloaded = true;");
    return this;
  }

  boolean neverReloaded() {
    return Boolean.TRUE.equals(browser.js("return window.e2eNotReloaded === true;"));
  }

  /**
   * Shows what arrived live behind the "N new alerts" bar, as a reader would by clicking it. New
   * alerts never enter the table by themselves: rows do not move under a reader.
   */
  void showNew() {
    browser.js(
        "var bar = document.getElementById('new-alerts');"
            + "if (bar && !bar.hidden) document.getElementById('show-new').click();");
  }

  /**
   * The live DOM after showing every alert the page received: all the page holds, so that an
   * assertion that something is absent cannot pass because it waited behind the bar.
   */
  String dom() {
    showNew();
    return browser.dom();
  }

  /**
   * The text of every row that mentions {@code token} (in its indicator, typically), after showing
   * what arrived.
   */
  @SuppressWarnings("unchecked")
  List<String> rowsMentioning(String token) {
    showNew();
    return (List<String>)
        browser.js(
            "var token = arguments[0];"
                + "return Array.from(document.querySelectorAll('#rows tr'))"
                + "  .map(function (tr) { return tr.innerText; })"
                + "  .filter(function (text) { return text.indexOf(token) >= 0; });",
            token);
  }

  /**
   * Waits until rows mentioning {@code token} show on the page, no later than {@code deadline}, and
   * returns their text.
   */
  List<String> awaitRows(String token, Instant deadline) {
    return browser.await(
        remaining(deadline),
        "an alert on " + token,
        d -> {
          List<String> rows = rowsMentioning(token);
          return rows.isEmpty() ? null : rows;
        });
  }

  WebElement row(String alertId) {
    return browser
        .driver()
        .findElement(By.cssSelector("#rows tr[data-id=\"" + alertId.replace("\"", "") + "\"]"));
  }

  /** The alert id of the first row mentioning {@code token}, or null. */
  String idOfRow(String token) {
    return (String)
        browser.js(
            "var rows = Array.from(document.querySelectorAll('#rows tr'));"
                + "for (var i = 0; i < rows.length; i++) {"
                + "  if (rows[i].innerText.indexOf(arguments[0]) >= 0) return rows[i].dataset.id;"
                + "}"
                + "return null;",
            token);
  }

  /**
   * The alerts the page's own API gives this user (what the page could show), fetched with the
   * browser's session.
   */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> alertsFromApi(String country) {
    return (List<Map<String, Object>>)
        browser.jsAsync(
            "var done = arguments[arguments.length - 1];"
                + "fetch('api/v1/alerts?limit=1000&country=' + arguments[0],"
                + "  { headers: { Accept: 'application/json' } })"
                + "  .then(function (r) { return r.json(); }).then(done)"
                + "  .catch(function (e) { done([{ error: String(e) }]); });",
            country);
  }

  static Duration remaining(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.isNegative() ? Duration.ofMillis(1) : left;
  }

  /** The id of the recipient's alert of {@code reason} on {@code host}, once its row shows. */
  String awaitAlert(String recipient, String host, String reason, Instant deadline) {
    return browser.await(
        remaining(deadline),
        reason + " on " + host + " for " + recipient,
        d -> {
          String id =
              alertsFromApi(recipient).stream()
                  .filter(a -> String.valueOf(a.get("indicator")).contains(host))
                  .filter(a -> reason.equals(a.get("reason")))
                  .map(a -> String.valueOf(a.get("id")))
                  .findFirst()
                  .orElse(null);
          showNew();
          return id == null || browser.all("#rows tr[data-id=\"" + id + "\"]").isEmpty()
              ? null
              : id;
        });
  }

  /** Opens the alert's detail and returns the panel once it shows. */
  WebElement open(String id) {
    row(id).click();
    return browser.await(
        Duration.ofSeconds(5),
        "the detail of " + id,
        d -> {
          WebElement panel = d.findElement(By.id("detail"));
          return panel.isDisplayed() ? panel : null;
        });
  }

  /** Waits (20 s at most) until the open detail says {@code text}. */
  void awaitDetailText(String text) {
    browser.await(
        Duration.ofSeconds(20),
        "'" + text + "' in the detail",
        d -> d.findElement(By.id("detail")).getText().contains(text) ? true : null);
  }
}
