package org.sightline.standards.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Disclosure;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.Severity;

/**
 * Every object of the bundle validates against the OASIS STIX 2.1 JSON schemas (in
 * src/test/resources/stix2-json-schemas, with their licence), and the bundle says what the alerts
 * say and nothing more.
 */
class StixAlertsTest {

  private static final String OASIS =
      "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          builder ->
              builder.schemaMappers(
                  m -> m.mapPrefix(OASIS, "classpath:stix2-json-schemas/schemas/")));

  private static final Instant T0 = Instant.parse("2026-12-04T09:30:00Z");

  private static Alert alert(
      String id, AlertReason reason, String key, Disclosure disclosure, List<String> countries) {
    return Alert.newBuilder()
        .setId(id)
        .setReason(reason)
        .setRecipient("NL")
        .setIndicator(key)
        .setIndicatorType(IndicatorType.valueOf(key.substring(0, key.indexOf(':')).toUpperCase()))
        .setSeverity(Severity.HIGH)
        .setDisclosure(disclosure)
        .setCountries(countries)
        .setAgencies(List.of("de-police"))
        .setSightingIds(List.of("s-1", "s-2"))
        .setFirstSeen(T0)
        .setLastSeen(T0.plusSeconds(3600))
        .setCreatedAt(T0.plusSeconds(3601))
        .setMessage("Also reported by an agency in DE.")
        .build();
  }

  private static List<Alert> alerts() {
    Alert superseded =
        alert(
            "a-0",
            AlertReason.CROSS_BORDER_MATCH,
            "url:http://old.example/x",
            Disclosure.FULL,
            List.of("DE"));
    Alert supersedes =
        Alert.newBuilder(
                alert(
                    "a-1",
                    AlertReason.CROSS_BORDER_MATCH,
                    "url:http://site.example/a?b='c'",
                    Disclosure.FULL,
                    List.of("NL", "DE")))
            .setSupersedes("a-0")
            .build();
    return List.of(
        superseded,
        supersedes,
        alert(
            "a-2",
            AlertReason.HIT_NO_HIT,
            "sha256:" + "a".repeat(64),
            Disclosure.HIT_NO_HIT,
            List.of()),
        alert(
            "a-3",
            AlertReason.LINKED_INDICATORS,
            "wallet:btc:bc1qexample",
            Disclosure.LIMITED,
            List.of("JO")),
        alert(
            "a-4",
            AlertReason.MULTI_AGENCY_MATCH,
            "username:telegram:someone",
            Disclosure.FULL,
            List.of("NL")),
        alert(
            "a-5",
            AlertReason.NEAR_DUPLICATE_HASH,
            "pdq:" + "f".repeat(64),
            Disclosure.FULL,
            List.of("DE")),
        alert(
            "a-6",
            AlertReason.MULTI_AGENCY_MATCH,
            "email:hmac-sha256:" + "0".repeat(64),
            Disclosure.FULL,
            List.of("NL")),
        alert(
            "a-7",
            AlertReason.HOSTED_IN_YOUR_COUNTRY,
            "ip:2001:db8::1",
            Disclosure.FULL,
            List.of("NL")));
  }

  private static List<String> errors(String schema, JsonNode node) {
    JsonSchema s = SCHEMAS.getSchema(SchemaLocation.of(OASIS + schema));
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : s.validate(node)) {
      out.add(m.getMessage());
    }
    return out;
  }

  @Test
  void theBundleAndEveryObjectValidateAgainstTheOasisSchemas() {
    ObjectNode bundle = StixAlerts.bundle(alerts());
    Map<String, String> schemaOf =
        Map.of(
            "identity", "sdos/identity.json",
            "indicator", "sdos/indicator.json",
            "sighting", "sros/sighting.json",
            "marking-definition", "common/marking-definition.json");
    Set<String> types = new java.util.TreeSet<>();
    for (JsonNode object : bundle.get("objects")) {
      String type = object.get("type").asText();
      types.add(type);
      assertThat(schemaOf).as(type).containsKey(type);
      assertThat(errors(schemaOf.get(type), object)).as(object.toPrettyString()).isEmpty();
    }
    assertThat(types).containsExactlyInAnyOrderElementsOf(schemaOf.keySet());
    assertThat(errors("common/bundle.json", bundle)).isEmpty();
  }

  @Test
  void eachAlertIsAnIndicatorAndASightingAndASupersededOneIsLeftOut() {
    ObjectNode bundle = StixAlerts.bundle(alerts());
    List<JsonNode> indicators = new ArrayList<>();
    List<JsonNode> sightings = new ArrayList<>();
    bundle
        .get("objects")
        .forEach(
            o -> {
              if (o.get("type").asText().equals("indicator")) {
                indicators.add(o);
              } else if (o.get("type").asText().equals("sighting")) {
                sightings.add(o);
              }
            });
    assertThat(indicators).hasSize(7);
    assertThat(sightings).hasSize(7);
    assertThat(bundle.toString()).doesNotContain("old.example").doesNotContain("de-police");
    JsonNode url = indicators.get(0);
    assertThat(url.get("pattern").asText())
        .isEqualTo("[url:value = 'http://site.example/a?b=\\'c\\'']");
    assertThat(url.get("external_references").get(0).get("external_id").asText()).isEqualTo("a-1");
    assertThat(sightings.get(0).get("sighting_of_ref").asText()).isEqualTo(url.get("id").asText());
    assertThat(sightings.get(0).get("where_sighted_refs")).hasSize(2);
    assertThat(sightings.get(0).get("count").asInt()).isEqualTo(2);
    assertThat(indicators.get(2).get("pattern").asText())
        .isEqualTo(
            "[x-sightline-wallet:chain = 'btc' AND x-sightline-wallet:address = 'bc1qexample']");
    assertThat(indicators.get(6).get("pattern").asText())
        .isEqualTo("[ipv6-addr:value = '2001:db8::1']");
  }

  @Test
  void aHitNoHitNoticeIsMarkedAmberStrictAndNamesNoPlace() {
    ObjectNode bundle = StixAlerts.bundle(alerts());
    for (JsonNode o : bundle.get("objects")) {
      if (o.path("external_references").path(0).path("external_id").asText().equals("a-2")) {
        assertThat(o.get("object_marking_refs").get(0).asText())
            .isEqualTo(StixAlerts.TLP_MARKINGS.get("amber+strict"));
      }
      if (o.path("sighting_of_ref")
          .asText()
          .endsWith(StixAlerts.uuid("indicator\na-2").toString())) {
        assertThat(o.has("where_sighted_refs")).isFalse();
        assertThat(o.get("object_marking_refs").get(0).asText())
            .isEqualTo(StixAlerts.TLP_MARKINGS.get("amber+strict"));
      }
    }
  }

  @Test
  void theSameAlertsGiveTheSameBundleByte_for_byte() {
    assertThat(StixAlerts.bundle(alerts()).toString())
        .isEqualTo(StixAlerts.bundle(alerts()).toString());
    assertThat(StixAlerts.uuid("x").version()).isEqualTo(5);
  }
}
