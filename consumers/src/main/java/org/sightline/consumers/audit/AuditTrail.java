package org.sightline.consumers.audit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.kafka.ConfirmedProducers;
import org.sightline.topics.TopicSpec;

/**
 * An audit topic the service writes to and waits on: {@link #record} returns only once every
 * in-sync replica holds the record (acks=all, idempotent), so an answer that depends on its audit
 * record can be refused when the record cannot be written — nothing is shown off the record.
 */
public final class AuditTrail<V extends SpecificRecord> implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(AuditTrail.class);

  /** How long a request waits for its audit record before it is refused. */
  public static final Duration WAIT = Duration.ofSeconds(10);

  private final TopicSpec<V> topic;
  private final KafkaProducer<String, V> producer;

  public AuditTrail(KafkaAccess kafka, String registryUrl, TopicSpec<V> topic, String clientId) {
    this.topic = topic;
    // A request thread waits on each send: with the broker away, fail within the wait.
    this.producer = ConfirmedProducers.of(kafka, registryUrl, topic, clientId, WAIT);
  }

  /** Whether the record is on the broker; a failure is logged with the record. */
  public boolean record(String key, V value) {
    try {
      producer
          .send(new ProducerRecord<>(topic.name(), key, value))
          .get(WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.errorf("audit record not written to %s (interrupted): %s", topic.name(), value);
      return false;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.errorf(e, "audit record not written to %s: %s", topic.name(), value);
      return false;
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
