package org.sightline.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The services read their login from {@code META-INF/microprofile-config.properties}, the CLI and
 * the benchmarks from {@link KafkaAccess}: the two must not drift apart.
 */
class KafkaLoginDefaultsTest {

  private static Properties serviceDefaults() throws Exception {
    Properties props = new Properties();
    try (InputStream in =
        KafkaLogin.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      props.load(in);
    }
    return props;
  }

  @Test
  void theServicesDefaultsAreTheCliDefaults() throws Exception {
    Properties props = serviceDefaults();
    assertThat(props.getProperty("kafka.bootstrap.servers"))
        .isEqualTo("${SIGHTLINE_KAFKA:" + KafkaAccess.DEFAULT_BOOTSTRAP_SERVERS + "}");
    assertThat(props.getProperty("sightline.kafka.ca"))
        .isEqualTo("${SIGHTLINE_KAFKA_CA:" + KafkaAccess.DEFAULT_CA + "}");
    assertThat(props.getProperty("sightline.kafka.password"))
        .isEqualTo("${SIGHTLINE_KAFKA_PASSWORD:}");
  }

  @Test
  void theStreamsClientLogsInAsEveryOtherClientDoes() throws Exception {
    Path ca = Path.of("/etc/sightline/ca.pem");
    Properties props = serviceDefaults();
    Map<String, String> streams =
        props.stringPropertyNames().stream()
            .filter(k -> k.startsWith("kafka-streams."))
            .collect(
                Collectors.toMap(
                    k -> k.substring("kafka-streams.".length()),
                    k ->
                        props
                            .getProperty(k)
                            .replace("${sightline.kafka.principal}", "processor")
                            .replace("${sightline.kafka.password}", "s3cret")
                            .replace("${sightline.kafka.ca}", ca.toString())));
    Map<String, String> expected =
        new KafkaAccess("localhost:1", "processor", "s3cret", ca)
            .securityProperties().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    assertThat(streams).isEqualTo(expected);
  }
}
