package org.sightline.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The intake as the agency's side sees it: its base URL and the agency's API key. */
final class IntakeClient {

  /** Exit status when the intake could not be reached or did not confirm: run again. */
  static final int UNAVAILABLE = 3;

  private final String base;
  private final String key;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  IntakeClient(String base, String key) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.key = key;
  }

  String base() {
    return base;
  }

  HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return http.send(request(path, contentType, body), HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<HttpResponse<String>> postAsync(String path, String contentType, String body) {
    return http.sendAsync(request(path, contentType, body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path, String contentType, String body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofMinutes(2))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
