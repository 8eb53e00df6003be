package org.sightline.consumers.actions;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.sightline.client.KafkaAccess;
import org.sightline.consumers.ConsumersConfig;
import org.sightline.consumers.alerts.ActionState;
import org.sightline.consumers.alerts.AlertStandings;
import org.sightline.consumers.kafka.ConfirmedProducers;
import org.sightline.consumers.kafka.TopicTail;
import org.sightline.schema.AlertAction;
import org.sightline.serde.RegistrySerdes;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Analysts' actions on alerts: written to {@code alerts.actions} and read back from it by every
 * instance, so an analyst sees a colleague's action whichever instance either of them uses. The
 * state shown is only ever what was read back from Kafka, never what this instance merely sent.
 */
@ApplicationScoped
public class AlertActions implements AlertStandings {

  private static final TopicSpec<AlertAction> TOPIC = Topics.ALERTS_ACTIONS;

  private final Map<String, Map<String, ActionState>> byCountry = new ConcurrentHashMap<>();
  private final BroadcastProcessor<ActionState> broadcast = BroadcastProcessor.create();
  private final TopicTail<AlertAction> tail;
  private final KafkaProducer<String, AlertAction> producer;

  AlertActions(ConsumersConfig config, KafkaAccess kafka) {
    RegistrySerdes serdes = RegistrySerdes.forRegistry(config.registryUrl());
    this.tail =
        new TopicTail<>(
            TOPIC.name(),
            kafka,
            TOPIC.keySerde().deserializer(),
            TOPIC.valueSerde(serdes).deserializer(),
            record -> apply(record.value()));
    this.producer =
        ConfirmedProducers.of(
            kafka,
            config.registryUrl(),
            TOPIC,
            "sightline-consumers-actions",
            java.time.Duration.ofSeconds(10));
  }

  void start(@Observes StartupEvent event) {
    tail.start();
  }

  void stop(@Observes ShutdownEvent event) {
    tail.stop();
    producer.close();
  }

  /** Writes an action; returns once the broker has it (the state follows when it is read back). */
  public void record(AlertAction action) throws Exception {
    producer
        .send(new ProducerRecord<>(TOPIC.name(), action.getAlertId(), action))
        .get(10, TimeUnit.SECONDS);
  }

  public List<ActionState> states(String country) {
    return List.copyOf(byCountry.getOrDefault(country, Map.of()).values());
  }

  @Override
  public java.util.Optional<ActionState> state(String country, String alertId) {
    return java.util.Optional.ofNullable(byCountry.getOrDefault(country, Map.of()).get(alertId));
  }

  public Multi<ActionState> live(String country) {
    return broadcast.filter(s -> country.equals(s.country())).onOverflow().buffer(256);
  }

  public boolean isRunning() {
    return tail.isRunning();
  }

  private void apply(AlertAction action) {
    if (action == null) {
      return;
    }
    Map<String, ActionState> states =
        byCountry.computeIfAbsent(action.getCountry(), c -> new ConcurrentHashMap<>());
    ActionState after =
        states
            .getOrDefault(
                action.getAlertId(), ActionState.none(action.getAlertId(), action.getCountry()))
            .with(action);
    states.put(action.getAlertId(), after);
    broadcast.onNext(after);
  }
}
