package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** How the intake's answers become exit codes: a refusal is 2 (do not retry), the rest 3. */
class AnswersTest {

  @Test
  void aRetractionOfAnIdNeverSentIsARefusalNamingTheField() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Answers.report(
            "retract",
            answer(404, "{\"error\":\"no sighting of nl-police has this id\",\"field\":\"id\"}"),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(CanonCommand.INVALID);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("404", "no sighting of nl-police", "(field id)");
  }

  @Test
  void refusalsAreTwoAndWhatMayPassIsThree() {
    for (int status : List.of(401, 404, 409, 413)) {
      assertThat(report(status)).as("HTTP %d", status).isEqualTo(CanonCommand.INVALID);
    }
    for (int status : List.of(408, 429, 500, 503)) {
      assertThat(report(status)).as("HTTP %d", status).isEqualTo(IntakeClient.UNAVAILABLE);
    }
    assertThat(report(202)).isZero();
  }

  private static int report(int status) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    return Answers.report("publish", answer(status, "{\"error\":\"x\"}"), quiet, quiet);
  }

  private static HttpResponse<String> answer(int status, String body) {
    return new HttpResponse<>() {
      @Override
      public int statusCode() {
        return status;
      }

      @Override
      public HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://localhost/")).build();
      }

      @Override
      public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
      }

      @Override
      public HttpHeaders headers() {
        return HttpHeaders.of(Map.of(), (a, b) -> true);
      }

      @Override
      public String body() {
        return body;
      }

      @Override
      public Optional<SSLSession> sslSession() {
        return Optional.empty();
      }

      @Override
      public URI uri() {
        return URI.create("http://localhost/");
      }

      @Override
      public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
      }
    };
  }
}
