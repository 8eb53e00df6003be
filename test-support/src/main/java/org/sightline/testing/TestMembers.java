package org.sightline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sightline.members.AccessProvider;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.ApiKeys;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Passwords;
import org.sightline.members.Platform;
import org.sightline.members.User;

/**
 * The federation the tests use: two agencies in NL, one each in DE and JO, one disabled agency in
 * BR, and KE as a country without an agency. Each agency's API key is {@code test-key-<agency id>}.
 * One access provider, {@link #NL_ISP}, reads the "worst of" list with {@link #accessProviderKey}.
 * Users (analysts and the secretariat) log in with {@link #password}.
 */
public final class TestMembers {

  public static final AgencyId NL_POLICE = AgencyId.of("nl-police");
  public static final AgencyId NL_HOTLINE = AgencyId.of("nl-hotline");
  public static final AgencyId DE_POLICE = AgencyId.of("de-police");
  public static final AgencyId JO_POLICE = AgencyId.of("jo-police");
  public static final AgencyId BR_DISABLED = AgencyId.of("br-police");

  /**
   * Analysts of NL (two, to see each other's actions), DE, JO (Arabic) and KE, and the secretariat.
   */
  public static final String NL_ANALYST = "nl-analyst";

  public static final String NL_ANALYST_2 = "nl-analyst-2";
  public static final String DE_ANALYST = "de-analyst";
  public static final String JO_ANALYST = "jo-analyst";
  public static final String KE_ANALYST = "ke-analyst";

  /** Analysts of one agency: they also see that agency's own sightings and alerts. */
  public static final String NL_POLICE_ANALYST = "nl-police-analyst";

  public static final String NL_HOTLINE_ANALYST = "nl-hotline-analyst";
  public static final String SECRETARIAT_USER = "secretariat";

  /** Few iterations: the tests log in often, and the cost of a real hash is not what they test. */
  private static final int TEST_ITERATIONS = 1000;

  private static final List<User> USERS =
      List.of(
          user(NL_ANALYST, "NL", "en"),
          user(NL_ANALYST_2, "NL", "en"),
          user(DE_ANALYST, "DE", "en"),
          user(JO_ANALYST, "JO", "ar"),
          user(KE_ANALYST, "KE", "en"),
          user(NL_POLICE_ANALYST, "NL", "en", NL_POLICE),
          user(NL_HOTLINE_ANALYST, "NL", "en", NL_HOTLINE),
          user(SECRETARIAT_USER, null, "en"));

  /** An internet access provider: it may read the IWOL feed and nothing else. */
  public static final String NL_ISP = "nl-isp";

  /** A vetted platform: it may read the known-hash list and nothing else. */
  public static final String KE_PLATFORM = "ke-platform";

  private TestMembers() {}

  public static String apiKey(AgencyId agency) {
    return "test-key-" + agency.value();
  }

  /** The key of an access provider: {@code test-key-<provider id>}. */
  public static String accessProviderKey(String provider) {
    return "test-key-" + provider;
  }

  /** A user's password: {@code test-password-<user id>}. */
  public static String password(String user) {
    return "test-password-" + user;
  }

  public static MemberDirectory directory() {
    return new MemberDirectory(
        List.of(
            agency(NL_POLICE, "NL", true),
            agency(NL_HOTLINE, "NL", true),
            agency(DE_POLICE, "DE", true),
            agency(JO_POLICE, "JO", true),
            agency(BR_DISABLED, "BR", false)),
        List.of(CountryCode.of("KE")),
        List.of(
            new AccessProvider(
                NL_ISP,
                null,
                CountryCode.of("NL"),
                ApiKeys.sha256Hex(accessProviderKey(NL_ISP)),
                true)),
        USERS,
        List.of(
            new Platform(
                KE_PLATFORM,
                null,
                CountryCode.of("KE"),
                ApiKeys.sha256Hex(accessProviderKey(KE_PLATFORM)),
                true)));
  }

  /** The same directory as a JSON file, for services that load it from a path. */
  public static Path writeTo(Path file) {
    StringBuilder json = new StringBuilder("{\"countries\":[\"KE\"],\"agencies\":[");
    List<Agency> agencies = directory().agencies();
    for (int i = 0; i < agencies.size(); i++) {
      Agency a = agencies.get(i);
      json.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(a.id())
          .append("\",\"country\":\"")
          .append(a.country())
          .append("\",\"enabled\":")
          .append(a.enabled())
          .append(",\"apiKeySha256\":\"")
          .append(a.apiKeySha256())
          .append("\"}");
    }
    json.append("],\"accessProviders\":[");
    List<AccessProvider> providers = directory().accessProviders();
    for (int i = 0; i < providers.size(); i++) {
      AccessProvider p = providers.get(i);
      keyed(json, i, p.id(), p.country(), p.enabled(), p.apiKeySha256());
    }
    json.append("],\"platforms\":[");
    List<Platform> platforms = directory().platforms();
    for (int i = 0; i < platforms.size(); i++) {
      Platform p = platforms.get(i);
      keyed(json, i, p.id(), p.country(), p.enabled(), p.apiKeySha256());
    }
    json.append("],\"users\":[");
    for (int i = 0; i < USERS.size(); i++) {
      User u = USERS.get(i);
      json.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(u.id())
          .append("\",\"country\":\"")
          .append(u.isSecretariat() ? MemberDirectory.SECRETARIAT : u.country().value())
          .append(u.agency() == null ? "" : "\",\"agency\":\"" + u.agency().value())
          .append("\",\"language\":\"")
          .append(u.language())
          .append("\",\"passwordHash\":\"")
          .append(u.passwordHash())
          .append("\"}");
    }
    json.append("]}");
    try {
      Files.writeString(file, json);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keyed(
      StringBuilder json,
      int i,
      String id,
      CountryCode country,
      boolean enabled,
      String apiKeySha256) {
    json.append(i == 0 ? "" : ",")
        .append("{\"id\":\"")
        .append(id)
        .append("\",\"country\":\"")
        .append(country)
        .append("\",\"enabled\":")
        .append(enabled)
        .append(",\"apiKeySha256\":\"")
        .append(apiKeySha256)
        .append("\"}");
  }

  private static User user(String id, String country, String language) {
    return user(id, country, language, null);
  }

  private static User user(String id, String country, String language, AgencyId agency) {
    return new User(
        id,
        null,
        country == null ? null : CountryCode.of(country),
        language,
        Passwords.hash(password(id), TEST_ITERATIONS),
        agency);
  }

  private static Agency agency(AgencyId id, String country, boolean enabled) {
    return new Agency(id, null, CountryCode.of(country), ApiKeys.sha256Hex(apiKey(id)), enabled);
  }
}
