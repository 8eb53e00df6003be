package org.sightline.consumers.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sightline.consumers.TestAlerts;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.MetricPoint;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.SightlineTestStack;
import org.sightline.topics.Topics;

/** The dashboard's series, from records on the real broker. */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class DashboardResourceTest {

  @Test
  void seriesComeFromTheMetricsTopicAndTheMatrixFromSecretariatAlerts() throws Exception {
    long minute = Minutes.floor(System.currentTimeMillis());
    String country = "KE"; // A country no other test reports sightings from.
    try (KafkaProducer<String, MetricPoint> producer =
        SightlineTestStack.get().producer(Topics.METRICS_PER_MINUTE)) {
      String series = "sightings|country=" + country + "|agency=x|type=EMAIL";
      producer
          .send(
              new ProducerRecord<>(
                  Topics.METRICS_PER_MINUTE.name(),
                  Topics.metricKey(series, minute),
                  MetricPoint.newBuilder()
                      .setMetric("sightings")
                      .setDimensions(Map.of("country", country, "agency", "x", "type", "EMAIL"))
                      .setWindowStart(Instant.ofEpochMilli(minute))
                      .setWindowEnd(Instant.ofEpochMilli(minute + 60_000))
                      .setCount(7)
                      .build()))
          .get(15, TimeUnit.SECONDS);
    }
    Alert alert =
        TestAlerts.alert("dash-" + UUID.randomUUID(), "secretariat", AlertReason.CROSS_BORDER_MATCH)
            .setCountries(List.of("BR", "KE"))
            .build();
    TestAlerts.publish(Topics.ALERTS_SECRETARIAT, alert);

    long deadline = System.currentTimeMillis() + 20_000;
    JsonPath view = null;
    while (System.currentTimeMillis() < deadline) {
      view = TestAlerts.asSecretariat().get("/api/v1/dashboard?minutes=5").jsonPath();
      List<Integer> ke = view.getList("sightingsByCountry." + country);
      List<String> matrixCountries = view.getList("correlations.countries");
      if (ke != null && ke.contains(7) && matrixCountries.contains("KE")) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(view.getList("minutes")).hasSize(5);
    assertThat(view.getList("sightingsByCountry." + country, Integer.class)).contains(7);
    assertThat(view.getList("sightingsByType.EMAIL", Integer.class)).contains(7);
    assertThat(view.getList("correlations.countries", String.class)).contains("BR", "KE");
  }

  @Test
  void theProcessorLagIsMeasuredFromTheBroker() throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonPath view = null;
    while (System.currentTimeMillis() < deadline) {
      view = TestAlerts.asSecretariat().get("/api/v1/dashboard?minutes=5").jsonPath();
      if (view.get("processorLag.measuredAt") != null) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(view.getString("processorLag.error")).isNull();
    assertThat(view.getLong("processorLag.current")).isGreaterThanOrEqualTo(0);
    List<Object> waiting = view.getList("processorLag.waiting");
    assertThat(waiting).hasSize(5).anySatisfy(v -> assertThat(v).isNotNull());
    assertThat(view.getMap("processorLag.byAgency")).isNotNull();
  }

  @Test
  void aBadRangeIs400AndChartJsIsServedFromTheJar() {
    TestAlerts.asSecretariat().get("/api/v1/dashboard?minutes=0").then().statusCode(400);
    given().get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").then().statusCode(200);
    given().get("/dashboard.html").then().statusCode(200);
  }
}
