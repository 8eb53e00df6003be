package org.sightline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.sightline.client.KafkaAccess;
import org.sightline.members.Principal;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the secretariat's commands ({@code iwol}, {@code warninglists}) share: the broker as the
 * secretariat's principal, the registry, who decides; a decision written and confirmed; a topic of
 * decisions read whole.
 */
final class SecretariatDecisions {

  static final Duration WAIT = Duration.ofSeconds(30);

  private SecretariatDecisions() {}

  /** The options every verb takes. */
  static final class Options {
    @Mixin BrokerOptions broker = new BrokerOptions();

    @Option(
        names = "--registry",
        defaultValue = "${env:SIGHTLINE_REGISTRY:-http://localhost:18081}",
        description = "Schema registry URL (default: ${DEFAULT-VALUE})")
    String registry;

    @Option(
        names = "--by",
        defaultValue = "${sys:user.name}",
        description = "Who decides, for the audit trail (default: ${DEFAULT-VALUE})")
    String by;

    /** The command this is mixed into: its writers are the ones a caller (or test) set. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    PrintWriter out() {
      return mixee.commandLine().getOut();
    }

    PrintWriter err() {
      return mixee.commandLine().getErr();
    }
  }

  /**
   * Writes one decision as the secretariat and waits for the broker: 0, or the exit code after
   * saying why (2 refused, 3 not confirmed).
   */
  static <V extends SpecificRecord> int write(
      Options common, String command, TopicSpec<V> topic, String key, V value) {
    KafkaAccess access;
    try {
      access = common.broker.access(Principal.SECRETARIAT);
    } catch (IllegalStateException e) {
      common.err().println(command + ": " + e.getMessage());
      return CanonCommand.INVALID;
    }
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            access.confirmedProducerProperties("sightline-cli-secretariat", WAIT),
            topic.keySerde().serializer(),
            topic.valueSerde(RegistrySerdes.forRegistry(common.registry)).serializer())) {
      producer
          .send(new ProducerRecord<>(topic.name(), key, value))
          .get(WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return 0;
    } catch (AuthorizationException e) {
      return refused(common, command, access, topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthorizationException) {
        return refused(common, command, access, topic);
      }
      common.err().println(command + ": not confirmed by the broker: " + e.getCause().getMessage());
      return IntakeClient.UNAVAILABLE;
    } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
      common.err().println(command + ": not confirmed by the broker in time");
      return IntakeClient.UNAVAILABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return IntakeClient.UNAVAILABLE;
    }
  }

  private static int refused(
      Options common, String command, KafkaAccess access, TopicSpec<?> topic) {
    common
        .err()
        .println(
            command
                + ": the broker refuses principal '"
                + access.principal()
                + "' to write "
                + topic.name()
                + " (only the secretariat decides this)");
    return CanonCommand.INVALID;
  }

  /**
   * A topic of decisions as it stands: every partition read from its beginning to the end it had
   * when reading began, the latest record of each key kept, a tombstone removing it. No consumer
   * group. Throws {@link AuthorizationException} when the principal may not read it.
   */
  static <V extends SpecificRecord> Map<String, V> readWhole(Options common, TopicSpec<V> topic) {
    Map<String, V> latest = new HashMap<>();
    WholeTopic.read(
        common.broker.access(Principal.SECRETARIAT),
        common.registry,
        topic,
        WAIT,
        r -> {
          if (r.value() == null) {
            latest.remove(r.key());
          } else {
            latest.put(r.key(), r.value());
          }
        });
    return latest;
  }
}
