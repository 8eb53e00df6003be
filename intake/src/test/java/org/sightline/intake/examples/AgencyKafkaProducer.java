package org.sightline.intake.examples;

import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Sighting;

/**
 * How an agency writes to its own intake topic without the REST intake: a plain Kafka producer,
 * Avro values in the Confluent wire format (magic byte 0, 4-byte schema id, then the Avro binary;
 * no schema headers), so a Confluent client could have written the same bytes.
 *
 * <ul>
 *   <li>Connection: SASL_SSL with SCRAM-SHA-512, as principal {@code agency-<agency id>}, with the
 *       password the secretariat issued, trusting the federation's CA certificate (PEM). The broker
 *       has no other listener.
 *   <li>Topic: {@code intake.<agency id>}. Only the agency writes it: the broker's ACLs refuse the
 *       principal any other topic, and the processor takes the agency from the topic, never from
 *       the record.
 *   <li>Key: the sighting id (UTF-8 string), chosen by the agency so that a retry is recognised.
 *   <li>Value: {@code IntakeEvent} (a Sighting or a Retraction), schema subject {@code
 *       intake.<agency>-value}, registered by Sightline's provisioning: the producer only looks it
 *       up ({@code auto-register=false}), so it cannot register a schema of its own.
 *   <li>acks=all and the idempotent producer: a record is either held by every in-sync replica or
 *       reported failed, and the producer's own retries never duplicate it.
 * </ul>
 *
 * Non-Java clients use the registry's Confluent-compatible API at {@code
 * <registry>/apis/ccompat/v7} (e.g. confluent-kafka-python's {@code AvroSerializer} with {@code
 * schema.registry.url} set to it and {@code auto.register.schemas=False}, {@code
 * use.latest.version=True}); the Avro schema is {@code GET
 * <registry>/apis/ccompat/v7/subjects/intake.<agency>-value/versions/latest}.
 */
public final class AgencyKafkaProducer implements AutoCloseable {

  private final KafkaProducer<String, IntakeEvent> producer;
  private final String topic;

  /**
   * @param bootstrap the broker, e.g. {@code localhost:19092}
   * @param registryBaseUrl the schema registry, e.g. {@code http://localhost:18081}
   * @param agencyId the agency's id in the member directory, e.g. {@code nl-police}
   * @param password the agency's broker password (principal {@code agency-<agencyId>})
   * @param caPem the federation's CA certificate, e.g. {@code .sightline/tls/ca.pem}
   */
  public AgencyKafkaProducer(
      String bootstrap, String registryBaseUrl, String agencyId, String password, Path caPem) {
    this.topic = "intake." + agencyId;
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", "SCRAM-SHA-512");
    props.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"agency-"
            + agencyId
            + "\" password=\""
            + password
            + "\";");
    props.put("ssl.truststore.type", "PEM");
    props.put("ssl.truststore.location", caPem.toString());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "agency-" + agencyId);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class.getName());
    // Apicurio's serializer, pinned to the Confluent wire format.
    props.put("apicurio.registry.url", registryBaseUrl + "/apis/registry/v3");
    props.put("apicurio.registry.headers.enabled", false);
    props.put("apicurio.registry.id-handler", Default4ByteIdHandler.class.getName());
    props.put("apicurio.registry.use-id", "contentId");
    // Use the schema Sightline registered for the topic; never register one.
    props.put("apicurio.registry.auto-register", false);
    props.put("apicurio.registry.find-latest", true);
    this.producer = new KafkaProducer<>(props);
  }

  /**
   * Sends one sighting and waits until every in-sync replica holds it. The key is the sighting's
   * locality (its registrable domain for a URL, its canonical key otherwise), from the same
   * canonicaliser the processor uses: the processor then correlates it in the task that reads it. A
   * record keyed otherwise (by its id, say) is still correlated, after one more hop.
   */
  public RecordMetadata send(Sighting sighting) throws InterruptedException, ExecutionException {
    return producer
        .send(new ProducerRecord<>(topic, localityOf(sighting), new IntakeEvent(sighting)))
        .get();
  }

  private static String localityOf(Sighting sighting) {
    try {
      // Phone numbers in national form need the agency's country here instead of null.
      return Canonicalizer.canonicalize(sighting.getIndicator(), null).localityKey();
    } catch (InvalidIndicatorException e) {
      return sighting.getId(); // the processor refuses it on intake.rejected, naming the field
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
