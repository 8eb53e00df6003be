package org.sightline.members;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The federation: which agencies are members, of which country, with which credentials. The topic
 * registry derives per-agency and per-country topic names from it, the intake authenticates against
 * it, and the processor learns an agency's country from it (never from a payload).
 *
 * <p>File format (JSON): {@code {"countries":["NL",...], "agencies":[{"id":"nl-police",
 * "name":"...", "country":"NL", "apiKeySha256":"<hex>", "enabled":true}], "accessProviders":
 * [{"id":"nl-isp-example", "name":"...", "country":"NL", "apiKeySha256":"<hex>", "enabled":true}],
 * "users": [{"id":"nl-analyst", "name":"...", "country":"NL" or "secretariat", "agency":"nl-police"
 * (optional), "language":"en", "passwordHash":"pbkdf2-sha256$..."}]}}. Countries listed without an
 * agency still get an alert topic (their analysts may read alerts about sites hosted there). Access
 * providers are optional; they read the "worst of" list and nothing else, and their country does
 * not make it a member country. {@code "platforms"} (same fields as access providers, optional) are
 * vetted online platforms that read the known-hash list and nothing else.
 */
public final class MemberDirectory {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code country} of a user who sees every country's alerts. */
  public static final String SECRETARIAT = "secretariat";

  private final Map<AgencyId, Agency> agencies;
  private final SortedSet<CountryCode> countries;
  private final Map<String, AccessProvider> accessProviders;
  private final Map<String, Platform> platforms;
  private final Map<String, User> users;

  /** Checked for an unknown user id: as slow as a real user's hash. */
  private final String dummyHash;

  public MemberDirectory(Collection<Agency> agencies, Collection<CountryCode> extraCountries) {
    this(agencies, extraCountries, List.of());
  }

  public MemberDirectory(
      Collection<Agency> agencies,
      Collection<CountryCode> extraCountries,
      Collection<AccessProvider> accessProviders) {
    this(agencies, extraCountries, accessProviders, List.of());
  }

  public MemberDirectory(
      Collection<Agency> agencies,
      Collection<CountryCode> extraCountries,
      Collection<AccessProvider> accessProviders,
      Collection<User> users) {
    this(agencies, extraCountries, accessProviders, users, List.of());
  }

  public MemberDirectory(
      Collection<Agency> agencies,
      Collection<CountryCode> extraCountries,
      Collection<AccessProvider> accessProviders,
      Collection<User> users,
      Collection<Platform> platforms) {
    Map<AgencyId, Agency> byId = new LinkedHashMap<>();
    for (Agency agency : agencies) {
      if (byId.putIfAbsent(agency.id(), agency) != null) {
        throw new IllegalArgumentException("agency '" + agency.id() + "' is listed twice");
      }
    }
    this.agencies = Map.copyOf(byId);
    this.accessProviders = accessProvidersById(accessProviders, byId.values());
    this.platforms = platformsById(platforms, byId.values(), this.accessProviders.values());
    TreeSet<CountryCode> all = new TreeSet<>(extraCountries);
    agencies.forEach(a -> all.add(a.country()));
    this.countries = java.util.Collections.unmodifiableSortedSet(all);
    Map<String, User> usersById = new LinkedHashMap<>();
    for (User user : users) {
      if (usersById.putIfAbsent(user.id(), user) != null) {
        throw new IllegalArgumentException("user '" + user.id() + "' is listed twice");
      }
      if (!user.isSecretariat() && !all.contains(user.country())) {
        throw new IllegalArgumentException(
            "user '" + user.id() + "': " + user.country() + " is not a member country");
      }
      if (user.agency() != null) {
        Agency agency = byId.get(user.agency());
        if (agency == null || !agency.country().equals(user.country())) {
          throw new IllegalArgumentException(
              "user '"
                  + user.id()
                  + "': agency '"
                  + user.agency()
                  + "' is not an agency of "
                  + user.country());
        }
      }
    }
    this.users = Map.copyOf(usersById);
    this.dummyHash =
        Passwords.hash(
            "no such user",
            users.stream().findFirst().map(u -> Passwords.iterations(u.passwordHash())).orElse(1));
  }

  public static MemberDirectory load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the member directory " + file, e);
    }
  }

  public static MemberDirectory parse(InputStream in, String source) throws IOException {
    JsonNode root = JSON.readTree(in);
    List<CountryCode> countries = new ArrayList<>();
    root.path("countries").forEach(c -> countries.add(CountryCode.of(c.asText())));
    List<Agency> agencies = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root.path("agencies")) {
      String where = source + ": agencies[" + index++ + "]";
      try {
        agencies.add(
            new Agency(
                AgencyId.of(node.path("id").asText(null)),
                node.path("name").asText(null),
                CountryCode.of(node.path("country").asText(null)),
                node.path("apiKeySha256").asText(null),
                node.path("enabled").asBoolean(true)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return new MemberDirectory(
        agencies,
        countries,
        parseKeyed(root, "accessProviders", source, AccessProvider::new),
        parseUsers(root, source),
        parseKeyed(root, "platforms", source, Platform::new));
  }

  private static List<User> parseUsers(JsonNode root, String source) {
    List<User> users = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root.path("users")) {
      String where = source + ": users[" + index++ + "]";
      try {
        String country = node.path("country").asText(null);
        users.add(
            new User(
                node.path("id").asText(null),
                node.path("name").asText(null),
                country == null || SECRETARIAT.equals(country) ? null : CountryCode.of(country),
                node.path("language").asText(null),
                node.path("passwordHash").asText(null),
                node.hasNonNull("agency") ? AgencyId.of(node.path("agency").asText()) : null));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return users;
  }

  /** The constructor of an access provider or a platform: the same fields in the file. */
  private interface KeyedEntry<T> {
    T of(String id, String name, CountryCode country, String apiKeySha256, boolean enabled);
  }

  private static <T> List<T> parseKeyed(
      JsonNode root, String section, String source, KeyedEntry<T> entry) {
    List<T> entries = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root.path(section)) {
      String where = source + ": " + section + "[" + index++ + "]";
      try {
        entries.add(
            entry.of(
                node.path("id").asText(null),
                node.path("name").asText(null),
                CountryCode.of(node.path("country").asText(null)),
                node.path("apiKeySha256").asText(null),
                node.path("enabled").asBoolean(true)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return entries;
  }

  private static Map<String, AccessProvider> accessProvidersById(
      Collection<AccessProvider> providers, Collection<Agency> agencies) {
    Map<String, AccessProvider> byId = new LinkedHashMap<>();
    for (AccessProvider provider : providers) {
      if (byId.putIfAbsent(provider.id(), provider) != null) {
        throw new IllegalArgumentException(
            "access provider '" + provider.id() + "' is listed twice");
      }
      for (Agency agency : agencies) {
        // Audit records name a provider by id: it must not be mistaken for an agency.
        if (agency.id().value().equals(provider.id())) {
          throw new IllegalArgumentException(
              "access provider '" + provider.id() + "' has the id of an agency");
        }
        // One key must never open both the intake and the IWOL feed.
        if (ApiKeys.hashesEqual(provider.apiKeySha256(), agency.apiKeySha256())) {
          throw new IllegalArgumentException(
              "access provider '"
                  + provider.id()
                  + "' has the same API key as agency '"
                  + agency.id()
                  + "'");
        }
      }
    }
    return Map.copyOf(byId);
  }

  /**
   * Platforms by id. A platform's id and key are its own: never an agency's or an access
   * provider's, so that audit records name one entity and one key opens one door.
   */
  private static Map<String, Platform> platformsById(
      Collection<Platform> platforms,
      Collection<Agency> agencies,
      Collection<AccessProvider> providers) {
    Map<String, Platform> byId = new LinkedHashMap<>();
    for (Platform platform : platforms) {
      if (byId.putIfAbsent(platform.id(), platform) != null) {
        throw new IllegalArgumentException("platform '" + platform.id() + "' is listed twice");
      }
      for (Agency agency : agencies) {
        if (agency.id().value().equals(platform.id())
            || ApiKeys.hashesEqual(platform.apiKeySha256(), agency.apiKeySha256())) {
          throw new IllegalArgumentException(
              "platform '"
                  + platform.id()
                  + "' has the id or the API key of agency '"
                  + agency.id()
                  + "'");
        }
      }
      for (AccessProvider provider : providers) {
        if (provider.id().equals(platform.id())
            || ApiKeys.hashesEqual(platform.apiKeySha256(), provider.apiKeySha256())) {
          throw new IllegalArgumentException(
              "platform '"
                  + platform.id()
                  + "' has the id or the API key of access provider '"
                  + provider.id()
                  + "'");
        }
      }
    }
    return Map.copyOf(byId);
  }

  /** All platforms, enabled or not, sorted by id. */
  public List<Platform> platforms() {
    return platforms.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
  }

  /** The enabled platform whose API key this is, if any (every one compared, as for providers). */
  public Optional<Platform> authenticatePlatform(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      return Optional.empty();
    }
    String presented = ApiKeys.sha256Hex(apiKey);
    Platform found = null;
    for (Platform platform : platforms.values()) {
      if (ApiKeys.hashesEqual(presented, platform.apiKeySha256()) && platform.enabled()) {
        found = platform;
      }
    }
    return Optional.ofNullable(found);
  }

  /** All agencies, enabled or not, sorted by id. */
  public List<Agency> agencies() {
    return agencies.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
  }

  public Optional<Agency> agency(AgencyId id) {
    return Optional.ofNullable(agencies.get(id));
  }

  /** The country of the agency named by {@code id}; empty for an unknown or malformed id. */
  public Optional<String> countryOfAgency(String id) {
    try {
      return agency(AgencyId.of(id)).map(a -> a.country().value());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The enabled agency whose API key this is, if any. */
  public Optional<Agency> authenticate(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      return Optional.empty();
    }
    String presented = ApiKeys.sha256Hex(apiKey);
    return agencies.values().stream()
        .filter(Agency::enabled)
        .filter(a -> ApiKeys.hashesEqual(presented, a.apiKeySha256()))
        .findFirst();
  }

  /** All access providers, enabled or not, sorted by id. */
  public List<AccessProvider> accessProviders() {
    return accessProviders.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
  }

  /**
   * The enabled access provider whose API key this is, if any. An agency's key is not a provider's:
   * the two are looked up in separate lists, and the directory refuses a key hash found in both.
   */
  public Optional<AccessProvider> authenticateAccessProvider(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      return Optional.empty();
    }
    String presented = ApiKeys.sha256Hex(apiKey);
    // Every provider is compared (no early exit), so the time taken does not tell which matched.
    AccessProvider found = null;
    for (AccessProvider provider : accessProviders.values()) {
      if (ApiKeys.hashesEqual(presented, provider.apiKeySha256()) && provider.enabled()) {
        found = provider;
      }
    }
    return Optional.ofNullable(found);
  }

  /** All users, sorted by id. */
  public List<User> users() {
    return users.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
  }

  public Optional<User> user(String id) {
    return Optional.ofNullable(id == null ? null : users.get(id));
  }

  /**
   * The user with this id and password, if both are right. An unknown id costs a hash as well, so
   * the time taken does not tell which ids exist.
   */
  public Optional<User> authenticateUser(String id, String password) {
    User user = id == null ? null : users.get(id);
    String hash = user != null ? user.passwordHash() : dummyHash;
    boolean ok = Passwords.verify(password == null ? "" : password, hash);
    return ok && user != null ? Optional.of(user) : Optional.empty();
  }

  /** Every member country, sorted. */
  public SortedSet<CountryCode> countries() {
    return countries;
  }
}
