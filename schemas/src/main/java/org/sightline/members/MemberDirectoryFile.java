package org.sightline.members;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Edits the member directory file the way an operator would by hand — add an agency, a country or
 * an access provider, disable or enable one — keeping every other field as it is. Each change is
 * checked by parsing the result as a {@link MemberDirectory} before the file is replaced
 * (atomically), so a bad id or a duplicate is refused with the reason and the file stays valid.
 */
public final class MemberDirectoryFile {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final ObjectNode root;

  private MemberDirectoryFile(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  public static MemberDirectoryFile open(Path file) {
    try {
      JsonNode node = JSON.readTree(file.toFile());
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException(file + ": the member directory must be a JSON object");
      }
      return new MemberDirectoryFile(file, object);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the member directory " + file, e);
    }
  }

  /** Adds an agency with the hash of its API key; the key itself is never written. */
  public void addAgency(AgencyId id, String name, CountryCode country, String apiKey) {
    ObjectNode agency = array("agencies").addObject();
    agency.put("id", id.value());
    agency.put("name", name == null ? id.value() : name);
    agency.put("country", country.value());
    agency.put("enabled", true);
    agency.put("apiKeySha256", ApiKeys.sha256Hex(apiKey));
  }

  /** Adds an access provider (reads the "worst of" list only) with the hash of its key. */
  public void addAccessProvider(String id, String name, CountryCode country, String apiKey) {
    addKeyed("accessProviders", id, name, country, apiKey);
  }

  /** Adds a platform (reads the known-hash list only) with the hash of its key. */
  public void addPlatform(String id, String name, CountryCode country, String apiKey) {
    addKeyed("platforms", id, name, country, apiKey);
  }

  private void addKeyed(
      String section, String id, String name, CountryCode country, String apiKey) {
    ObjectNode entry = array(section).addObject();
    entry.put("id", id);
    entry.put("name", name == null ? id : name);
    entry.put("country", country.value());
    entry.put("enabled", true);
    entry.put("apiKeySha256", ApiKeys.sha256Hex(apiKey));
  }

  /**
   * Adds a console user: an analyst of {@code country} (of one of its agencies when {@code agency}
   * is given), or a secretariat user when {@code country} is null; only the password's PBKDF2 hash
   * is written.
   */
  public void addUser(
      String id,
      String name,
      CountryCode country,
      AgencyId agency,
      String language,
      String password) {
    ObjectNode user = array("users").addObject();
    user.put("id", id);
    user.put("name", name == null ? id : name);
    user.put("country", country == null ? MemberDirectory.SECRETARIAT : country.value());
    if (agency != null) {
      user.put("agency", agency.value());
    }
    user.put("language", language == null ? "en" : language);
    user.put("passwordHash", Passwords.hash(password, Passwords.DEFAULT_ITERATIONS));
  }

  /**
   * Adds a member country that has no agency yet (its analysts may still read alerts about sites
   * hosted there); a no-op when the country is already a member.
   */
  public boolean addCountry(CountryCode country) {
    MemberDirectory current = parse();
    if (current.countries().contains(country)) {
      return false;
    }
    array("countries").add(country.value());
    return true;
  }

  /**
   * Enables or disables the agency, access provider or platform with this id; returns what it is.
   */
  public String setEnabled(String id, boolean enabled) {
    for (String section : new String[] {"agencies", "accessProviders", "platforms"}) {
      for (JsonNode node : array(section)) {
        if (id.equals(node.path("id").asText(null))) {
          ((ObjectNode) node).put("enabled", enabled);
          return switch (section) {
            case "agencies" -> "agency";
            case "platforms" -> "platform";
            default -> "access provider";
          };
        }
      }
    }
    throw new IllegalArgumentException(
        "id '" + id + "': no agency or access provider has this id in " + file);
  }

  /** The directory as it would be after the changes so far; throws with the reason if invalid. */
  public MemberDirectory parse() {
    try {
      return MemberDirectory.parse(
          new ByteArrayInputStream(JSON.writeValueAsBytes(root)), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Validates, then replaces the file atomically. */
  public MemberDirectory save() {
    MemberDirectory directory = parse();
    try {
      Path next = file.resolveSibling(file.getFileName() + ".next");
      JSON.writeValue(next.toFile(), root);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the member directory " + file, e);
    }
  }

  private ArrayNode array(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return root.putArray(field);
    }
    if (!(node instanceof ArrayNode array)) {
      throw new IllegalArgumentException(file + ": '" + field + "' must be a JSON array");
    }
    return array;
  }
}
