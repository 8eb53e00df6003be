package org.sightline.consumers;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What a path nobody serves answers: a styled, translated page for a browser, a JSON error for an
 * API client. Registered after every other route (static files, REST), so it sees only what they
 * all passed by.
 */
@ApplicationScoped
public class NotFoundPage {

  private static final String PAGE = "META-INF/resources/404.html";

  private final Buffer page = Buffer.buffer(read());

  void install(@Observes Router router) {
    router
        .route()
        .last()
        .handler(
            ctx -> {
              String path = ctx.normalizedPath();
              String accept = ctx.request().getHeader("Accept");
              boolean browser =
                  !path.startsWith("/api/") && accept != null && accept.contains("text/html");
              ctx.response().setStatusCode(404);
              if (browser) {
                ctx.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(page);
              } else {
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"no such path\"}");
              }
            });
  }

  private static byte[] read() {
    try (InputStream in = NotFoundPage.class.getClassLoader().getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new IllegalStateException(PAGE + " is missing from the service's jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
