package org.sightline.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.sightline.members.AgencyId;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Retraction;
import org.sightline.schema.Sighting;

/**
 * Writes a sighting or a retraction once: a resend gets the first receipt, a racing duplicate
 * shares the one write, the same id with other content is a conflict. Used by the single and the
 * batch endpoints alike.
 */
@ApplicationScoped
public class IntakeService {

  /** How a submission ended. */
  public enum Status {
    /** Written now. */
    WRITTEN,
    /** Already held: the receipt is the first one; nothing was written. */
    DUPLICATE,
    /** The id was already used for different content; nothing was written. */
    CONFLICT
  }

  /** The receipt (null for a conflict whose first write is still in flight) and the status. */
  public record Outcome(IntakePublisher.Receipt receipt, Status status) {}

  private final ReceiptIndex index;
  private final IntakePublisher publisher;

  IntakeService(ReceiptIndex index, IntakePublisher publisher) {
    this.index = index;
    this.publisher = publisher;
  }

  public boolean ready() {
    return index.ready();
  }

  /** The id's sighting or retraction was written (or is being written) through the intake. */
  public boolean knows(AgencyId agency, String id) {
    return index.knows(agency, id);
  }

  /**
   * @param observedAtFilledIn the intake gave the sighting its observation time (the sender did
   *     not): a resend must not differ from the first by it
   */
  public CompletableFuture<Outcome> submit(
      AgencyId agency, Sighting sighting, boolean observedAtFilledIn) {
    return submit(
        agency,
        sighting.getId(),
        new IntakeEvent(sighting),
        false,
        Fingerprints.of(sighting, observedAtFilledIn));
  }

  public CompletableFuture<Outcome> retract(AgencyId agency, Retraction retraction) {
    return submit(
        agency,
        retraction.getSightingId(),
        new IntakeEvent(retraction),
        true,
        Fingerprints.RETRACTION);
  }

  private CompletableFuture<Outcome> submit(
      AgencyId agency, String id, IntakeEvent event, boolean retraction, long fingerprint) {
    ReceiptIndex.Claim claim = index.claim(agency, id, retraction, fingerprint);
    if (claim instanceof ReceiptIndex.Fresh fresh) {
      publisher
          .send(agency, id, event, retraction, fingerprint)
          .whenComplete(
              (receipt, error) -> {
                if (error == null) {
                  index.confirm(fresh.entry(), receipt);
                } else {
                  index.abandon(agency, id, retraction, fresh.entry(), error);
                }
              });
      return fresh.entry().done.thenApply(r -> new Outcome(r, Status.WRITTEN));
    }
    if (claim instanceof ReceiptIndex.Held held) {
      return CompletableFuture.completedFuture(new Outcome(held.receipt(), Status.DUPLICATE));
    }
    if (claim instanceof ReceiptIndex.InFlight inFlight) {
      return inFlight.done().thenApply(r -> new Outcome(r, Status.DUPLICATE));
    }
    return CompletableFuture.completedFuture(
        new Outcome(((ReceiptIndex.Conflict) claim).receipt(), Status.CONFLICT));
  }
}
