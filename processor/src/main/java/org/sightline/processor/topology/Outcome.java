package org.sightline.processor.topology;

import org.sightline.schema.Alert;
import org.sightline.schema.IwolEntry;

/**
 * What correlating one event produces: alerts, and changes of the "worst of" list and of the
 * known-hash list, and of the secretariat's review queue.
 */
sealed interface Outcome {

  record AlertOutcome(Alert alert) implements Outcome {}

  /** An entry of {@code iwol.domains}, or a tombstone when {@code entry} is null. */
  record IwolOutcome(String domain, IwolEntry entry) implements Outcome {}

  /** A proposal of {@code iwol.proposals}, or a tombstone when {@code proposal} is null. */
  record ProposalOutcome(String domain, org.sightline.schema.IwolProposal proposal)
      implements Outcome {}

  /** An entry of {@code hashes.known}, or a tombstone when {@code entry} is null. */
  record HashOutcome(String key, org.sightline.schema.KnownHash entry) implements Outcome {}
}
