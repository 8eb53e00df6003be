package org.sightline.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sightline.access.AccessPolicy;
import org.sightline.members.AccessProvider;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.ApiKeys;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.members.MemberDirectoryFile;
import org.sightline.members.Platform;
import org.sightline.members.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code members}: the federation's directory, edited in one command. The launcher applies the
 * result to the broker afterwards ({@code provision}: topics, schemas, credentials, ACLs).
 */
@Command(
    name = "members",
    description = "List, add, disable or enable members of the federation (the member directory).",
    subcommands = {
      MembersCommand.List.class,
      MembersCommand.AddAgency.class,
      MembersCommand.AddCountry.class,
      MembersCommand.AddProvider.class,
      MembersCommand.AddPlatform.class,
      MembersCommand.AddAnalyst.class,
      MembersCommand.Disable.class,
      MembersCommand.Enable.class,
      MembersCommand.NewFederationKey.class
    })
final class MembersCommand {

  @Option(
      names = "--members",
      required = true,
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Member directory (JSON)")
  Path members;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Command(name = "list", description = "Every member, its principal on the broker and its state.")
  static final class List implements Callable<Integer> {
    @ParentCommand MembersCommand parent;

    @Override
    public Integer call() {
      MemberDirectory directory = MemberDirectory.load(parent.members);
      for (CountryCode country : directory.countries()) {
        parent.out.printf(
            "country   %-20s principal %s%n", country.value(), Principal.country(country));
      }
      for (Agency a : directory.agencies()) {
        parent.out.printf(
            "agency    %-20s %s  principal %s  %s%n",
            a.id(),
            a.country().value(),
            Principal.agency(a.id()),
            a.enabled() ? "enabled" : "DISABLED");
      }
      for (Platform p : directory.platforms()) {
        parent.out.printf(
            "platform  %-20s %s  known-hash list over HTTP only, no broker login  %s%n",
            p.id(), p.country().value(), p.enabled() ? "enabled" : "DISABLED");
      }
      for (AccessProvider p : directory.accessProviders()) {
        parent.out.printf(
            "provider  %-20s %s  IWOL feed over HTTP only, no broker login  %s%n",
            p.id(), p.country().value(), p.enabled() ? "enabled" : "DISABLED");
      }
      for (org.sightline.members.User u : directory.users()) {
        parent.out.printf(
            "user      %-20s %s%s%n",
            u.id(),
            u.isSecretariat() ? "secretariat" : u.country().value(),
            u.agency() == null ? "" : "  agency " + u.agency());
      }
      parent.out.printf(
          "%d principals, %d ACLs on the broker%n",
          AccessPolicy.principals(directory).size(), AccessPolicy.bindings(directory).size());
      return 0;
    }
  }

  @Command(
      name = "add-agency",
      description = {
        "Add an agency: its intake topic, its principal and ACLs follow on provisioning.",
        "Prints its new intake API key once; only the key's SHA-256 is stored."
      })
  static final class AddAgency implements Callable<Integer> {
    @ParentCommand MembersCommand parent;

    @Parameters(paramLabel = "ID", description = "e.g. fr-police (lower case, digits, hyphens)")
    String id;

    @Option(names = "--country", required = true, paramLabel = "XX")
    String country;

    @Option(names = "--name")
    String name;

    @Override
    public Integer call() {
      return parent.edit(
          file -> {
            AgencyId agency = AgencyId.of(id);
            CountryCode cc = CountryCode.of(country.toUpperCase(Locale.ROOT));
            String key = ApiKeys.generate(agency);
            file.addAgency(agency, name, cc, key);
            file.save();
            parent.out.printf(
                "added agency %s (%s); its intake API key, shown once — hand it over securely:%n"
                    + "  %s%n"
                    + "its broker principal is %s%n",
                agency, cc.value(), key, Principal.agency(agency));
          });
    }
  }

  @Command(
      name = "add-country",
      description = "Add a member country: its alert topic, its principal and ACLs follow.")
  static final class AddCountry implements Callable<Integer> {
    @ParentCommand MembersCommand parent;

    @Parameters(paramLabel = "XX", description = "ISO 3166 alpha-2 code")
    String country;

    @Override
    public Integer call() {
      return parent.edit(
          file -> {
            CountryCode cc = CountryCode.of(country.toUpperCase(Locale.ROOT));
            boolean added = file.addCountry(cc);
            file.save();
            parent.out.printf(
                added
                    ? "added country %s; its analysts' principal is %s%n"
                    : "%s is already a member country (principal %s)%n",
                cc.value(),
                Principal.country(cc));
          });
    }
  }

  @Command(
      name = "add-analyst",
      description = {
        "Add a console user: an analyst of a member country (--agency: of one of its agencies,",
        "who also sees that agency's own sightings and alerts), or a secretariat user",
        "(--country secretariat). Prints a new password once; only its PBKDF2 hash is stored."
      })
  static final class AddAnalyst implements Callable<Integer> {
    @ParentCommand MembersCommand parent;

    @Parameters(paramLabel = "ID", description = "e.g. fr-analyst (lower case, digits, . _ -)")
    String id;

    @Option(
        names = "--country",
        required = true,
        paramLabel = "XX",
        description = "A member country, or 'secretariat'")
    String country;

    @Option(names = "--agency", paramLabel = "ID", description = "An agency of that country")
    String agency;

    @Option(
        names = "--language",
        defaultValue = "en",
        description = "en, ar, fr or es (${DEFAULT-VALUE})")
    String language;

    @Option(names = "--name")
    String name;

    @Override
    public Integer call() {
      return parent.edit(
          file -> {
            boolean secretariat = MemberDirectory.SECRETARIAT.equalsIgnoreCase(country);
            CountryCode cc = secretariat ? null : CountryCode.of(country.toUpperCase(Locale.ROOT));
            byte[] random = new byte[18];
            new java.security.SecureRandom().nextBytes(random);
            String password =
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            file.addUser(
                id, name, cc, agency == null ? null : AgencyId.of(agency), language, password);
            file.save();
            parent.out.printf(
                "added %s %s; the password, shown once — hand it over securely:%n  %s%n",
                secretariat
                    ? "secretariat user"
                    : "analyst of " + cc.value() + (agency == null ? "" : " (" + agency + ")"),
                id,
                password);
          });
    }
  }

  /**
   * An entity that reads one list over HTTP with a key of its own and does nothing else: an access
   * provider (the "worst of" list), a platform (the known-hash list).
   */
  abstract static class AddKeyed implements Callable<Integer> {
    @ParentCommand MembersCommand parent;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--country", required = true, paramLabel = "XX")
    String country;

    @Option(names = "--name")
    String name;

    /** What it is and what its key opens, for the message. */
    abstract String what();

    abstract void add(MemberDirectoryFile file, CountryCode country, String key);

    @Override
    public Integer call() {
      return parent.edit(
          file -> {
            CountryCode cc = CountryCode.of(country.toUpperCase(Locale.ROOT));
            String key = ApiKeys.generate(AgencyId.of(id));
            add(file, cc, key);
            file.save();
            parent.out.printf(
                "added %s %s (%s); its API key, shown once:%n  %s%n", what(), id, cc.value(), key);
          });
    }
  }

  @Command(
      name = "add-provider",
      description = {
        "Add an access provider: it reads the \"worst of\" list and nothing else.",
        "Prints its new feed API key once; only the key's SHA-256 is stored."
      })
  static final class AddProvider extends AddKeyed {
    @Override
    String what() {
      return "access provider";
    }

    @Override
    void add(MemberDirectoryFile file, CountryCode cc, String key) {
      file.addAccessProvider(id, name, cc, key);
    }
  }

  @Command(
      name = "add-platform",
      description = {
        "Add a vetted online platform: it reads the known-hash list and nothing else.",
        "Prints its new API key once; only the key's SHA-256 is stored."
      })
  static final class AddPlatform extends AddKeyed {
    @Override
    String what() {
      return "platform";
    }

    @Override
    void add(MemberDirectoryFile file, CountryCode cc, String key) {
      file.addPlatform(id, name, cc, key);
    }
  }

  /** Disable or enable a member with a key: the same edit, the other way. */
  abstract static class SetEnabled implements Callable<Integer> {
    @ParentCommand MembersCommand parent;

    @Parameters(paramLabel = "ID")
    String id;

    abstract boolean enabled();

    @Override
    public Integer call() {
      return parent.edit(
          file -> {
            String what = file.setEnabled(id, enabled());
            file.save();
            parent.out.printf("%s %s %s%n", enabled() ? "enabled" : "disabled", what, id);
          });
    }
  }

  @Command(
      name = "disable",
      description =
          "Disable an agency, access provider or platform: its API key (and an agency's broker login and ACLs) stop working.")
  static final class Disable extends SetEnabled {
    @Override
    boolean enabled() {
      return false;
    }
  }

  @Command(
      name = "enable",
      description = "Enable a disabled agency, access provider or platform again.")
  static final class Enable extends SetEnabled {
    @Override
    boolean enabled() {
      return true;
    }
  }

  @Command(
      name = "new-federation-key",
      description = {
        "Write a new random federation key (for keyed-HMAC pseudonyms of e-mail addresses, phone",
        "numbers and usernames) to FILE, readable by its owner only; hand it to the members",
        "over a channel you trust. An existing file is never overwritten."
      })
  static final class NewFederationKey implements Callable<Integer> {
    @ParentCommand MembersCommand parent;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
      try {
        java.nio.file.Files.createFile(
            file,
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        java.nio.file.Files.writeString(
            file,
            org.sightline.indicator.FederationKey.generate() + "\n",
            java.nio.charset.StandardCharsets.US_ASCII);
        parent.out.printf("wrote a new federation key to %s%n", file);
        return 0;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        parent.err.println("members: " + file + " exists already: a key is never overwritten");
        return CanonCommand.INVALID;
      } catch (java.io.IOException e) {
        parent.err.println("members: cannot write " + file + ": " + e.getMessage());
        return CanonCommand.INVALID;
      }
    }
  }

  interface Edit {
    void apply(MemberDirectoryFile file);
  }

  /** Applies an edit; a refused one leaves the file untouched and says why. */
  int edit(Edit edit) {
    try {
      edit.apply(MemberDirectoryFile.open(members));
      return 0;
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("members: " + e.getMessage());
      return CanonCommand.INVALID;
    }
  }
}
