package org.sightline.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Category;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.Sighting;
import org.sightline.schema.Tlp;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.TestMembers;

/** The batch endpoint in every format, through the real broker and the real registry. */
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class BatchIntakeTest {

  static final String NL_KEY = TestMembers.apiKey(TestMembers.NL_POLICE);
  static final String DE_KEY = TestMembers.apiKey(TestMembers.DE_POLICE);

  static String line(String id, String url, String extra) {
    return "{"
        + (id == null ? "" : "\"id\":\"" + id + "\",")
        + "\"observedAt\":\"2026-01-01T00:00:00Z\",\"indicator\":{\"type\":\"url\",\"value\":\""
        + url
        + "\"},\"category\":\"CSAM\",\"confidence\":80,\"tlp\":\"GREEN\""
        + extra
        + "}";
  }

  static JsonPath post(String key, String contentType, String query, String body, int status) {
    return given()
        .header("Authorization", "Bearer " + key)
        .contentType(contentType)
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/sightings/batch" + query)
        .then()
        .statusCode(status)
        .extract()
        .jsonPath();
  }

  @Test
  void aBatchMixingValidAndInvalidLinesPublishesTheValidOnesOnceAndNamesTheOthers() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String body =
        String.join(
            "\n",
            line("b-" + run + "-1", "http://" + run + ".example/1", ""),
            line("b-" + run + "-2", "http://" + run + ".example/2", ",\"agency\":\"de-police\""),
            "",
            line("b-" + run + "-3", "http://" + run + ".example/3", "")
                .replace("\"confidence\":80", "\"confidence\":180"),
            "{broken",
            line(null, "http://" + run + ".example/5", ""),
            line("b-" + run + "-6", "http://" + run + ".example/6", "")
                .replace("\"url\"", "\"wallet\""));
    JsonPath report = post(NL_KEY, "application/x-ndjson", "", body, 200);
    assertThat(report.getString("agency")).isEqualTo("nl-police");
    assertThat(report.getLong("items")).isEqualTo(6);
    assertThat(report.getLong("accepted")).isEqualTo(2);
    assertThat(report.getLong("rejected")).isEqualTo(4);
    List<String> ids = report.getList("acceptedIds");
    assertThat(ids).hasSize(2).contains("b-" + run + "-1");
    String derived = ids.stream().filter(i -> i.startsWith("ndjson-")).findFirst().orElseThrow();
    List<Map<String, Object>> rejections = report.getList("rejections");
    assertThat(rejections).extracting(r -> r.get("line")).containsExactly(2, 4, 5, 7);
    assertThat(report.getString("rejections[0].errors[0].field")).isEqualTo("agency");
    assertThat(report.getString("rejections[1].errors[0].field")).isEqualTo("confidence");
    assertThat(report.getString("rejections[2].errors[0].field")).isEqualTo("(line)");
    assertThat(report.getString("rejections[3].errors[0].field")).startsWith("indicator");

    Map<String, Integer> counts = TopicRecords.countsByKey(TestMembers.NL_POLICE);
    assertThat(counts.get("b-" + run + "-1")).isEqualTo(1);
    assertThat(counts.get(derived)).isEqualTo(1);
    assertThat(counts).doesNotContainKeys("b-" + run + "-2", "b-" + run + "-3", "b-" + run + "-6");

    // The same batch again: every accepted line is recognised, nothing is written twice.
    JsonPath again = post(NL_KEY, "application/x-ndjson", "", body, 200);
    assertThat(again.getLong("accepted")).isEqualTo(2);
    assertThat(again.getLong("duplicates")).isEqualTo(2);
    Map<String, Integer> after = TopicRecords.countsByKey(TestMembers.NL_POLICE);
    assertThat(after.get("b-" + run + "-1")).isEqualTo(1);
    assertThat(after.get(derived)).isEqualTo(1);
  }

  @Test
  void aLineWithAnIdAlreadyUsedForOtherContentIsRejectedAsAConflict() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String id = "c-" + run;
    String body =
        line(id, "http://" + run + ".example/1", "")
            + "\n"
            + line(id, "http://" + run + ".example/other", "");
    JsonPath report = post(NL_KEY, "application/x-ndjson", "", body, 200);
    assertThat(report.getLong("accepted")).isEqualTo(1);
    assertThat(report.getString("rejections[0].errors[0].reason"))
        .contains("already used for a different sighting");
    assertThat(TopicRecords.countsByKey(TestMembers.NL_POLICE).get(id)).isEqualTo(1);
  }

  @Test
  void csvRowsBecomeSightingsAndErrorsNameTheColumns() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String csv =
        "ID,Observed At,Type,Value,Category,Confidence,TLP,Victim Identified,Series,Related,Notes\n"
            + "csv-"
            + run
            + "-1,2026-01-01T00:00:00Z,url,http://"
            + run
            + ".example/x,BASELINE_CSAM,90,amber,yes,Series "
            + run
            + ",wallet:btc:1BoatSLRHtKNngkdXEeobR76b53LETtpyT,free text\n"
            + "csv-"
            + run
            + "-2,2026-01-01T00:00:00Z,md5,not-a-hash,CSAM,90,amber,,,,\n";
    JsonPath report = post(DE_KEY, "text/csv", "", csv, 200);
    assertThat(report.getLong("accepted")).isEqualTo(1);
    assertThat(report.getString("rejections[0].errors[0].field")).isEqualTo("Value");
    assertThat(report.getInt("rejections[0].line")).isEqualTo(3);
    assertThat(report.getString("unsupported[0].ref")).isEqualTo("Notes");

    IntakeEvent event = TopicRecords.byKey(TestMembers.DE_POLICE).get("csv-" + run + "-1");
    Sighting s = (Sighting) event.getPayload();
    assertThat(s.getCategory()).isEqualTo(Category.BASELINE_CSAM);
    assertThat(s.getTlp()).isEqualTo(Tlp.AMBER);
    assertThat(s.getIdentification().getVictimIdentified()).isTrue();
    assertThat(s.getIdentification().getSeries()).isEqualTo("Series " + run);
    assertThat(s.getRelated()).hasSize(1);
    assertThat(s.getRelated().get(0).getQualifier()).isEqualTo("btc");
  }

  @Test
  void aCsvColumnNamingAnAgencyIsRefusedWhole() {
    assertThat(
            post(
                    NL_KEY,
                    "text/csv",
                    "",
                    "type,value,agency_id\nurl,http://a.example/,de-police\n",
                    400)
                .getString("error"))
        .contains("agency_id");
  }

  static String hex(int length) {
    String u =
        UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "");
    return u.substring(0, length).toUpperCase(java.util.Locale.ROOT);
  }

  @Test
  void aVicsHashSetGivesOneSightingPerHashWithItsCategoryAndIdentification() {
    String md5 = hex(32);
    String sha1 = hex(40);
    String photoDna =
        Base64.getEncoder()
            .encodeToString(
                UUID.randomUUID()
                    .toString()
                    .repeat(4)
                    .substring(0, 144)
                    .getBytes(StandardCharsets.US_ASCII));
    String vics =
        "{\"@odata.context\":\"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media\","
            + "\"value\":[{\"MediaID\":1,\"Category\":1,\"MD5\":\""
            + md5
            + "\",\"SHA1\":\""
            + sha1
            + "\",\"PhotoDNA\":\""
            + photoDna
            + "\",\"VictimIdentified\":true,\"Series\":\"S-"
            + md5
            + "\",\"MediaSize\":12},"
            + "{\"MediaID\":2,\"Category\":0,\"MD5\":\""
            + hex(32)
            + "\"},{\"MediaID\":3,\"Category\":2,\"MD5\":\"XYZ\"}]}";
    assertThat(post(NL_KEY, "application/vnd.projectvic+json", "", vics, 400).getString("error"))
        .contains("tlp");
    JsonPath report = post(NL_KEY, "application/json", "?tlp=AMBER&confidence=95", vics, 200);
    assertThat(report.getString("format")).isEqualTo("vics");
    assertThat(report.getLong("accepted")).isEqualTo(3);
    assertThat(report.getString("rejections[0].ref")).isEqualTo("MediaID 3 MD5");
    assertThat(report.getString("rejections[0].errors[0].field")).isEqualTo("MD5");
    assertThat(report.getList("unsupported.ref")).contains("MediaSize", "Category 0");

    Map<String, IntakeEvent> events = TopicRecords.byKey(TestMembers.NL_POLICE);
    List<Sighting> mine =
        report.getList("acceptedIds", String.class).stream()
            .map(id -> (Sighting) events.get(id).getPayload())
            .toList();
    assertThat(mine)
        .extracting(s -> s.getIndicator().getType())
        .containsExactlyInAnyOrder(IndicatorType.MD5, IndicatorType.SHA1, IndicatorType.PHOTODNA);
    assertThat(mine)
        .allSatisfy(
            s -> {
              assertThat(s.getCategory()).isEqualTo(Category.CSAM);
              assertThat(s.getTlp()).isEqualTo(Tlp.AMBER);
              assertThat(s.getConfidence()).isEqualTo(95);
              assertThat(s.getIdentification().getSeries()).isEqualTo("S-" + md5);
            });

    JsonPath again = post(NL_KEY, "application/json", "?tlp=AMBER&confidence=95", vics, 200);
    assertThat(again.getLong("duplicates")).isEqualTo(3);
  }

  @Test
  void aStixBundleMapsTlpMarkingsAndReportsWhatItDoesNotImport() {
    String run = UUID.randomUUID().toString();
    String bundle =
        """
        {"type":"bundle","id":"bundle--%1$s","objects":[
         {"type":"indicator","spec_version":"2.1","id":"indicator--%1$s","created":"2026-01-01T00:00:00.000Z",
          "modified":"2026-01-01T00:00:00.000Z","valid_from":"2026-01-01T00:00:00Z","pattern_type":"stix",
          "pattern":"[url:value = 'http://%1$s.example/stix']","confidence":75,
          "object_marking_refs":["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"]},
         {"type":"indicator","spec_version":"2.1","id":"indicator--b%1$s","created":"2026-01-01T00:00:00.000Z",
          "modified":"2026-01-01T00:00:00.000Z","valid_from":"2026-01-01T00:00:00Z","pattern_type":"stix",
          "pattern":"[url:value = 'http://a.example/'] OR [url:value = 'http://b.example/']"},
         {"type":"report","spec_version":"2.1","id":"report--%1$s","name":"r","published":"2026-01-01T00:00:00Z","object_refs":[]}
        ]}
        """
            .formatted(run);
    JsonPath report = post(NL_KEY, "application/stix+json", "", bundle, 200);
    assertThat(report.getLong("accepted")).isEqualTo(1);
    assertThat(report.getList("unsupported.ref")).contains("indicator--b" + run, "report--" + run);
    String id = report.getString("acceptedIds[0]");
    assertThat(id).isEqualTo("indicator--" + run + "@2026-01-01T00:00:00.000Z");
    Sighting s = (Sighting) TopicRecords.byKey(TestMembers.NL_POLICE).get(id).getPayload();
    assertThat(s.getTlp()).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(s.getConfidence()).isEqualTo(75);
    assertThat(s.getIndicator().getValue()).isEqualTo("http://" + run + ".example/stix");
  }

  @Test
  void limitsAreAnswered413WithTheLimitNamed() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 5001; i++) {
      many.append("{}\n");
    }
    JsonPath tooMany =
        post(NL_KEY, "application/x-ndjson", "?acceptedIds=false", many.toString(), 413);
    assertThat(tooMany.getString("limit")).isEqualTo("sightline.intake.batch.max-items");
    assertThat(tooMany.getLong("items")).isEqualTo(5000);

    byte[] big = new byte[4 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    given()
        .header("Authorization", "Bearer " + NL_KEY)
        .contentType("application/x-ndjson")
        .body(big)
        .post("/api/v1/sightings/batch")
        .then()
        .statusCode(413)
        .body("limit", equalTo("sightline.intake.batch.max-bytes"))
        .body("error", containsString("split the file"));

    byte[] bigSighting = new byte[64 * 1024 + 1];
    java.util.Arrays.fill(bigSighting, (byte) ' ');
    given()
        .header("Authorization", "Bearer " + NL_KEY)
        .contentType("application/json")
        .body(bigSighting)
        .post("/api/v1/sightings")
        .then()
        .statusCode(413)
        .body("limit", equalTo("sightline.intake.max-sighting-bytes"));
  }

  @Test
  void anUnknownFormatIs415AndAnUnknownKey401() {
    assertThat(post(NL_KEY, "text/plain", "", "x", 415).getString("error")).contains("format");
    given()
        .header("Authorization", "Bearer nope")
        .contentType("application/x-ndjson")
        .body("{}".getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/sightings/batch")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Bearer " + TestMembers.apiKey(TestMembers.BR_DISABLED))
        .contentType("application/x-ndjson")
        .body("{}".getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/sightings/batch")
        .then()
        .statusCode(401);
  }
}
