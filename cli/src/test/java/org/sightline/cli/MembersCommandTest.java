package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.access.AccessPolicy;
import org.sightline.members.AgencyId;
import org.sightline.members.ApiKeys;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Principal;
import picocli.CommandLine;

class MembersCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Path members, String... args) {
    MembersCommand command = new MembersCommand();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--members";
    all[args.length + 1] = members.toString();
    return new CommandLine(command).execute(all);
  }

  private Path copyOfTheDemoDirectory() throws Exception {
    Path members = dir.resolve("members.json");
    Files.copy(Path.of("../demo/members.json"), members);
    return members;
  }

  @Test
  void anAddedAgencyGetsAKeyShownOnceStoredAsItsHashAndItsOwnRights() throws Exception {
    Path members = copyOfTheDemoDirectory();
    assertThat(run(members, "add-agency", "fr-police", "--country", "fr", "--name", "OFMIN"))
        .isZero();
    Matcher key = Pattern.compile("\\n  (sl_fr-police_\\S+)\\n").matcher(out.toString());
    assertThat(key.find()).as(out.toString()).isTrue();
    assertThat(Files.readString(members)).doesNotContain(key.group(1));

    MemberDirectory directory = MemberDirectory.load(members);
    var agency = directory.agency(AgencyId.of("fr-police")).orElseThrow();
    assertThat(agency.country()).isEqualTo(CountryCode.of("FR"));
    assertThat(ApiKeys.matches(key.group(1), agency.apiKeySha256())).isTrue();
    // Its topic, its login and its ACLs follow from the directory alone.
    assertThat(AccessPolicy.principals(directory))
        .contains(
            Principal.agency(AgencyId.of("fr-police")), Principal.country(CountryCode.of("FR")));
    assertThat(AccessPolicy.bindings(directory))
        .anyMatch(
            b ->
                b.entry().principal().equals("User:agency-fr-police")
                    && b.pattern().name().equals("intake.fr-police"));
  }

  @Test
  void aSecondAgencyWithTheSameIdIsRefusedAndTheFileIsUnchanged() throws Exception {
    Path members = copyOfTheDemoDirectory();
    String before = Files.readString(members);
    assertThat(run(members, "add-agency", "nl-police", "--country", "NL")).isNotZero();
    assertThat(err.toString()).contains("nl-police").contains("listed twice");
    assertThat(Files.readString(members)).isEqualTo(before);

    assertThat(run(members, "add-agency", "Not An Id", "--country", "NL")).isNotZero();
    assertThat(err.toString()).contains("'Not An Id'");
    assertThat(Files.readString(members)).isEqualTo(before);
  }

  @Test
  void disablingRemovesThePrincipalAndEnablingBringsItBack() throws Exception {
    Path members = copyOfTheDemoDirectory();
    assertThat(run(members, "disable", "de-police")).isZero();
    MemberDirectory disabled = MemberDirectory.load(members);
    assertThat(AccessPolicy.principals(disabled))
        .doesNotContain(Principal.agency(AgencyId.of("de-police")));
    assertThat(run(members, "enable", "de-police")).isZero();
    assertThat(AccessPolicy.principals(MemberDirectory.load(members)))
        .contains(Principal.agency(AgencyId.of("de-police")));

    assertThat(run(members, "disable", "nobody")).isNotZero();
    assertThat(err.toString()).contains("'nobody'").contains("no agency or access provider");
  }

  @Test
  void aCountryIsAddedOnceAndListed() throws Exception {
    Path members = copyOfTheDemoDirectory();
    assertThat(run(members, "add-country", "fr")).isZero();
    assertThat(run(members, "add-country", "FR")).isZero();
    assertThat(out.toString()).contains("added country FR").contains("already a member country");
    assertThat(MemberDirectory.load(members).countries()).contains(CountryCode.of("FR"));
    out.reset();
    assertThat(run(members, "list")).isZero();
    assertThat(out.toString()).contains("country   FR").contains("principal country-fr");
  }
}
