package org.sightline.intake;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import org.sightline.client.ServiceConfig;

/** The intake's settings. */
@ConfigMapping(prefix = "sightline")
public interface IntakeConfig extends ServiceConfig {

  /**
   * The processor's query port ({@code https://...}): asked whether a sighting is held before a
   * retraction of an id without a receipt is accepted, so that one the agency never sent is 404.
   * Unset: such retractions are accepted and the processor refuses unknown ones itself.
   */
  @WithName("intake.processor-url")
  java.util.Optional<String> processorUrl();

  /**
   * How long a lookup waits for the processor's answer: a seized drive's 100,000 hashes are read
   * from every partition's store, some of them on other instances.
   */
  @WithName("intake.lookup-timeout")
  Duration lookupTimeout();

  /**
   * The federation key (a file holding it in Base64): when given, e-mail addresses, phone numbers
   * and usernames are replaced by their keyed-HMAC pseudonyms before anything is written, so none
   * reaches the broker in clear. Agencies that keep the key to themselves pseudonymise with the CLI
   * instead, and the intake then needs no key.
   */
  @WithName("intake.federation-key-file")
  java.util.Optional<Path> federationKeyFile();

  /** How long a request waits for the broker's acknowledgement. */
  @WithName("intake.ack-timeout")
  Duration ackTimeout();

  /**
   * How long the producer keeps retrying a record the broker has not acknowledged (idempotently),
   * beyond the request's own wait; a resend of its id meanwhile joins that write. Past it, the
   * record is given up and a resend writes it again.
   */
  @WithName("intake.delivery-timeout")
  Duration deliveryTimeout();

  /**
   * How long the producer waits to fill a request to the broker. A single POST waits this long for
   * its acknowledgement; batches fill requests anyway.
   */
  @WithName("intake.producer-linger")
  Duration producerLinger();

  /** The largest body of one sighting or one retraction (a larger one is answered 413). */
  @WithName("intake.max-sighting-bytes")
  MemorySize maxSightingBytes();

  @WithName("intake.batch")
  Batch batch();

  @WithName("intake.receipts")
  Receipts receipts();

  /** Limits of {@code POST /api/v1/sightings/batch}; beyond them the answer is 413. */
  interface Batch {
    /** The largest body of a streamed format (NDJSON, CSV, VICS). */
    @WithName("max-bytes")
    MemorySize maxBytes();

    /** The largest STIX bundle: a bundle is read whole, since its objects refer to each other. */
    @WithName("max-document-bytes")
    MemorySize maxDocumentBytes();

    /** The most items (lines, records, hashes, STIX objects) in one batch. */
    @WithName("max-items")
    int maxItems();
  }

  /** The receipt index that recognises resends ({@link ReceiptIndex}). */
  interface Receipts {
    /** How far back the intake topics are read on start. */
    Duration window();

    /** The most ids kept per agency (oldest forgotten first); about 170 bytes each. */
    @WithName("max-per-agency")
    int maxPerAgency();
  }
}
