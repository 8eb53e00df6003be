package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.indicator.FederationKey;
import org.sightline.indicator.Pseudonyms;
import picocli.CommandLine;

/**
 * {@code sightline lookup} against a stand-in intake on the loopback interface: what it sends (the
 * indicators, the agency's key), how it batches, and the CSV it writes from the answers.
 */
class LookupCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer intake;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> keys = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    intake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    intake.createContext(
        "/api/v1/lookup",
        exchange -> {
          JsonNode body = JSON.readTree(exchange.getRequestBody());
          requests.add(body);
          keys.add(exchange.getRequestHeaders().getFirst("Authorization"));
          ObjectNode answer = JSON.createObjectNode();
          answer.put("requestId", "r1");
          ArrayNode results = answer.putArray("results");
          for (JsonNode i : body.path("indicators")) {
            ObjectNode r = results.addObject();
            String value = i.path("value").asText();
            if (value.startsWith("bad")) {
              r.put("known", false);
              r.putArray("errors")
                  .addObject()
                  .put("field", "indicators[0].value")
                  .put("reason", "is not hex, a typo?");
              continue;
            }
            r.put("key", i.path("type").asText() + ":" + value);
            boolean known = value.startsWith("a");
            r.put("known", known);
            if (known) {
              r.put("disclosure", "DETAILS");
              r.put("agencies", 2);
              r.put("countries", 2);
              r.putArray("categories").add("CSAM").add("BASELINE_CSAM");
            }
          }
          byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    intake.start();
  }

  @AfterEach
  void stop() {
    intake.stop(0);
  }

  private record Run(int exit, String out, String err) {}

  private Run run(String stdin, String... args) {
    LookupCommand command = new LookupCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    command.stdin = new StringReader(stdin);
    String[] all = new String[args.length + 4];
    all[0] = "--intake";
    all[1] = "http://127.0.0.1:" + intake.getAddress().getPort();
    all[2] = "--no-progress";
    all[3] = "--key=agency-key";
    System.arraycopy(args, 0, all, 4, args.length);
    int exit = new CommandLine(command).execute(all);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void oneValueIsAskedWithTheAgencysKeyAndAnsweredAsCsv() {
    Run r = run("", "--type", "SHA256", "a" + "0".repeat(63));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(keys).containsExactly("Bearer agency-key");
    assertThat(requests.get(0).path("indicators").get(0).path("type").asText()).isEqualTo("sha256");
    assertThat(r.out().lines().toList())
        .containsExactly(
            LookupCommand.HEADER,
            "a"
                + "0".repeat(63)
                + ",sha256:a"
                + "0".repeat(63)
                + ",true,DETAILS,2,2,,,,CSAM BASELINE_CSAM,,,,");
  }

  @Test
  void withTheFederationKeyAnAddressIsAskedAboutByItsPseudonymOnly(@TempDir Path dir)
      throws Exception {
    Path keyFile = Files.writeString(dir.resolve("federation.key"), FederationKey.generate());
    Run r =
        run(
            "email:Alice@Example.org\nphone:020 123 4567\n",
            "--federation-key",
            keyFile.toString(),
            "--country",
            "NL",
            "-");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> sent = requests.get(0).path("indicators").findValuesAsText("value");
    assertThat(sent).hasSize(2).allMatch(Pseudonyms::isPseudonym);
    // The same canonical identifier, the same pseudonym: as it was published.
    FederationKey key = FederationKey.load(keyFile);
    ObjectNode published = JSON.createObjectNode();
    published.putObject("indicator").put("type", "email").put("value", "alice@example.org");
    Pseudonyms.pseudonymiseJson(published, "NL", key);
    assertThat(sent.get(0)).isEqualTo(published.path("indicator").path("value").asText());
    assertThat(r.out())
        .doesNotContain("alice@example.org".substring(1))
        .contains("Alice@Example.org");
  }

  @Test
  void aBrokenFederationKeyIsNamedAndNothingIsAsked(@TempDir Path dir) throws Exception {
    Path keyFile = Files.writeString(dir.resolve("federation.key"), "too-short");
    Run r = run("email:alice@example.org\n", "--federation-key", keyFile.toString(), "-");
    assertThat(r.exit()).isEqualTo(CanonCommand.INVALID);
    assertThat(r.err()).contains("--federation-key");
    assertThat(requests).isEmpty();
  }

  @Test
  void theCsvOfSightlineHashAsksForEachImagesSha256AndPdq() {
    String csv =
        HashCommand.HEADER
            + "\n\"holiday, 2.jpg\",m,s1,"
            + "a".repeat(64)
            + ","
            + "f".repeat(64)
            + ",87\n";
    Run r = run(csv, "-");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode indicators = requests.get(0).path("indicators");
    assertThat(indicators.size()).isEqualTo(2);
    assertThat(indicators.get(1).path("type").asText()).isEqualTo("pdq");
    assertThat(indicators.get(1).path("quality").asInt()).isEqualTo(87);
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(1)).startsWith("\"holiday, 2.jpg sha256\",sha256:").contains(",true,");
    assertThat(lines.get(2)).startsWith("\"holiday, 2.jpg pdq\",pdq:").contains(",false,");
  }

  @Test
  void aLongListGoesInBatchesAndAnInvalidIndicatorIsALineWithItsError() {
    StringBuilder list = new StringBuilder("# seized drive 7\n");
    for (int i = 0; i < LookupCommand.BATCH + 5; i++) {
      list.append("sha256:b").append(i).append('\n');
    }
    list.append("md5:bad-one\n");
    Run r = run(list.toString(), "-");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).path("indicators").size()).isEqualTo(LookupCommand.BATCH);
    assertThat(r.out().lines().count()).isEqualTo(1 + LookupCommand.BATCH + 6);
    assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo(
            "md5:bad-one,,false" + ",".repeat(11) + "\"indicators[0].value: is not hex, a typo?\"");
  }

  @Test
  void aLineThatIsNotTypeColonValueStopsBeforeAnythingIsAsked() {
    Run r = run("sha256:abc\njust-a-value\n", "-");
    assertThat(r.exit()).isEqualTo(CanonCommand.INVALID);
    assertThat(r.err()).contains("line 2").contains("type:value");
    assertThat(requests).isEmpty();
  }
}
