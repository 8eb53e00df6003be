package org.sightline.processor.topology;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.schema.Rejection;

/** Builds rejections that say where the record came from and why it was refused. */
final class Rejections {

  private Rejections() {}

  /** A raw record refused at the door, with the bytes as received so it can be replayed. */
  static Decoded.Rejected rejected(
      Record<String, byte[]> record, RecordMetadata source, String field, String reason, long now) {
    return new Decoded.Rejected(of(source, record.key(), field, reason, record.value(), now));
  }

  static Rejection of(
      RecordMetadata source, String key, String field, String reason, byte[] payload, long now) {
    return Rejection.newBuilder()
        .setSourceTopic(source == null ? "?" : source.topic())
        .setSourcePartition(source == null ? -1 : source.partition())
        .setSourceOffset(source == null ? -1 : source.offset())
        .setSourceKey(key)
        .setField(field)
        .setReason(reason)
        .setRejectedAt(Instant.ofEpochMilli(now))
        .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
        .build();
  }
}
