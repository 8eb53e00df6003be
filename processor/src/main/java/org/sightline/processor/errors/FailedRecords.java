package org.sightline.processor.errors;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.sightline.logging.QuietLog;
import org.slf4j.LoggerFactory;

/**
 * A record a stage throws on (a defect: bad input is turned into {@code intake.rejected} before it
 * gets this far) is parked on {@code processor.dead-letter} with its source bytes and the
 * exception, and processing goes on. Logged once per kind of failure, then counted.
 */
public final class FailedRecords implements ProcessingExceptionHandler {

  private static final QuietLog LOG =
      new QuietLog(LoggerFactory.getLogger(FailedRecords.class)::warn, Duration.ofMinutes(1));

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    deadLetterTopic = topic == null ? null : topic.toString();
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    LOG.warn(
        "failed:" + context.processorNodeId() + ":" + exception.getClass().getName(),
        "stage "
            + context.processorNodeId()
            + " failed on a record of "
            + context.topic()
            + "-"
            + context.partition()
            + "@"
            + context.offset()
            + "; parked on "
            + deadLetterTopic,
        exception);
    return Response.resume(
        DeadLetters.of(
            deadLetterTopic, context.sourceRawKey(), context.sourceRawValue(), context, exception));
  }
}
