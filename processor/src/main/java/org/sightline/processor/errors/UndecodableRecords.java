package org.sightline.processor.errors;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.sightline.logging.QuietLog;
import org.sightline.serde.RegistryFailures;
import org.slf4j.LoggerFactory;

/**
 * A record of one of the processor's own topics (its repartitions, the delistings) that cannot be
 * decoded — an unknown schema id, corrupt bytes — goes to {@code processor.dead-letter} with the
 * reason, and correlation goes on: no single record stops it. (The intake topics are read as bytes
 * and decoded by the topology, which turns bad input into {@code intake.rejected}.) A failure that
 * is not the record's — the registry not answering — fails the stream thread instead, which is
 * replaced ({@link ReplaceFailedThreads}) and reads the record again: parking a good record would
 * lose it from correlation.
 */
public final class UndecodableRecords implements DeserializationExceptionHandler {

  private static final QuietLog LOG =
      new QuietLog(LoggerFactory.getLogger(UndecodableRecords.class)::warn, Duration.ofMinutes(1));

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    deadLetterTopic = topic == null ? null : topic.toString();
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (RegistryFailures.isTransient(exception)) {
      LOG.warn(
          "undecodable-transient:" + context.topic(),
          "cannot decode a record of "
              + context.topic()
              + " for now (the registry did not answer?); the stream thread restarts and reads it"
              + " again",
          exception);
      return Response.fail();
    }
    LOG.warn(
        "undecodable:" + context.topic() + ":" + exception.getClass().getName(),
        "a record of "
            + context.topic()
            + "-"
            + context.partition()
            + "@"
            + context.offset()
            + " cannot be decoded; parked on "
            + deadLetterTopic,
        exception);
    return Response.resume(
        DeadLetters.of(deadLetterTopic, record.key(), record.value(), context, exception));
  }
}
