package org.sightline.processor.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record parked on {@code processor.dead-letter}: its raw key and value as they were read, and
 * why, in the headers Kafka Streams itself uses for its dead-letter records (KIP-1034), so any tool
 * that reads those reads these. Replay it once the cause is fixed.
 */
final class DeadLetters {

  static final String EXCEPTION = "__streams.errors.exception";
  static final String MESSAGE = "__streams.errors.message";
  static final String STACKTRACE = "__streams.errors.stacktrace";
  static final String TOPIC = "__streams.errors.topic";
  static final String PARTITION = "__streams.errors.partition";
  static final String OFFSET = "__streams.errors.offset";

  private DeadLetters() {}

  static List<ProducerRecord<byte[], byte[]>> of(
      String deadLetterTopic, byte[] key, byte[] value, ErrorHandlerContext context, Exception e) {
    if (deadLetterTopic == null || deadLetterTopic.isBlank()) {
      return List.of();
    }
    RecordHeaders headers = new RecordHeaders();
    headers.add(EXCEPTION, utf8(e.getClass().getName()));
    headers.add(MESSAGE, utf8(String.valueOf(e.getMessage())));
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    headers.add(STACKTRACE, utf8(trace.toString()));
    headers.add(TOPIC, utf8(context.topic()));
    headers.add(PARTITION, utf8(Integer.toString(context.partition())));
    headers.add(OFFSET, utf8(Long.toString(context.offset())));
    return List.of(new ProducerRecord<>(deadLetterTopic, null, key, value, headers));
  }

  private static byte[] utf8(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }
}
