package org.sightline.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MemberDirectoryTest {

  private static MemberDirectory parse(String json) throws Exception {
    return MemberDirectory.parse(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
  }

  @Test
  void authenticatesByHashedKeyAndIgnoresDisabledAgencies() throws Exception {
    String json =
        "{\"countries\":[\"JO\"],\"agencies\":["
            + "{\"id\":\"nl-police\",\"country\":\"NL\",\"apiKeySha256\":\""
            + ApiKeys.sha256Hex("key-nl")
            + "\"},"
            + "{\"id\":\"de-police\",\"country\":\"de\",\"enabled\":false,\"apiKeySha256\":\""
            + ApiKeys.sha256Hex("key-de")
            + "\"}]}";
    MemberDirectory members = parse(json);
    assertThat(members.authenticate("key-nl")).map(Agency::id).contains(AgencyId.of("nl-police"));
    assertThat(members.authenticate("key-de")).isEmpty();
    assertThat(members.authenticate("wrong")).isEmpty();
    assertThat(members.authenticate(null)).isEmpty();
    assertThat(members.countries())
        .extracting(CountryCode::value)
        .containsExactly("DE", "JO", "NL");
  }

  @Test
  void namesTheEntryAtFault() {
    assertThatThrownBy(() -> parse("{\"agencies\":[{\"id\":\"ok-one\",\"country\":\"ZZ\"}]}"))
        .hasMessageContaining("test.json: agencies[0]")
        .hasMessageContaining("ISO 3166-1");
  }

  @Test
  void accessProvidersAuthenticateWithTheirOwnKeysOnly() throws Exception {
    String json =
        "{\"agencies\":[{\"id\":\"nl-police\",\"country\":\"NL\",\"apiKeySha256\":\""
            + ApiKeys.sha256Hex("agency-key")
            + "\"}],\"accessProviders\":["
            + "{\"id\":\"nl-isp\",\"name\":\"An ISP\",\"country\":\"nl\",\"apiKeySha256\":\""
            + ApiKeys.sha256Hex("isp-key").toUpperCase(Locale.ROOT)
            + "\"},"
            + "{\"id\":\"de-isp\",\"country\":\"DE\",\"enabled\":false,\"apiKeySha256\":\""
            + ApiKeys.sha256Hex("off-key")
            + "\"}]}";
    MemberDirectory members = parse(json);

    assertThat(members.accessProviders())
        .extracting(AccessProvider::id)
        .containsExactly("de-isp", "nl-isp");
    AccessProvider isp = members.authenticateAccessProvider("isp-key").orElseThrow();
    assertThat(isp.name()).isEqualTo("An ISP");
    assertThat(isp.country()).isEqualTo(CountryCode.of("NL"));
    assertThat(members.authenticateAccessProvider("off-key")).isEmpty();
    assertThat(members.authenticateAccessProvider("wrong")).isEmpty();
    assertThat(members.authenticateAccessProvider(" ")).isEmpty();
    assertThat(members.authenticateAccessProvider(null)).isEmpty();
    // Neither door opens with the other's key.
    assertThat(members.authenticateAccessProvider("agency-key")).isEmpty();
    assertThat(members.authenticate("isp-key")).isEmpty();
    // A provider's country is not a member country.
    assertThat(members.countries()).extracting(CountryCode::value).containsExactly("NL");
  }

  @Test
  void platformsAuthenticateWithTheirOwnKeysAndShareNoIdOrKeyWithOthers() throws Exception {
    String agency =
        "{\"id\":\"nl-police\",\"country\":\"NL\",\"apiKeySha256\":\""
            + ApiKeys.sha256Hex("agency-key")
            + "\"}";
    String provider =
        "{\"id\":\"nl-isp\",\"country\":\"NL\",\"apiKeySha256\":\""
            + ApiKeys.sha256Hex("isp-key")
            + "\"}";
    MemberDirectory members =
        parse(
            "{\"agencies\":["
                + agency
                + "],\"accessProviders\":["
                + provider
                + "],\"platforms\":[{\"id\":\"ke-host\",\"country\":\"KE\",\"apiKeySha256\":\""
                + ApiKeys.sha256Hex("platform-key")
                + "\"}]}");
    assertThat(members.platforms()).extracting(Platform::id).containsExactly("ke-host");
    assertThat(members.authenticatePlatform("platform-key")).isPresent();
    assertThat(members.authenticatePlatform("isp-key")).isEmpty();
    assertThat(members.authenticatePlatform("agency-key")).isEmpty();
    assertThat(members.authenticateAccessProvider("platform-key")).isEmpty();
    assertThat(members.authenticate("platform-key")).isEmpty();
    assertThat(members.countries()).extracting(CountryCode::value).containsExactly("NL");

    assertThatThrownBy(
            () ->
                parse(
                    "{\"agencies\":["
                        + agency
                        + "],\"platforms\":[{\"id\":\"ke-host\",\"country\":\"KE\",\"apiKeySha256\":\""
                        + ApiKeys.sha256Hex("agency-key")
                        + "\"}]}"))
        .hasMessageContaining("platform 'ke-host'")
        .hasMessageContaining("agency 'nl-police'");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"accessProviders\":["
                        + provider
                        + "],\"platforms\":[{\"id\":\"nl-isp\",\"country\":\"KE\",\"apiKeySha256\":\""
                        + ApiKeys.sha256Hex("other")
                        + "\"}]}"))
        .hasMessageContaining("access provider 'nl-isp'");
    assertThatThrownBy(() -> parse("{\"platforms\":[{\"id\":\"ke-host\",\"country\":\"KE\"}]}"))
        .hasMessageContaining("test.json: platforms[0]")
        .hasMessageContaining("apiKeySha256");
  }

  @Test
  void accessProvidersAreOptional() throws Exception {
    assertThat(parse("{\"agencies\":[]}").accessProviders()).isEmpty();
  }

  @Test
  void namesTheAccessProviderAndFieldAtFault() {
    String key = ApiKeys.sha256Hex("k");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"accessProviders\":[{\"id\":\"ok-isp\",\"country\":\"NL\",\"apiKeySha256\":\""
                        + key
                        + "\"},{\"id\":\"isp-2\",\"country\":\"NL\",\"apiKeySha256\":\"abc\"}]}"))
        .hasMessageContaining("test.json: accessProviders[1]")
        .hasMessageContaining("apiKeySha256");
    assertThatThrownBy(
            () -> parse("{\"accessProviders\":[{\"id\":\"ok-isp\",\"country\":\"NL\"}]}"))
        .hasMessageContaining("test.json: accessProviders[0]")
        .hasMessageContaining("apiKeySha256");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"accessProviders\":[{\"id\":\"Bad Id\",\"country\":\"NL\",\"apiKeySha256\":\""
                        + key
                        + "\"}]}"))
        .hasMessageContaining("test.json: accessProviders[0]")
        .hasMessageContaining("id 'Bad Id'");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"accessProviders\":[{\"id\":\"ok-isp\",\"country\":\"ZZ\",\"apiKeySha256\":\""
                        + key
                        + "\"}]}"))
        .hasMessageContaining("test.json: accessProviders[0]")
        .hasMessageContaining("country");
  }

  @Test
  void refusesAProviderThatCouldBeMistakenForAnAgency() {
    String agency =
        "{\"id\":\"nl-police\",\"country\":\"NL\",\"apiKeySha256\":\""
            + ApiKeys.sha256Hex("shared")
            + "\"}";
    assertThatThrownBy(
            () ->
                parse(
                    "{\"agencies\":["
                        + agency
                        + "],\"accessProviders\":[{\"id\":\"nl-isp\",\"country\":\"NL\","
                        + "\"apiKeySha256\":\""
                        + ApiKeys.sha256Hex("shared")
                        + "\"}]}"))
        .hasMessageContaining("'nl-isp' has the same API key as agency 'nl-police'");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"agencies\":["
                        + agency
                        + "],\"accessProviders\":[{\"id\":\"nl-police\",\"country\":\"NL\","
                        + "\"apiKeySha256\":\""
                        + ApiKeys.sha256Hex("other")
                        + "\"}]}"))
        .hasMessageContaining("'nl-police' has the id of an agency");
    String isp =
        "{\"id\":\"nl-isp\",\"country\":\"NL\",\"apiKeySha256\":\""
            + ApiKeys.sha256Hex("x")
            + "\"}";
    assertThatThrownBy(() -> parse("{\"accessProviders\":[" + isp + "," + isp + "]}"))
        .hasMessageContaining("'nl-isp' is listed twice");
  }

  @Test
  void generatedKeysAreUniqueAndVerifiable() {
    String a = ApiKeys.generate(AgencyId.of("nl-police"));
    String b = ApiKeys.generate(AgencyId.of("nl-police"));
    assertThat(a).isNotEqualTo(b).startsWith("sl_nl-police_");
    assertThat(ApiKeys.matches(a, ApiKeys.sha256Hex(a))).isTrue();
    assertThat(ApiKeys.matches(b, ApiKeys.sha256Hex(a))).isFalse();
  }
}
