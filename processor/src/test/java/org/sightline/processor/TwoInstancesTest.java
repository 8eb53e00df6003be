package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sightline.client.ServiceTls;
import org.sightline.members.Agency;
import org.sightline.members.AgencyId;
import org.sightline.members.CountryCode;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Principal;
import org.sightline.processor.correlation.Viewer;
import org.sightline.processor.query.IndicatorQueries;
import org.sightline.processor.topology.CorrelationTopology;
import org.sightline.processor.topology.ProcessorSettings;
import org.sightline.schema.Alert;
import org.sightline.schema.IntakeEvent;
import org.sightline.testing.FreePorts;
import org.sightline.testing.SightlineStackExtension;
import org.sightline.testing.SightlineTestStack;
import org.sightline.testing.TestSightings;
import org.sightline.topics.TopicSpec;
import org.sightline.topics.Topics;

/**
 * Two processor instances on the real broker share the work: together they raise exactly the alerts
 * one would, and each answers interactive queries for keys the other holds.
 */
@ExtendWith(SightlineStackExtension.class)
class TwoInstancesTest {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final List<AutoCloseable> running = new ArrayList<>();

  private record Instance(KafkaStreams streams, IndicatorQueries queries) {}

  private Instance start(SightlineTestStack stack, String applicationId) throws Exception {
    int port = FreePorts.next();
    HostInfo self = new HostInfo("127.0.0.1", port);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.putAll(stack.clientProperties());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + port);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("two-instances-").toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG), 2000);
    KafkaStreams streams =
        new KafkaStreams(
            CorrelationTopology.build(MEMBERS, stack.serdes(), ProcessorSettings.defaults()),
            props);
    ServiceTls tls = stack.serviceTls(Principal.PROCESSOR);
    IndicatorQueries queries =
        new IndicatorQueries(streams, self, tls, ProcessorSettings.defaults().partitions());
    // The other instance fetches this one's keys over HTTPS with its certificate, as it would from
    // the REST endpoint (whose mutual TLS QueryPortSecurityTest checks).
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    SSLContext context = tls.sslContext();
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters ssl = context.getDefaultSSLParameters();
            ssl.setNeedClientAuth(true);
            params.setSSLParameters(ssl);
          }
        });
    server.createContext(
        IndicatorQueries.PATH,
        exchange -> {
          Map<String, String> params = new java.util.HashMap<>();
          for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(
                pair.substring(0, eq),
                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
          }
          // The asking instance names the viewer; the owner applies its disclosure.
          assertThat(params).containsEntry("viewer", "secretariat");
          IndicatorQueries.Answer answer = queries.local(params.get("key"), Viewer.SECRETARIAT);
          byte[] body =
              answer instanceof IndicatorQueries.Answer.Found found
                  ? JSON.writeValueAsBytes(found.state())
                  : new byte[0];
          exchange.sendResponseHeaders(
              body.length > 0 ? 200 : 404, body.length > 0 ? body.length : -1);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    streams.start();
    running.add(() -> server.stop(0));
    running.add(streams::close);
    return new Instance(streams, queries);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running) {
      c.close();
    }
  }

  /**
   * Agencies only these instances know: the processor of the other tests in this JVM refuses their
   * topics, so every alert counted here is these instances' own.
   */
  private static final AgencyId KE = AgencyId.of("ke-two");

  private static final AgencyId PH = AgencyId.of("ph-two");

  private static final MemberDirectory MEMBERS =
      new MemberDirectory(
          List.of(
              new Agency(KE, null, CountryCode.of("KE"), "x", true),
              new Agency(PH, null, CountryCode.of("PH"), "y", true)),
          List.of());

  @Test
  void twoInstancesAlertLikeOneAndAnswerForEachOthersKeys(SightlineTestStack stack)
      throws Exception {
    stack.provision(Topics.all(MEMBERS));
    String app = "two-instances-" + UUID.randomUUID().toString().substring(0, 8);
    // The registry lets only the admin write: it registers this application's internal schemas.
    stack.provisionProcessor(app);
    Instance a = start(stack, app);
    Instance b = start(stack, app);
    awaitRunning(a.streams(), b.streams());

    String run = UUID.randomUUID().toString().substring(0, 8);
    Set<String> expected = new HashSet<>();
    try (var producer = stack.producer(Topics.intake(KE))) {
      for (int i = 0; i < 30; i++) {
        String url = "http://two-" + run + "-" + i + ".example/";
        expected.add("url:" + url);
        send(producer, KE, "ke-" + run + "-" + i, url);
        send(producer, PH, "ph-" + run + "-" + i, url);
      }
    }

    List<Alert> alerts = new ArrayList<>();
    TopicSpec<Alert> topic = Topics.ALERTS_SECRETARIAT;
    try (KafkaConsumer<String, Alert> consumer = stack.consumer(topic, "check-" + run)) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.currentTimeMillis() + 90_000;
      while (System.currentTimeMillis() < deadline
          && alerts.stream().filter(x -> x.getIndicator().contains(run)).count()
              < expected.size()) {
        consumer.poll(Duration.ofMillis(250)).forEach(r -> alerts.add(r.value()));
      }
      // Exactly once: nothing more arrives for these indicators.
      long quietUntil = System.currentTimeMillis() + 2_000;
      while (System.currentTimeMillis() < quietUntil) {
        consumer.poll(Duration.ofMillis(250)).forEach(r -> alerts.add(r.value()));
      }
    }
    List<String> ours =
        alerts.stream().map(Alert::getIndicator).filter(i -> i.contains(run)).toList();
    assertThat(ours).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);

    Set<String> servedBy = new HashSet<>();
    for (String key : expected) {
      IndicatorQueries.Answer answer = a.queries().lookup(key, Viewer.SECRETARIAT);
      assertThat(answer).as("lookup of %s", key).isInstanceOf(IndicatorQueries.Answer.Found.class);
      IndicatorQueries.Answer.Found found = (IndicatorQueries.Answer.Found) answer;
      assertThat(found.state().sightingCount()).isEqualTo(2);
      servedBy.add(found.servedBy());
    }
    assertThat(servedBy).as("keys held by both instances, all answered through one").hasSize(2);
  }

  private static void send(
      KafkaProducer<String, IntakeEvent> producer, AgencyId agency, String id, String url)
      throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    producer
        .send(
            new ProducerRecord<>(Topics.intake(agency).name(), id, TestSightings.url(id, url, now)))
        .get();
  }

  private static void awaitRunning(KafkaStreams... all) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      boolean ready = true;
      for (KafkaStreams s : all) {
        ready &= s.state() == KafkaStreams.State.RUNNING;
      }
      if (ready) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the two instances did not reach RUNNING");
  }
}
