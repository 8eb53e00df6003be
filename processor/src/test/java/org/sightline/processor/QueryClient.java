package org.sightline.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.sightline.client.ServiceTls;
import org.sightline.members.Principal;
import org.sightline.testing.SightlineTestStack;

/** Asks the processor's interactive query as one service would: over HTTPS, with its identity. */
final class QueryClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;

  QueryClient(HttpClient http) {
    this.http = http;
  }

  /** With the consumers' certificate, as the console asks. */
  static QueryClient asConsumers(SightlineTestStack stack) {
    return new QueryClient(stack.serviceTls(Principal.CONSUMERS).httpClient(Duration.ofSeconds(5)));
  }

  static QueryClient as(ServiceTls tls) {
    return new QueryClient(tls.httpClient(Duration.ofSeconds(5)));
  }

  /** One indicator's state as {@code viewer} may see it (e.g. {@code country:NL}). */
  HttpResponse<String> get(URL endpoint, String key) throws IOException, InterruptedException {
    return get(endpoint, key, "secretariat");
  }

  HttpResponse<String> get(URL endpoint, String key, String viewer)
      throws IOException, InterruptedException {
    return send(endpoint, "key", key, "viewer", viewer);
  }

  /** Whether the processor holds a sighting (the intake's question). */
  HttpResponse<String> held(URL endpoint, String agency, String id)
      throws IOException, InterruptedException {
    return send(endpoint, "agency", agency, "id", id);
  }

  /** Whether keys are known, as {@code viewer} may see them (the intake's lookup). */
  HttpResponse<String> lookup(URL endpoint, String viewer, String... keys)
      throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(
            java.util.Map.of("viewer", viewer, "keys", java.util.List.of(keys)));
    return http.send(
        HttpRequest.newBuilder(URI.create(endpoint.toString()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A GET of {@code endpoint} with two query parameters, each encoded. */
  private HttpResponse<String> send(
      URL endpoint, String name1, String value1, String name2, String value2)
      throws IOException, InterruptedException {
    URI uri =
        URI.create(
            endpoint
                + "?"
                + name1
                + "="
                + URLEncoder.encode(value1, StandardCharsets.UTF_8)
                + "&"
                + name2
                + "="
                + URLEncoder.encode(value2, StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The status of a plain GET (the management interface's health). */
  static int status(URL url) throws IOException, InterruptedException {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url.toString()))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    }
  }
}
