package org.sightline.intake;

import com.google.common.hash.Hashing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.sightline.schema.Sighting;

/**
 * What a sighting says, as 64 bits: two sends with one id and the same fingerprint are one sighting
 * (a retry); with different fingerprints, a conflict. The time the intake received it is not part
 * of what the sender said, and neither is an observation time the intake filled in.
 */
final class Fingerprints {

  /** Retractions have no content worth comparing: a second one is a retry. */
  static final long RETRACTION = 0x5245545241435421L;

  private static final SpecificDatumWriter<Sighting> WRITER =
      new SpecificDatumWriter<>(Sighting.class);
  private static final ThreadLocal<ByteArrayOutputStream> BUFFERS =
      ThreadLocal.withInitial(() -> new ByteArrayOutputStream(512));
  private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

  private Fingerprints() {}

  static long of(Sighting sighting, boolean observedAtFilledIn) {
    Instant reported = sighting.getReportedAt();
    Instant observed = sighting.getObservedAt();
    sighting.setReportedAt(Instant.EPOCH);
    if (observedAtFilledIn) {
      sighting.setObservedAt(Instant.EPOCH);
    }
    try {
      ByteArrayOutputStream out = BUFFERS.get();
      out.reset();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
      ENCODERS.set(encoder);
      WRITER.write(sighting, encoder);
      encoder.flush();
      // A stable, fast 128-bit hash, not a cryptographic one: it tells a resend from a change
      // made by the same authenticated agency, and nobody gains by forging a collision.
      return Hashing.murmur3_128().hashBytes(out.toByteArray()).asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      sighting.setReportedAt(reported);
      sighting.setObservedAt(observed);
    }
  }

  /** The header value the intake writes beside each record: kind byte, then the fingerprint. */
  static byte[] header(boolean retraction, long fingerprint) {
    return ByteBuffer.allocate(9).put((byte) (retraction ? 'R' : 'S')).putLong(fingerprint).array();
  }

  static final String HEADER = "sightline-fingerprint";

  /**
   * The sighting id, beside the fingerprint: the record's key is the sighting's locality, not its
   * id, and the receipt index is rebuilt from headers alone.
   */
  static final String ID_HEADER = "sightline-id";
}
