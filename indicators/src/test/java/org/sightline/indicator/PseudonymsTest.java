package org.sightline.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;

class PseudonymsTest {

  private static final FederationKey KEY = key((byte) 7);
  private static final FederationKey OTHER_KEY = key((byte) 8);

  private static FederationKey key(byte fill) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, fill);
    return FederationKey.of(bytes);
  }

  private static String pseudonym(
      IndicatorType type, String value, String qualifier, String region) {
    return Pseudonyms.pseudonymise(new Indicator(type, value, qualifier, null), region, KEY)
        .getValue();
  }

  @Test
  void twoSpellingsOfOneIdentifierGetOnePseudonymAndTheClearValueIsGone() {
    String a = pseudonym(IndicatorType.EMAIL, "  Alice@Example.ORG ", null, null);
    String b = pseudonym(IndicatorType.EMAIL, "alice@example.org", null, null);
    assertThat(a).isEqualTo(b).startsWith("hmac-sha256:").hasSize(12 + 64).doesNotContain("alice");
    // A phone number written nationally in its agency's country and internationally elsewhere.
    assertThat(pseudonym(IndicatorType.PHONE, "020 123 4567", null, "NL"))
        .isEqualTo(pseudonym(IndicatorType.PHONE, "+31 20 123 4567", null, "DE"));
  }

  @Test
  void anotherKeyOrAnotherKindOfIdentifierGivesAnotherPseudonym() {
    Indicator email = new Indicator(IndicatorType.EMAIL, "alice@example.org", null, null);
    assertThat(Pseudonyms.pseudonymise(email, null, OTHER_KEY).getValue())
        .isNotEqualTo(pseudonym(IndicatorType.EMAIL, "alice@example.org", null, null));
    assertThat(pseudonym(IndicatorType.USERNAME, "alice", "telegram", null))
        .isNotEqualTo(pseudonym(IndicatorType.USERNAME, "alice", "reddit", null));
  }

  @Test
  void aPseudonymCanonicalisesToAKeyOfItsOwnTypeWithItsPlatformInClear() {
    String p = pseudonym(IndicatorType.USERNAME, "@Alice", "telegram", null);
    CanonicalIndicator canonical =
        Canonicalizer.canonicalize(
            new Indicator(IndicatorType.USERNAME, p.toUpperCase(), "Telegram", null), null);
    assertThat(canonical.key()).isEqualTo("username:telegram:" + p);
    assertThat(canonical.has(IndicatorFlag.PSEUDONYMISED)).isTrue();
    assertThat(
            Canonicalizer.canonicalize(
                    "email", pseudonym(IndicatorType.EMAIL, "a@b.org", null, null), null)
                .key())
        .startsWith("email:hmac-sha256:");
    // Pseudonymising a pseudonym changes nothing; other types are left alone.
    Indicator done = new Indicator(IndicatorType.EMAIL, p, null, null);
    assertThat(Pseudonyms.pseudonymise(done, null, KEY)).isSameAs(done);
    Indicator url = new Indicator(IndicatorType.URL, "http://example.com/a", null, null);
    assertThat(Pseudonyms.pseudonymise(url, null, KEY)).isSameAs(url);
  }

  @Test
  void jsonSightingsArePseudonymisedInPlaceAndABadIdentifierIsNamed() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode sighting =
        (ObjectNode)
            json.readTree(
                "{\"id\":\"s1\",\"indicator\":{\"type\":\"url\",\"value\":\"http://x.example/\"},"
                    + "\"related\":[{\"type\":\"email\",\"value\":\"Bob@Example.org\"},"
                    + "{\"type\":\"phone\",\"value\":\"06 12345678\"},"
                    + "{\"type\":\"username\",\"platform\":\"telegram\",\"value\":\"@Bob_x\"}]}");
    assertThat(Pseudonyms.pseudonymiseJson(sighting, "NL", KEY)).isTrue();
    assertThat(sighting.toString()).doesNotContain("Bob").doesNotContain("12345678");
    assertThat(sighting.at("/related/0/value").asText())
        .isEqualTo(pseudonym(IndicatorType.EMAIL, "bob@example.org", null, null));
    assertThat(sighting.at("/related/2/value").asText())
        .isEqualTo(pseudonym(IndicatorType.USERNAME, "bob_x", "telegram", null));
    assertThat(sighting.at("/indicator/value").asText()).isEqualTo("http://x.example/");

    ObjectNode bad =
        (ObjectNode)
            json.readTree("{\"indicator\":{\"type\":\"phone\",\"value\":\"06 12345678\"}}");
    assertThatThrownBy(() -> Pseudonyms.pseudonymiseJson(bad, null, KEY))
        .isInstanceOf(InvalidIndicatorException.class)
        .hasMessageStartingWith("indicator.value");
  }

  @Test
  void aKeyFileHoldsAtLeast32BytesInBase64(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("federation.key");
    Files.writeString(file, FederationKey.generate() + "\n", StandardCharsets.US_ASCII);
    assertThat(FederationKey.load(file).pseudonym("email:a@b.org")).startsWith("hmac-sha256:");
    Files.writeString(file, "c2hvcnQ=", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> FederationKey.load(file)).hasMessageContaining("at least 32 bytes");
    assertThat(KEY.toString()).doesNotContain("7");
  }
}
