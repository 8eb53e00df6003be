package org.sightline.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsersTest {

  @Test
  void aPasswordHashIsSaltedAndVerifies() {
    String a = Passwords.hash("correct horse", 1000);
    String b = Passwords.hash("correct horse", 1000);
    assertThat(a).startsWith("pbkdf2-sha256$1000$").isNotEqualTo(b);
    assertThat(Passwords.verify("correct horse", a)).isTrue();
    assertThat(Passwords.verify("correct horsf", a)).isFalse();
    assertThat(Passwords.verify("correct horse", "sha256$abc")).isFalse();
    assertThat(Passwords.isWellFormed("pbkdf2-sha256$x$a$b")).isFalse();
  }

  @Test
  void usersAreReadFromTheMembersFileAndBoundToOneCountryOrTheSecretariat() throws Exception {
    String json =
        "{\"countries\":[\"NL\"],\"agencies\":[],\"users\":["
            + "{\"id\":\"nl-analyst\",\"country\":\"NL\",\"language\":\"AR\",\"passwordHash\":\""
            + Passwords.hash("pw-nl", 1000)
            + "\"},{\"id\":\"sec\",\"name\":\"Secretariat desk\",\"country\":\"secretariat\","
            + "\"passwordHash\":\""
            + Passwords.hash("pw-sec", 1000)
            + "\"}]}";
    MemberDirectory members =
        MemberDirectory.parse(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");

    User nl = members.authenticateUser("nl-analyst", "pw-nl").orElseThrow();
    assertThat(nl.country()).isEqualTo(CountryCode.of("NL"));
    assertThat(nl.language()).isEqualTo("ar");
    assertThat(nl.maySee("NL")).isTrue();
    assertThat(nl.maySee("DE")).isFalse();
    assertThat(nl.maySee("secretariat")).isFalse();
    assertThat(nl.toString()).doesNotContain("pbkdf2");

    User sec = members.authenticateUser("sec", "pw-sec").orElseThrow();
    assertThat(sec.isSecretariat()).isTrue();
    assertThat(sec.maySee("DE")).isTrue();

    assertThat(members.authenticateUser("nl-analyst", "pw-sec")).isEmpty();
    assertThat(members.authenticateUser("nobody", "pw-nl")).isEmpty();
    assertThat(members.authenticateUser(null, null)).isEmpty();
  }

  @Test
  void anAnalystOfACountryThatIsNotAMemberIsRefused() {
    String json =
        "{\"countries\":[\"NL\"],\"users\":[{\"id\":\"fr\",\"country\":\"FR\",\"passwordHash\":\""
            + Passwords.hash("x", 1000)
            + "\"}]}";
    assertThatThrownBy(
            () ->
                MemberDirectory.parse(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m.json"))
        .hasMessageContaining("user 'fr'")
        .hasMessageContaining("not a member country");
  }
}
