package org.sightline.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.indicator.Localities;
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
      AgencyId agency, Sighting sighting, boolean observedAtFilledIn, String region) {
    return submit(
        agency,
        sighting.getId(),
        localityOf(sighting, region),
        new IntakeEvent(sighting),
        false,
        Fingerprints.of(sighting, observedAtFilledIn));
  }

  /**
   * Written where its sighting is when the index knows the sighting (its locality, from the
   * receipt); otherwise keyed by the id and without a locality, and the processor looks in every
   * task.
   */
  public CompletableFuture<Outcome> retract(AgencyId agency, Retraction retraction) {
    String id = retraction.getSightingId();
    String locality = index.locality(agency, id).orElse(null);
    retraction.setLocality(locality);
    return submit(
        agency,
        id,
        locality == null ? id : locality,
        new IntakeEvent(retraction),
        true,
        Fingerprints.RETRACTION);
  }

  /**
   * The key of a sighting's record: its locality (see {@link Localities}), computed with the
   * canonicaliser the processor uses, so the processor finds it in place.
   */
  static String localityOf(Sighting sighting, String region) {
    try {
      return Canonicalizer.canonicalize(sighting.getIndicator(), region).localityKey();
    } catch (InvalidIndicatorException e) {
      // Validated before: not reached. Keyed by id, the processor would still move it.
      return sighting.getId();
    }
  }

  private CompletableFuture<Outcome> submit(
      AgencyId agency,
      String id,
      String locality,
      IntakeEvent event,
      boolean retraction,
      long fingerprint) {
    ReceiptIndex.Claim claim = index.claim(agency, id, retraction, fingerprint);
    if (claim instanceof ReceiptIndex.Fresh fresh) {
      fresh.entry().locality = retraction ? null : locality;
      publisher
          .send(agency, id, locality, event, retraction, fingerprint)
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
