package org.sightline.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.sightline.access.CredentialStore;
import org.sightline.members.Principal;
import org.sightline.runtime.BrokerSettings;
import org.sightline.runtime.JdkLocator;
import org.sightline.runtime.LocalCertificateAuthority;
import org.sightline.runtime.LocalRuntime;
import org.sightline.runtime.RegistryCommand;
import org.sightline.runtime.RegistrySigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Helpers for the launcher script, so that it and the tests share one definition of each thing. */
final class LocalCommands {

  private LocalCommands() {}

  @Command(name = "jdk", description = "Print the home of the best JDK of at least --min.")
  static final class Jdk implements Callable<Integer> {
    @Option(names = "--min", defaultValue = "21")
    int min;

    @Override
    public Integer call() {
      try {
        System.out.println(new JdkLocator().require(min).home());
        return 0;
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "broker-config", description = "Write a single-node KRaft broker configuration.")
  static final class BrokerConfig implements Callable<Integer> {
    @Option(names = "--file", required = true)
    Path file;

    @Option(names = "--data", required = true)
    Path data;

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--controller-port", required = true)
    int controllerPort;

    @Option(names = "--host", defaultValue = "localhost")
    String host;

    @Option(
        names = "--tls",
        required = true,
        description = "Folder of the local CA and the broker's certificate (created if missing)")
    Path tls;

    @Option(
        names = "--credentials",
        required = true,
        description = "Folder of the principals' passwords (the admin's is created if missing)")
    Path credentials;

    @Override
    public Integer call() throws Exception {
      LocalCertificateAuthority.BrokerTls brokerTls = LocalCertificateAuthority.ensure(tls);
      String adminPassword = new CredentialStore(credentials).password(Principal.ADMIN);
      Properties props =
          BrokerSettings.singleNode(data, host, port, controllerPort, brokerTls, adminPassword);
      Files.createDirectories(file.toAbsolutePath().getParent());
      // It holds the admin's password and the key store's: readable by its owner only.
      Files.deleteIfExists(file);
      try {
        Files.createFile(
            file,
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        props.store(out, "written by ./sightline up");
      }
      return 0;
    }
  }

  @Command(
      name = "broker-format",
      description =
          "Format a new broker's storage (KRaft) with the admin's SCRAM credential; a formatted"
              + " one is left as it is.")
  static final class BrokerFormat implements Callable<Integer> {
    @Option(names = "--config", required = true)
    Path config;

    @Option(names = "--credentials", required = true)
    Path credentials;

    @Override
    public Integer call() {
      try {
        BrokerSettings.format(
            config, new CredentialStore(credentials).existingPassword(Principal.ADMIN));
        return 0;
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "registry-command",
      description = "Print, one argument per line, the command that starts the schema registry.")
  static final class RegistryCommandLine implements Callable<Integer> {
    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--management-port", required = true)
    int managementPort;

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(
        names = "--keys",
        required = true,
        description =
            "Folder of the registry's signing key (made on first use, owner-only): only tokens"
                + " it signs may write to the registry")
    Path keys;

    @Option(
        names = "--data",
        required = true,
        description =
            "Folder of the registry's database (made on first start): schemas and their ids"
                + " survive a restart")
    Path data;

    @Override
    public Integer call() {
      try {
        JdkLocator.Jdk jdk = new JdkLocator().require(RegistryCommand.MIN_JAVA);
        RegistryCommand.command(
                jdk,
                LocalRuntime.fromBuild().registryRunJar(),
                host,
                port,
                managementPort,
                RegistrySigningKey.loadOrCreate(keys),
                data)
            .forEach(System.out::println);
        return 0;
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "service-tls",
      description =
          "Make a service's TLS key store, signed by the local CA (mutual TLS between the consumers or the intake"
              + " and the processor's interactive queries); an existing one is kept. Prints its"
              + " path; its password is the CA's store password (store.password).")
  static final class ServiceTlsCommand implements Callable<Integer> {
    @Option(names = "--tls", required = true, description = "Folder of the local CA")
    Path tls;

    @Option(
        names = "--principal",
        required = true,
        description = "The service: processor, consumers or intake (the certificate's common name)")
    String principal;

    @Option(
        names = "--name",
        description = "Another host name or address the certificate must hold (repeatable)")
    java.util.List<String> names = new java.util.ArrayList<>();

    @Override
    public Integer call() {
      System.out.println(LocalCertificateAuthority.service(tls, principal, names).keystore());
      return 0;
    }
  }
}
