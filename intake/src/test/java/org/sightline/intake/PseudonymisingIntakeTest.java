package org.sightline.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sightline.indicator.FederationKey;
import org.sightline.indicator.Pseudonyms;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Sighting;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.TestMembers;

/**
 * An intake given the federation key writes e-mail addresses, phone numbers and usernames as their
 * keyed-HMAC pseudonyms: what reaches the broker holds none of them in clear.
 */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
@TestProfile(PseudonymisingIntakeTest.WithFederationKey.class)
class PseudonymisingIntakeTest {

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  private static final byte[] TEST_KEY_BYTES =
      "a test federation key, 32+ bytes".getBytes(StandardCharsets.US_ASCII);
  static final Path KEY_FILE;

  static {
    try {
      KEY_FILE = Files.createTempFile("federation-", ".key");
      // A fixed key: Quarkus loads this class a second time, and both copies must agree.
      Files.writeString(
          KEY_FILE,
          java.util.Base64.getEncoder().encodeToString(TEST_KEY_BYTES),
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static final class WithFederationKey implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("sightline.intake.federation-key-file", KEY_FILE.toString());
    }
  }

  @Test
  void identifiersReachTheTopicOnlyAsPseudonyms() throws InterruptedException {
    // This profile starts an intake of its own: wait until it has read back its receipts.
    long deadline = System.currentTimeMillis() + 30_000;
    while (given().get(ready).statusCode() != 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    String id = "pseudo-" + UUID.randomUUID();
    given()
        .header("Authorization", "Bearer " + TestMembers.apiKey(TestMembers.NL_POLICE))
        .contentType("application/json")
        .body(
            "{\"id\":\""
                + id
                + "\",\"observedAt\":\"2026-01-01T00:00:00Z\","
                + "\"indicator\":{\"type\":\"email\",\"value\":\"Groomer@Example.org\"},"
                + "\"related\":[{\"type\":\"phone\",\"value\":\"06 12345678\"},"
                + "{\"type\":\"username\",\"platform\":\"telegram\",\"value\":\"@groomer_x\"}],"
                + "\"category\":\"GROOMING\",\"confidence\":80,\"tlp\":\"AMBER\"}")
        .post("/api/v1/sightings")
        .then()
        .statusCode(202);

    Sighting written =
        TopicRecords.all(TestMembers.NL_POLICE).stream()
            .filter(r -> id.equals(TopicRecords.idOf(r)))
            .map(r -> (Sighting) r.value().getPayload())
            .findFirst()
            .orElseThrow();
    FederationKey key = FederationKey.load(KEY_FILE);
    assertThat(written.getIndicator().getValue())
        .isEqualTo(pseudonym(key, IndicatorType.EMAIL, "groomer@example.org", null, null));
    // Read as the agency's country reads it (NL), then pseudonymised: as an NL member would.
    assertThat(written.getRelated().get(0).getValue())
        .isEqualTo(pseudonym(key, IndicatorType.PHONE, "+31612345678", null, null));
    assertThat(written.getRelated().get(1).getValue())
        .isEqualTo(pseudonym(key, IndicatorType.USERNAME, "groomer_x", "telegram", null));
    assertThat(written.getRelated().get(1).getQualifier()).isEqualTo("telegram");
    assertThat(written.toString())
        .doesNotContainIgnoringCase("groomer@")
        .doesNotContain("12345678")
        .doesNotContain("groomer_x");
  }

  private static String pseudonym(
      FederationKey key, IndicatorType type, String value, String qualifier, String region) {
    return Pseudonyms.pseudonymise(new Indicator(type, value, qualifier, null), region, key)
        .getValue();
  }
}
