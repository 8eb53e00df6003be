package org.sightline.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sightline.testing.TestMembers;

/**
 * One headless Chromium session (Debian's {@code chromium} driven by its {@code chromedriver}),
 * logged in as one user. The driver is named explicitly, so Selenium Manager never tries to
 * download one: the build machines have no way out.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM =
      Path.of(System.getProperty("sightline.e2e.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

  private static final List<Browser> OPEN = new CopyOnWriteArrayList<>();
  private static final AtomicInteger SHOTS = new AtomicInteger();
  private static boolean screenshotsCleared;

  static {
    // A window a failed setup never handed to a test would otherwise outlive this JVM.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    OPEN.forEach(
                        b -> {
                          try {
                            b.driver.quit();
                          } catch (RuntimeException e) {
                            // Already gone.
                          }
                        }),
                "sightline-e2e-browsers-stop"));
  }

  final String name;
  private final ChromeDriver driver;
  private final RunningSightline sightline;

  private Browser(String name, ChromeDriver driver, RunningSightline sightline) {
    this.name = name;
    this.driver = driver;
    this.sightline = sightline;
  }

  static boolean chromiumAvailable() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /**
   * Skips (not fails) the calling test on a machine without Chromium and its driver. Called per
   * test, not per class, so that each skipped test is reported with the reason.
   */
  static void assumeChromium() {
    assumeTrue(
        chromiumAvailable(),
        "browser tests need Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + "): apt-get install chromium chromium-driver; .ci/run installs them");
  }

  /** A new browser window, logged in to the console as {@code user}. */
  static Browser loggedIn(RunningSightline sightline, String user) {
    Browser browser = open(user, sightline);
    try {
      browser.login(user);
      return browser;
    } catch (RuntimeException | Error e) {
      browser.close();
      throw e;
    }
  }

  static Browser open(String name, RunningSightline sightline) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        // Containers and CI runners run as root without user namespaces: no sandbox there.
        "--no-sandbox",
        // /dev/shm is tiny in containers; Chromium's renderers crash when it fills.
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--lang=en-US",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
    Path logs = RunningSightline.out().resolve("e2e-logs");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(logs.resolve("chromedriver-" + name + ".log").toFile())
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    Browser browser = new Browser(name, driver, sightline);
    OPEN.add(browser);
    return browser;
  }

  private void login(String user) {
    driver.get(sightline.console("/login.html"));
    await(
        Duration.ofSeconds(20),
        "the login form",
        d -> !d.findElements(By.cssSelector("#login #user")).isEmpty());
    driver.findElement(By.id("user")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(TestMembers.password(user));
    driver.findElement(By.id("submit")).click();
    await(
        Duration.ofSeconds(20),
        user + " logged in (away from the login page)",
        d -> !d.getCurrentUrl().contains("login.html"));
  }

  WebDriver driver() {
    return driver;
  }

  void get(String path) {
    driver.get(sightline.console(path));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Runs an async script: its last argument is the callback that delivers the result. */
  Object jsAsync(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /** The page's message bundle for {@code lang}, as the page itself loads it. */
  @SuppressWarnings("unchecked")
  Map<String, Object> messages(String lang) {
    return (Map<String, Object>)
        jsAsync(
            "var done = arguments[arguments.length - 1];"
                + "fetch('i18n/messages_' + arguments[0] + '.json')"
                + ".then(function (r) { return r.json(); }).then(done);",
            lang);
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The visible text of the whole page, lower-cased for searching. */
  String pageText() {
    return String.valueOf(js("return document.body.innerText;")).toLowerCase(Locale.ROOT);
  }

  /** The live DOM as HTML: everything the page holds, attributes included, visible or not. */
  String dom() {
    return String.valueOf(js("return document.documentElement.outerHTML;"));
  }

  /**
   * Waits for a condition (a non-null, non-false result). On timeout: a screenshot, and a failure
   * that quotes the end of every service's log, so a CI run says why without being re-run.
   */
  <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, timeout, Duration.ofMillis(200)).until(condition);
    } catch (TimeoutException e) {
      Path shot = screenshot("timeout-" + slug(what));
      throw new AssertionError(
          name
              + ": waited "
              + timeout.toSeconds()
              + " s for "
              + what
              + " (screenshot "
              + shot
              + ")\n"
              + sightline.logTails(),
          e);
    }
  }

  /**
   * Keeps a PNG of the whole page (the window grown to the page's height, up to 4000 px) in {@code
   * target/screenshots/}, numbered in the order taken.
   */
  Path screenshot(String step) {
    try {
      Path file =
          screenshots()
              .resolve(
                  String.format(
                      Locale.ROOT,
                      "%02d-%s-%s.png",
                      SHOTS.incrementAndGet(),
                      slug(name),
                      slug(step)));
      Dimension window = driver.manage().window().getSize();
      long height = ((Number) js("return document.documentElement.scrollHeight;")).longValue();
      boolean grow = height > window.getHeight();
      if (grow) {
        driver
            .manage()
            .window()
            .setSize(new Dimension(window.getWidth(), (int) Math.min(height + 40, 4000)));
      }
      try {
        Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        if (grow) {
          driver.manage().window().setSize(window);
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // A crashed window cannot be photographed; the failure being reported matters more.
      return null;
    }
  }

  /** The screenshot folder, emptied of an earlier run's pictures the first time it is used. */
  private static synchronized Path screenshots() throws IOException {
    Path dir = RunningSightline.out().resolve("screenshots");
    if (!screenshotsCleared) {
      if (Files.isDirectory(dir)) {
        try (var old = Files.list(dir)) {
          for (Path p : old.filter(f -> f.toString().endsWith(".png")).toList()) {
            Files.delete(p);
          }
        }
      }
      screenshotsCleared = true;
    }
    return Files.createDirectories(dir);
  }

  /** A screenshot of every open window: what each user saw when a test failed. */
  static void screenshotAll(String step) {
    OPEN.forEach(b -> b.screenshot(step));
  }

  private static String slug(String text) {
    String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return s.length() > 60 ? s.substring(0, 60) : s;
  }

  @Override
  public void close() {
    OPEN.remove(this);
    driver.quit();
  }
}
