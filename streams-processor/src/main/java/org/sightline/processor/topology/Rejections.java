package org.sightline.processor.topology;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.sightline.schema.Rejection;

/** Builds rejections that say where the record came from and why it was refused. */
final class Rejections {

  private Rejections() {}

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
