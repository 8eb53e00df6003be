package org.sightline.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.sightline.client.KafkaAccess;
import org.sightline.members.Principal;
import org.sightline.schema.Alert;
import org.sightline.schema.Disclosure;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alerts tail}: one country's alerts printed as they arrive. */
@Command(
    name = "alerts",
    description = "Alerts of one country (or the secretariat).",
    subcommands = {AlertsCommand.Tail.class})
final class AlertsCommand {

  @Command(
      name = "tail",
      description = {
        "Print a country's alerts as they arrive (Ctrl-C stops): one line each, or --json.",
        "Reads alerts.<CC> straight from the broker; only committed alerts are shown."
      })
  static final class Tail implements Callable<Integer> {

    @Option(
        names = "--country",
        paramLabel = "XX",
        description = "ISO 3166 alpha-2 code of a member country, or 'secretariat'")
    String country;

    @Option(
        names = "--agency",
        paramLabel = "ID",
        description =
            "An agency's own alerts (about its sightings its country may not see: RED,"
                + " AMBER+STRICT, named recipients), read as that agency's principal")
    String agency;

    @Mixin BrokerOptions broker = new BrokerOptions();

    @Option(names = "--registry", defaultValue = "http://localhost:18081")
    String registry;

    @Option(names = "--json", description = "One JSON object per line")
    boolean json;

    @Option(names = "--from-beginning", description = "Print the alerts already there, too")
    boolean fromBeginning;

    @Option(names = "--max", defaultValue = "0", description = "Stop after this many; 0 = never")
    long max;

    @Option(
        names = "--exit-when-idle",
        defaultValue = "0",
        paramLabel = "SECONDS",
        description = "Stop after this long without a new alert (for scripts); 0 = never")
    long exitWhenIdle;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
      AlertTopic alerts;
      try {
        alerts = AlertTopic.of(country, agency);
      } catch (IllegalArgumentException e) {
        err.println("alerts tail: " + e.getMessage());
        return CanonCommand.INVALID;
      }
      TopicSpec<Alert> topic = alerts.topic();
      Principal principal = alerts.principal();
      KafkaAccess access;
      try {
        access = broker.access(principal);
      } catch (IllegalStateException e) {
        err.println("alerts tail: " + e.getMessage());
        return CanonCommand.INVALID;
      }
      Properties props = new Properties();
      props.putAll(access.readerProperties("sightline-cli-alerts"));
      props.put(
          ConsumerConfig.GROUP_ID_CONFIG,
          new Principal(access.principal(), principal.kind()).groupPrefix()
              + "tail-"
              + UUID.randomUUID());
      props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
      AtomicBoolean running = new AtomicBoolean(true);
      long printed = 0;
      try (KafkaConsumer<String, Alert> consumer =
          new KafkaConsumer<>(
              props,
              topic.keySerde().deserializer(),
              topic.valueSerde(RegistrySerdes.forRegistry(registry)).deserializer())) {
        Thread main = Thread.currentThread();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      running.set(false);
                      consumer.wakeup();
                      try {
                        main.join(5_000);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
        consumer.subscribe(List.of(topic.name()));
        long lastActivity = System.currentTimeMillis();
        while (running.get() && (max == 0 || printed < max)) {
          var records = consumer.poll(Duration.ofMillis(500));
          if (!records.isEmpty()) {
            lastActivity = System.currentTimeMillis();
          } else if (exitWhenIdle > 0
              && System.currentTimeMillis() - lastActivity > exitWhenIdle * 1000) {
            break;
          }
          for (ConsumerRecord<String, Alert> record : records) {
            out.println(json ? record.value().toString() : line(record.value()));
            out.flush();
            if (max > 0 && ++printed >= max) {
              break;
            }
          }
        }
      } catch (WakeupException stopping) {
        // Ctrl-C
      } catch (AuthorizationException e) {
        err.println(
            "alerts tail: the broker refuses principal '"
                + access.principal()
                + "' access to "
                + topic.name()
                + " ("
                + e.getMessage()
                + "); a country's principal reads only that country's alerts");
        return 1;
      } catch (org.apache.kafka.common.errors.AuthenticationException e) {
        err.println(
            "alerts tail: the broker does not accept the credential of '"
                + access.principal()
                + "': "
                + e.getMessage());
        return 1;
      }
      return 0;
    }

    /** What an analyst reads at a glance; a hit/no-hit notice shows nothing more than itself. */
    static String line(Alert a) {
      StringBuilder s =
          new StringBuilder()
              .append(a.getCreatedAt())
              .append("  ")
              .append(a.getSeverity())
              .append("  ")
              .append(a.getReason())
              .append("  ")
              .append(a.getIndicator());
      if (a.getDisclosure() != Disclosure.HIT_NO_HIT && !a.getCountries().isEmpty()) {
        s.append("  [").append(String.join(",", a.getCountries())).append(']');
      }
      return s.append("  ").append(a.getMessage()).toString();
    }
  }
}
