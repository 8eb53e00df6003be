package org.sightline.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** A failed test leaves a screenshot of every open browser window beside the others. */
final class ScreenshotOnFailure implements TestWatcher {

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Browser.screenshotAll("failed-" + context.getRequiredTestMethod().getName());
  }
}
