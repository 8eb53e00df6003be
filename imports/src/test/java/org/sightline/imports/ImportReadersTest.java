package org.sightline.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bulk formats, read as the intake and the CLI read them. */
class ImportReadersTest {

  static final String MD5 = "0123456789ABCDEF0123456789ABCDEF";
  static final String SHA1 = "0123456789ABCDEF0123456789ABCDEF01234567";
  static final String PHOTODNA = Base64.getEncoder().encodeToString(new byte[144]);

  record Read(List<ImportItem> items, List<ImportNotice> notices) {}

  static Read read(ImportFormat format, String text, ImportDefaults defaults) throws IOException {
    List<ImportItem> items = new ArrayList<>();
    List<ImportNotice> notices = new ArrayList<>();
    try (ImportReader reader =
        ImportReader.open(
            format, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), defaults)) {
      for (ImportItem item = reader.next(); item != null; item = reader.next()) {
        items.add(item);
        notices.addAll(reader.drainNotices());
      }
      notices.addAll(reader.drainNotices());
    }
    return new Read(items, notices);
  }

  static ImportDefaults defaults(String tlp, Integer confidence) {
    return ImportDefaults.parse(tlp, null, confidence, null, null);
  }

  @Test
  void ndjsonLinesKeepTheirNumbersAndBadLinesDoNotStopTheRest() throws IOException {
    String text =
        "{\"id\":\"a\",\"indicator\":{\"type\":\"url\",\"value\":\"http://a.example/\"}}\n"
            + "\n"
            + "{not json\r\n"
            + "[1,2]\n"
            + "{\"indicator\":{\"type\":\"url\",\"value\":\"http://b.example/\"}}";
    Read r = read(ImportFormat.NDJSON, text, defaults("green", 50));
    assertThat(r.items()).extracting(ImportItem::line).containsExactly(1L, 3L, 4L, 5L);
    assertThat(r.items().get(0).id()).isEqualTo("a");
    assertThat(r.items().get(0).sighting().get("tlp").asText()).isEqualTo("GREEN");
    assertThat(r.items().get(1).errors().get(0).reason()).startsWith("is not valid JSON");
    assertThat(r.items().get(2).errors().get(0).reason()).contains("one JSON object");
    assertThat(r.items().get(3).id()).startsWith("ndjson-").hasSize("ndjson-".length() + 32);
  }

  @Test
  void derivedIdsIgnoreKeyOrderSpacingAndCaseOfEnumerations() throws IOException {
    String a =
        "{\"indicator\":{\"type\":\"URL\",\"value\":\"http://a.example/\"},\"tlp\":\"green\"}";
    String b =
        "{ \"tlp\" : \"GREEN\", \"indicator\" : {\"value\":\"http://a.example/\",\"type\":\"url\"} }";
    String c =
        "{\"indicator\":{\"type\":\"url\",\"value\":\"http://b.example/\"},\"tlp\":\"GREEN\"}";
    Read r = read(ImportFormat.NDJSON, a + "\n" + b + "\n" + c, ImportDefaults.NONE);
    assertThat(r.items().get(0).id()).isEqualTo(r.items().get(1).id());
    assertThat(r.items().get(2).id()).isNotEqualTo(r.items().get(0).id());
  }

  @Test
  void aLineLongerThanTheLimitIsOneRejectedLine() throws IOException {
    String longLine = "{\"x\":\"" + "a".repeat(NdjsonReader.MAX_LINE_BYTES) + "\"}";
    Read r = read(ImportFormat.NDJSON, longLine + "\n{\"id\":\"ok\"}\n", ImportDefaults.NONE);
    assertThat(r.items()).hasSize(2);
    assertThat(r.items().get(0).errors().get(0).reason()).contains("longer than");
    assertThat(r.items().get(1).id()).isEqualTo("ok");
  }

  @Test
  void csvColumnsAreMatchedLooselyAndErrorsNameTheColumn() throws IOException {
    String text =
        "\uFEFFID;Observed At;Type;Value;Qualifier;Confidence;TLP;Victim_Identified;Related;Colour\n"
            + "c-1;2026-11-20T10:15:00Z;url;http://a.example/x;;80;amber;yes;"
            + "wallet:btc:1BoatSLRHtKNngkdXEeobR76b53LETtpyT|domain:b.example;red\n"
            + ";;wallet;1BoatSLRHtKNngkdXEeobR76b53LETtpyT;btc;high;green;maybe;;\n"
            + "\"c-3\";;url;\"http://a.example/with;semicolon\n"
            + "and a line break\";;50;green;;;\n";
    Read r = read(ImportFormat.CSV, text, ImportDefaults.NONE);
    assertThat(r.notices()).extracting(ImportNotice::ref).containsExactly("Colour");
    assertThat(r.items()).hasSize(3);
    ImportItem first = r.items().get(0);
    assertThat(first.line()).isEqualTo(2);
    assertThat(first.sighting().get("observedAt").asText()).isEqualTo("2026-11-20T10:15:00Z");
    assertThat(first.sighting().at("/identification/victimIdentified").asBoolean()).isTrue();
    assertThat(first.sighting().get("related")).hasSize(2);
    assertThat(first.sighting().at("/related/0/chain").asText()).isEqualTo("btc");
    assertThat(first.label("indicator.value")).isEqualTo("Value");
    assertThat(first.label("related[1].value")).isEqualTo("Related[1].value");
    ImportItem second = r.items().get(1);
    assertThat(second.line()).isEqualTo(3);
    assertThat(second.labelled(second.errors()))
        .extracting(e -> e.field())
        .containsExactly("Confidence", "Victim_Identified");
    ImportItem third = r.items().get(2);
    assertThat(third.line()).isEqualTo(4);
    assertThat(third.sighting().at("/indicator/value").asText()).contains("\nand a line break");
  }

  @Test
  void aCsvColumnNamingAnAgencyRefusesTheFile() {
    assertThatThrownBy(
            () ->
                read(
                    ImportFormat.CSV,
                    "type,value,agency\nurl,http://a.example/,de-police\n",
                    ImportDefaults.NONE))
        .isInstanceOf(ImportFormatException.class)
        .satisfies(e -> assertThat(((ImportFormatException) e).field()).isEqualTo("agency"));
    assertThatThrownBy(() -> read(ImportFormat.CSV, "id,tlp\n1,GREEN\n", ImportDefaults.NONE))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("type and value");
  }

  @Test
  void csvRowsWithoutIdsGetTheSameIdOnEveryImport() throws IOException {
    String text = "type,value,tlp,confidence\nurl,http://a.example/,GREEN,50\n";
    String id1 = read(ImportFormat.CSV, text, ImportDefaults.NONE).items().get(0).id();
    String id2 = read(ImportFormat.CSV, text, ImportDefaults.NONE).items().get(0).id();
    assertThat(id1).startsWith("csv-").isEqualTo(id2);
  }

  static String vicsHashSet() {
    return "{\"@odata.context\":\"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media\",\n"
        + "\"value\":[\n"
        + "{\"MediaID\":1,\"Category\":1,\"MD5\":\""
        + MD5
        + "\",\"SHA1\":\""
        + SHA1
        + "\",\"PhotoDNA\":\""
        + PHOTODNA
        + "\",\"VictimIdentified\":\"true\",\"OffenderIdentified\":false,"
        + "\"Series\":{\"Name\":\"Series A\"},\"DateUpdated\":\"2025-01-02T03:04:05-05:00\","
        + "\"MediaSize\":1234,\"Comments\":\"x\"},\n"
        + "{\"MediaID\":2,\"Category\":0,\"MD5\":\"00000000000000000000000000000001\"},\n"
        + "{\"MediaID\":3,\"Category\":7,\"MD5\":\"00000000000000000000000000000002\"},\n"
        + "{\"MediaID\":4,\"Category\":2,\"MediaSize\":5},\n"
        + "{\"MediaID\":5,\"Category\":2,\"AlternativeHashes\":[{\"HashName\":\"SHA1\",\"HashValue\":\""
        + SHA1.toLowerCase(java.util.Locale.ROOT)
        + "\"},{\"HashName\":\"Imagemark\",\"HashValue\":\"xyz\"}]}\n"
        + "]}";
  }

  @Test
  void vicsHashSetsGiveOneSightingPerHash() throws IOException {
    Read r = read(ImportFormat.VICS, vicsHashSet(), defaults("AMBER", 90));
    List<ImportItem> items = r.items();
    assertThat(items).extracting(i -> i.ok()).containsExactly(true, true, true, true, false, true);
    ImportItem md5 = items.get(0);
    assertThat(md5.ref()).isEqualTo("MediaID 1 MD5");
    assertThat(md5.line()).isEqualTo(3);
    assertThat(md5.sighting().at("/indicator/type").asText()).isEqualTo("md5");
    assertThat(md5.sighting().get("category").asText()).isEqualTo("CSAM");
    assertThat(md5.sighting().get("tlp").asText()).isEqualTo("AMBER");
    assertThat(md5.sighting().get("confidence").asInt()).isEqualTo(90);
    assertThat(md5.sighting().get("observedAt").asText()).isEqualTo("2025-01-02T08:04:05Z");
    assertThat(md5.sighting().at("/identification/victimIdentified").asBoolean()).isTrue();
    assertThat(md5.sighting().at("/identification/offenderIdentified").asBoolean()).isFalse();
    assertThat(md5.sighting().at("/identification/series").asText()).isEqualTo("Series A");
    assertThat(items.get(1).sighting().at("/indicator/type").asText()).isEqualTo("sha1");
    assertThat(items.get(2).sighting().at("/indicator/type").asText()).isEqualTo("photodna");
    assertThat(items.get(3).sighting().get("category").asText()).isEqualTo("UNKNOWN");
    assertThat(items.get(4).ref()).isEqualTo("MediaID 4");
    assertThat(items.get(5).ref()).isEqualTo("MediaID 5 AlternativeHashes.SHA1");
    assertThat(items.get(5).sighting().get("category").asText()).isEqualTo("CSEM_OTHER");
    assertThat(r.notices())
        .extracting(ImportNotice::ref)
        .contains("Comments,MediaSize", "Category 0", "Category 7", "AlternativeHashes Imagemark");
    assertThat(items.stream().map(ImportItem::id).filter(id -> id != null).distinct())
        .hasSize(5)
        .allMatch(id -> id.startsWith("vics-"));
  }

  @Test
  void vicsCaseExportsAndCategoryMappingsOfTheSender() throws IOException {
    String text =
        "{\"odata.metadata\":\"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Cases\","
            + "\"value\":[{\"CaseID\":\"c\",\"CaseNumber\":\"NL-2026-7\",\"Media\":["
            + "{\"MediaID\":1,\"Category\":3,\"MD5\":\""
            + MD5
            + "\"}],\"TotalMediaFiles\":\"1\"}]}";
    Read r =
        read(ImportFormat.VICS, text, ImportDefaults.parse("red", null, 70, null, "3=CSAM,1=SKIP"));
    assertThat(r.items()).hasSize(1);
    assertThat(r.items().get(0).sighting().get("caseRef").asText()).isEqualTo("NL-2026-7");
    assertThat(r.items().get(0).sighting().get("category").asText()).isEqualTo("CSAM");
    assertThat(r.items().get(0).sighting().get("tlp").asText()).isEqualTo("RED");
  }

  @Test
  void vicsNeedsATlpAndAConfidenceForTheWholeImport() {
    assertThatThrownBy(() -> read(ImportFormat.VICS, vicsHashSet(), defaults(null, 90)))
        .isInstanceOf(ImportFormatException.class)
        .satisfies(e -> assertThat(((ImportFormatException) e).field()).isEqualTo("tlp"));
    assertThatThrownBy(() -> read(ImportFormat.VICS, vicsHashSet(), defaults("AMBER", null)))
        .isInstanceOf(ImportFormatException.class)
        .satisfies(e -> assertThat(((ImportFormatException) e).field()).isEqualTo("confidence"));
    assertThatThrownBy(() -> read(ImportFormat.VICS, "{\"x\":1}", defaults("AMBER", 1)))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("value array");
  }

  static String stixBundle() {
    return """
        {"type":"bundle","id":"bundle--1","objects":[
         {"type":"identity","spec_version":"2.1","id":"identity--1","name":"Other agency"},
         {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--custom",
          "extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
             {"extension_type":"property-extension","tlp_2_0":"amber+strict"}}},
         {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--stmt",
          "definition_type":"statement","definition":{"statement":"Copyright"}},
         {"type":"indicator","spec_version":"2.1","id":"indicator--a","created":"2026-01-01T00:00:00Z",
          "modified":"2026-01-02T00:00:00Z","valid_from":"2026-01-01T00:00:00Z","pattern_type":"stix",
          "pattern":"[url:value = 'http://a.example/it\\\\'s']","confidence":85,"labels":["csam"],
          "object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]},
         {"type":"indicator","spec_version":"2.1","id":"indicator--b","modified":"2026-01-02T00:00:00Z",
          "valid_from":"2026-01-01T00:00:00Z","pattern_type":"stix",
          "pattern":"[file:hashes.'SHA-256' = 'aa'] AND [file:name = 'x']"},
         {"type":"indicator","spec_version":"2.1","id":"indicator--c","modified":"2026-01-02T00:00:00Z",
          "valid_from":"2026-01-01T00:00:00Z","pattern_type":"stix",
          "pattern":"[domain-name:value = 'shop.example']",
          "object_marking_refs":["marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"]},
         {"type":"sighting","spec_version":"2.1","id":"sighting--c","modified":"2026-02-01T00:00:00Z",
          "created":"2026-02-01T00:00:00Z","last_seen":"2026-01-31T12:00:00Z","sighting_of_ref":"indicator--c"},
         {"type":"indicator","spec_version":"2.1","id":"indicator--d","modified":"2026-01-02T00:00:00Z",
          "valid_from":"2026-01-01T00:00:00Z","pattern_type":"yara","pattern":"rule x {}"},
         {"type":"file","spec_version":"2.1","id":"file--f","hashes":{"MD5":"%s","SHA-1":"%s","TLSH":"T1"}},
         {"type":"observed-data","spec_version":"2.1","id":"observed-data--o","modified":"2026-03-01T00:00:00Z",
          "first_observed":"2026-03-01T00:00:00Z","last_observed":"2026-03-01T01:00:00Z","number_observed":1,
          "object_refs":["file--f"],"object_marking_refs":["marking-definition--custom","marking-definition--stmt"]},
         {"type":"url","spec_version":"2.1","id":"url--bare","value":"http://bare.example/"},
         {"type":"malware","spec_version":"2.1","id":"malware--m","name":"x","is_family":false},
         {"type":"indicator","spec_version":"2.1","id":"indicator--r","revoked":true,
          "pattern_type":"stix","pattern":"[url:value = 'http://r.example/']"}
        ]}
        """
        .formatted(MD5, SHA1);
  }

  @Test
  void stixBundlesMapIndicatorsSightingsAndObservedDataWithTheirTlp() throws IOException {
    Read r = read(ImportFormat.STIX, stixBundle(), defaults(null, 60));
    List<ImportItem> items = r.items();
    assertThat(items)
        .extracting(ImportItem::ref)
        .containsExactly(
            "indicator--a",
            "sighting--c",
            "observed-data--o file--f/md5",
            "observed-data--o file--f/sha1");
    ImportItem a = items.get(0);
    assertThat(a.id()).isEqualTo("indicator--a@2026-01-02T00:00:00Z");
    assertThat(a.sighting().at("/indicator/value").asText()).isEqualTo("http://a.example/it's");
    assertThat(a.sighting().get("tlp").asText()).isEqualTo("GREEN");
    assertThat(a.sighting().get("confidence").asInt()).isEqualTo(85);
    assertThat(a.sighting().get("category").asText()).isEqualTo("CSAM");
    assertThat(a.sighting().get("observedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    ImportItem c = items.get(1);
    assertThat(c.sighting().at("/indicator/type").asText()).isEqualTo("domain");
    assertThat(c.sighting().get("tlp").asText())
        .as("TLP 1.0 WHITE via its indicator")
        .isEqualTo("CLEAR");
    assertThat(c.sighting().get("observedAt").asText()).isEqualTo("2026-01-31T12:00:00Z");
    assertThat(c.sighting().get("confidence").asInt()).as("the import's default").isEqualTo(60);
    ImportItem md5 = items.get(2);
    assertThat(md5.sighting().get("tlp").asText()).isEqualTo("AMBER_STRICT");
    assertThat(md5.id()).isEqualTo("observed-data--o@2026-03-01T00:00:00Z#file--f/md5");
    assertThat(md5.sighting().get("observedAt").asText()).isEqualTo("2026-03-01T01:00:00Z");
    assertThat(r.notices())
        .extracting(ImportNotice::ref)
        .contains(
            "identity--1",
            "marking-definition--stmt",
            "indicator--b",
            "indicator--d",
            "file--f",
            "url--bare",
            "malware--m",
            "indicator--r");
    assertThat(r.notices())
        .filteredOn(n -> n.ref().equals("indicator--b"))
        .first()
        .satisfies(n -> assertThat(n.reason()).contains("compound"));
  }

  @Test
  void aStixObjectWithoutTlpIsRejectedWhenNoDefaultIsGiven() throws IOException {
    String bundle =
        "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--x\","
            + "\"valid_from\":\"2026-01-01T00:00:00Z\",\"pattern\":\"[ipv4-addr:value = '10.0.0.1']\"}]}";
    Read r = read(ImportFormat.STIX, bundle, ImportDefaults.NONE);
    assertThat(r.items()).hasSize(1);
    assertThat(r.items().get(0).errors()).extracting(e -> e.field()).containsExactly("tlp");
    assertThatThrownBy(() -> read(ImportFormat.STIX, "[]", ImportDefaults.NONE))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("bundle");
  }

  @Test
  void stixPatternsOutsideTheSimpleFormAreNamed() {
    assertThat(StixPatterns.parse("[email-addr:value = 'a@b.example']").type()).isEqualTo("email");
    assertThat(StixPatterns.parse("[ipv6-addr:value = '2001:db8::1']").value())
        .isEqualTo("2001:db8::1");
    assertThat(StixPatterns.parse("[file:hashes.MD5 = 'ab']").type()).isEqualTo("md5");
    assertThat(StixPatterns.parse("[file:hashes.'SHA-1' = 'ab']").type()).isEqualTo("sha1");
    assertThat(StixPatterns.parse("[url:value = 'a'] OR [url:value = 'b']").unsupported())
        .contains("compound");
    assertThat(StixPatterns.parse("[url:value LIKE 'a%']").unsupported()).contains("equality");
    assertThat(StixPatterns.parse("[url:value = 'a'] WITHIN 5 SECONDS").unsupported())
        .contains("qualifiers");
    assertThat(StixPatterns.parse("[process:name = 'x']").unsupported()).contains("not imported");
    assertThat(StixPatterns.parse("[url:value = 'a OR b']").ok()).isTrue();
  }

  @Test
  void formatsAreDetectedFromNamesAndContent() {
    byte[] none = new byte[0];
    assertThat(ImportFormat.detect("x.csv", none)).contains(ImportFormat.CSV);
    assertThat(ImportFormat.detect("x.jsonl", none)).contains(ImportFormat.NDJSON);
    assertThat(ImportFormat.detect("x.json", stixBundle().getBytes(StandardCharsets.UTF_8)))
        .contains(ImportFormat.STIX);
    assertThat(ImportFormat.detect("x.json", vicsHashSet().getBytes(StandardCharsets.UTF_8)))
        .contains(ImportFormat.VICS);
    assertThat(
            ImportFormat.detect(
                "x", "{\"id\":\"a\"}\n{\"id\":\"b\"}".getBytes(StandardCharsets.UTF_8)))
        .contains(ImportFormat.NDJSON);
    assertThat(ImportFormat.byMediaType("application/stix+json;version=2.1"))
        .contains(ImportFormat.STIX);
    assertThat(ImportFormat.byMediaType("text/csv; charset=utf-8")).contains(ImportFormat.CSV);
  }

  @Test
  void defaultsAreCheckedAndNamed() {
    assertThat(ImportDefaults.parse("amber+strict", "csam", 5, null, null).tlp())
        .isEqualTo("AMBER_STRICT");
    assertThat(ImportDefaults.parse("WHITE", null, null, null, null).tlp()).isEqualTo("CLEAR");
    assertThatThrownBy(() -> ImportDefaults.parse("pink", null, null, null, null))
        .isInstanceOf(ImportFormatException.class)
        .satisfies(e -> assertThat(((ImportFormatException) e).field()).isEqualTo("tlp"));
    assertThatThrownBy(() -> ImportDefaults.parse(null, null, 101, null, null))
        .isInstanceOf(ImportFormatException.class);
    assertThatThrownBy(() -> ImportDefaults.parse(null, null, null, null, "3=nope"))
        .isInstanceOf(ImportFormatException.class)
        .satisfies(
            e -> assertThat(((ImportFormatException) e).field()).isEqualTo("vicsCategories"));
  }
}
