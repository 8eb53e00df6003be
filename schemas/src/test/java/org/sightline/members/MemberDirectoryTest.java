package org.sightline.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
  void generatedKeysAreUniqueAndVerifiable() {
    String a = ApiKeys.generate(AgencyId.of("nl-police"));
    String b = ApiKeys.generate(AgencyId.of("nl-police"));
    assertThat(a).isNotEqualTo(b).startsWith("sl_nl-police_");
    assertThat(ApiKeys.matches(a, ApiKeys.sha256Hex(a))).isTrue();
    assertThat(ApiKeys.matches(b, ApiKeys.sha256Hex(a))).isFalse();
  }
}
