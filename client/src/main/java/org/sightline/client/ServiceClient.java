package org.sightline.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * How one service asks another's HTTPS API with its own certificate (mutual TLS): the consumers and
 * the intake ask the processor, and processor instances ask each other. One way to build the
 * request and follow a renewed key store, for every caller.
 */
public final class ServiceClient {

  private final Supplier<HttpClient> http;

  public ServiceClient(ServiceTls tls) {
    this.http = tls.reloadingHttpClient(Duration.ofSeconds(2));
  }

  /** {@code base + path}, with the query parameters encoded, in the order given. */
  public static URI uri(String base, String path, Map<String, String> query) {
    String parameters =
        query.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return URI.create(
        base.replaceAll("/+$", "") + path + (parameters.isEmpty() ? "" : "?" + parameters));
  }

  /** A GET for JSON, waiting at most {@code timeout} for the answer. */
  public HttpResponse<String> get(URI uri, Duration timeout)
      throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri).GET(), timeout);
  }

  /** A POST of a JSON body for a JSON answer, waiting at most {@code timeout} for it. */
  public HttpResponse<String> post(URI uri, String json, Duration timeout)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)),
        timeout);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout)
      throws IOException, InterruptedException {
    return http.get()
        .send(
            request.timeout(timeout).header("Accept", "application/json").build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
