package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.sightline.client.ServiceTls;
import org.sightline.members.Principal;
import org.sightline.processor.query.IndicatorQueries;
import org.sightline.processor.query.SightingQueries;
import org.sightline.runtime.LocalCertificateAuthority;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestMembers;

/**
 * The interactive queries hold every agency's view, TLP:RED included: only the consumers and the
 * processor's own instances may ask, over mutual TLS, on the loopback interface; the intake may ask
 * whether a sighting is held (yes or no) and look indicators up for an agency, and nothing else;
 * the consumers look up for the console's analysts too. Everyone else — anonymous, an agency's API
 * key, a certificate of the federation's CA issued to an agency or a country, a certificate of
 * another CA, plain HTTP — gets nothing.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class QueryPortSecurityTest {

  @TestHTTPResource(value = IndicatorQueries.PATH, tls = true)
  URL indicators;

  @TestHTTPResource(value = SightingQueries.PATH, tls = true)
  URL held;

  @TestHTTPResource(value = IndicatorQueries.LOOKUP_PATH, tls = true)
  URL lookup;

  @TestHTTPResource(value = "/health", management = true)
  URL health;

  private final SightlineTestStack stack = SightlineTestStack.get();

  /** A key nobody reported: an allowed caller gets 404, which proves it got in. */
  private static final String KEY = "url:http://never-reported.example/";

  @Test
  void theConsumersAndTheProcessorItselfAreAnswered() throws Exception {
    for (Principal service : List.of(Principal.CONSUMERS, Principal.PROCESSOR)) {
      HttpResponse<String> answer = QueryClient.as(stack.serviceTls(service)).get(indicators, KEY);
      assertThat(answer.statusCode()).as(service + ": " + answer.body()).isIn(404, 503);
    }
  }

  @Test
  void theIntakeMayAskWhetherASightingIsHeldAndNothingElse() throws Exception {
    QueryClient intake = QueryClient.as(stack.serviceTls(Principal.INTAKE));
    // 503 while the processor's tasks are assigned; then a plain no.
    HttpResponse<String> answer = intake.held(held, "nl-police", "never-sent");
    long deadline = System.currentTimeMillis() + 60_000;
    while (answer.statusCode() == 503 && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
      answer = intake.held(held, "nl-police", "never-sent");
    }
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"held\":false,\"retracted\":false}");
    assertThat(intake.get(indicators, KEY).statusCode()).as("indicators").isEqualTo(403);
    assertThat(
            QueryClient.as(stack.serviceTls(Principal.CONSUMERS))
                .held(held, "nl-police", "x")
                .statusCode())
        .as("the consumers have no use for it")
        .isEqualTo(403);
  }

  @Test
  void theIntakeAndTheConsumersMayLookUpAndAMembersCertificateMayNot() throws Exception {
    QueryClient intake = QueryClient.as(stack.serviceTls(Principal.INTAKE));
    HttpResponse<String> answer = intake.lookup(lookup, "agency:de-police", KEY);
    long deadline = System.currentTimeMillis() + 60_000;
    while (answer.statusCode() == 503 && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
      answer = intake.lookup(lookup, "agency:de-police", KEY);
    }
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(QueryClient.JSON.readTree(answer.body()).path("results").path(0).path("known"))
        .hasToString("false");
    assertThat(intake.lookup(lookup, "agency:nobody", KEY).statusCode())
        .as("a viewer the directory does not know")
        .isEqualTo(400);
    assertThat(
            QueryClient.as(stack.serviceTls(Principal.CONSUMERS))
                .lookup(lookup, "country:DE", KEY)
                .statusCode())
        .as("the consumers look up for the console's analysts")
        .isEqualTo(200);
    Path caDir = stack.caCertificate().getParent();
    ServiceTls agency =
        LocalCertificateAuthority.service(
            caDir, Principal.agency(TestMembers.DE_POLICE).name(), List.of());
    assertThat(QueryClient.as(agency).lookup(lookup, "agency:de-police", KEY).statusCode())
        .isEqualTo(403);
  }

  @Test
  void anAnonymousCallerGetsNoTlsSession() throws Exception {
    // Trusts the server, presents no certificate: the handshake fails, nothing is served.
    ServiceTls consumers = stack.serviceTls(Principal.CONSUMERS);
    SSLContext trustOnly = SSLContext.getInstance("TLS");
    var trust =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    var store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
    store.load(null, null);
    try (var in = Files.newInputStream(consumers.caCertificate())) {
      store.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    trust.init(store);
    trustOnly.init(null, trust.getTrustManagers(), null);
    HttpClient anonymous = HttpClient.newBuilder().sslContext(trustOnly).build();
    assertThatThrownBy(
            () -> send(anonymous, indicators + "?key=" + KEY, "Bearer test-key-nl-police"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void plainHttpOnTheQueryPortIsRefused() {
    String plain = indicators.toString().replaceFirst("^https:", "http:") + "?key=" + KEY;
    assertThatThrownBy(() -> send(HttpClient.newHttpClient(), plain, null))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aCertificateOfTheFederationsCaIssuedToAnAgencyOrACountryIsForbidden() throws Exception {
    Path caDir = stack.caCertificate().getParent();
    for (Principal member :
        List.of(Principal.agency(TestMembers.NL_POLICE), Principal.SECRETARIAT)) {
      ServiceTls tls = LocalCertificateAuthority.service(caDir, member.name(), List.of());
      HttpResponse<String> answer = QueryClient.as(tls).get(indicators, KEY);
      assertThat(answer.statusCode()).as(member.name()).isEqualTo(403);
      assertThat(answer.body()).doesNotContain("agencies");
    }
  }

  @Test
  void theConsumersNameOnACertificateOfAnotherCaGetsNoTlsSession() throws Exception {
    Path foreign = Files.createTempDirectory("foreign-ca-");
    ServiceTls impostor = LocalCertificateAuthority.service(foreign, "consumers", List.of());
    // It trusts the real CA (so it would accept the server) but its own certificate is foreign.
    ServiceTls mixed =
        new ServiceTls(impostor.keystore(), impostor.password(), stack.caCertificate());
    assertThatThrownBy(() -> QueryClient.as(mixed).get(indicators, KEY))
        .isInstanceOf(IOException.class);
  }

  @Test
  void theQueryAndManagementPortsListenOnLoopbackOnly() throws Exception {
    for (URL url : List.of(indicators, health)) {
      List<String> bound = listeningAddresses(url.getPort());
      assertThat(bound).as("sockets listening on port %d", url.getPort()).isNotEmpty();
      assertThat(bound)
          .as("no listening socket of port %d on a non-loopback address", url.getPort())
          .allSatisfy(address -> assertThat(address).isIn("127.0.0.1", "::1"));
    }
  }

  @Test
  void healthIsOnTheManagementPortNotOnTheQueryPort() throws Exception {
    assertThat(QueryClient.status(health)).as(health.toString()).isIn(200, 503);
    URL onQueryPort =
        new URL(indicators.getProtocol(), indicators.getHost(), indicators.getPort(), "/q/health");
    HttpResponse<String> answer =
        QueryClient.as(stack.serviceTls(Principal.CONSUMERS)).get(onQueryPort, KEY);
    // Every path but the two APIs is denied to every caller, so nothing else can appear there.
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).doesNotContain("status", "checks");
  }

  private static int send(HttpClient client, String uri, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * The local addresses of the sockets listening on {@code port}, from the kernel's own tables
   * ({@code /proc/net/tcp} and {@code tcp6}): what an attacker on the network could reach.
   */
  static List<String> listeningAddresses(int port) throws IOException {
    List<String> addresses = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.isReadable(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
        String[] fields = line.trim().split("\\s+");
        String[] local = fields[1].split(":");
        boolean listening = fields[3].equals("0A");
        if (listening && Integer.parseInt(local[1], 16) == port) {
          addresses.add(address(local[0]));
        }
      }
    }
    return addresses;
  }

  /** The kernel writes addresses as 32-bit words in host (little-endian) order. */
  private static String address(String hex) throws IOException {
    byte[] raw = HexFormat.of().parseHex(hex);
    byte[] bytes = new byte[raw.length];
    for (int word = 0; word < raw.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        bytes[word + i] = raw[word + 3 - i];
      }
    }
    return java.net.InetAddress.getByAddress(bytes)
        .getHostAddress()
        .replace("0:0:0:0:0:0:0:1", "::1");
  }
}
