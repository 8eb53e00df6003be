package org.sightline.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.AuthorizationException;
import org.sightline.client.KafkaAccess;
import org.sightline.erasure.ErasureRequests;
import org.sightline.members.Principal;
import org.sightline.schema.Erasure;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.Topics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The secretariat erases a sighting, or every sighting of an agency. */
@Command(
    name = "erase",
    description = {
      "The secretariat erases one sighting of an agency (--sighting), or every sighting of it"
          + " (--all-sightings, e.g. a member leaving): every store of the processor forgets it"
          + " and the alerts it caused are superseded. Written to erasure.requests as the"
          + " secretariat, which is also the audit trail (who, when, why).",
      "Exit 0 written, 2 refused (the field is named), 3 the broker did not confirm: run again"
          + " (an erasure written twice erases once)."
    })
final class EraseCommand implements Callable<Integer> {

  @Option(names = "--agency", required = true, paramLabel = "ID", description = "The agency")
  String agency;

  @ArgGroup(multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--sighting", paramLabel = "ID", description = "The sighting's id")
    String sighting;

    @Option(names = "--all-sightings", description = "Every sighting the agency ever sent")
    boolean all;
  }

  @Option(
      names = "--reason",
      required = true,
      description = "The ground (court order, member leaving), for the audit trail")
  String reason;

  @Option(
      names = "--by",
      defaultValue = "${sys:user.name}",
      description = "Who decided, for the audit trail (default: ${DEFAULT-VALUE})")
  String by;

  @Mixin BrokerOptions broker = new BrokerOptions();

  @Option(
      names = "--registry",
      defaultValue = "${env:SIGHTLINE_REGISTRY:-http://localhost:18081}",
      description = "Schema registry URL (default: ${DEFAULT-VALUE})")
  String registry;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    Erasure erasure;
    try {
      erasure =
          ErasureRequests.of(
              agency,
              which.all ? Optional.empty() : Optional.of(which.sighting),
              "cli:" + by,
              reason,
              Instant.now());
    } catch (IllegalArgumentException e) {
      err.println("erase: " + e.getMessage());
      return CanonCommand.INVALID;
    }
    KafkaAccess access;
    try {
      access = broker.access(Principal.SECRETARIAT);
    } catch (IllegalStateException e) {
      err.println("erase: " + e.getMessage());
      return CanonCommand.INVALID;
    }
    try (KafkaProducer<String, Erasure> producer =
        new KafkaProducer<>(
            access.confirmedProducerProperties("sightline-cli-erase", Duration.ofSeconds(30)),
            Topics.ERASURE_REQUESTS.keySerde().serializer(),
            Topics.ERASURE_REQUESTS
                .valueSerde(RegistrySerdes.forRegistry(registry))
                .serializer())) {
      int records = ErasureRequests.write(producer, erasure);
      out.printf(
          "erasure of %s written (%d record%s to %s, by %s): the processor forgets it and"
              + " supersedes its alerts%n",
          erasure.getSightingId() == null
              ? "every sighting of " + erasure.getAgencyId()
              : "sighting " + erasure.getSightingId() + " of " + erasure.getAgencyId(),
          records,
          records == 1 ? "" : "s",
          Topics.ERASURE_REQUESTS.name(),
          erasure.getRequestedBy());
      return 0;
    } catch (AuthorizationException e) {
      return refused(access);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthorizationException) {
        return refused(access);
      }
      err.println("erase: not confirmed by the broker: " + e.getCause().getMessage());
      return IntakeClient.UNAVAILABLE;
    } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
      err.println("erase: not confirmed by the broker in time: " + e.getMessage());
      return IntakeClient.UNAVAILABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return IntakeClient.UNAVAILABLE;
    }
  }

  private int refused(KafkaAccess access) {
    err.println(
        "erase: the broker refuses principal '"
            + access.principal()
            + "' to write "
            + Topics.ERASURE_REQUESTS.name()
            + " (only the secretariat may erase)");
    return CanonCommand.INVALID;
  }
}
