package org.sightline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sightline.members.AgencyId;
import org.sightline.testing.SightlineStackResource;
import org.sightline.testing.TestMembers;

/**
 * Random and mutated payloads against every intake endpoint: single POST, batch in every format,
 * retraction; valid, wrong, disabled and absent keys; odd content types; huge, truncated, invalid
 * UTF-8, deeply nested and wrongly typed bodies; unicode edge cases. No answer may be a 5xx, every
 * 4xx carries a JSON error naming what was wrong, the intake is healthy at the end, and every
 * sighting it accepted is in the agency's topic.
 *
 * <p>{@code -Dorg.sightline.fuzz.payloads=N} (default 2000; {@code ./sightline faults} 10000);
 * {@code -Dorg.sightline.fuzz.seed=S} replays a run (the seed is printed).
 */
@Tag("faults")
@QuarkusTest
@QuarkusTestResource(SightlineStackResource.class)
class IntakeFuzzTest {

  private static final int PAYLOADS = Integer.getInteger("org.sightline.fuzz.payloads", 2000);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AgencyId AGENCY = TestMembers.NL_POLICE;

  @TestHTTPResource("/")
  URL base;

  /** Health is on the management interface, its own port. */
  @TestHTTPResource(value = "/", management = true)
  URL management;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** What one request was and what came back. */
  private record Exchange(String what, int status, String body) {}

  @Test
  void noPayloadBreaksTheIntake() throws Exception {
    long seed = Long.getLong("org.sightline.fuzz.seed", System.nanoTime());
    System.out.printf(
        "intake fuzz: %d payloads, seed %d (replay with -Dorg.sightline.fuzz.seed=%d)%n",
        PAYLOADS, seed, seed);
    awaitReady();
    Random random = new Random(seed);
    Fuzz fuzz = new Fuzz(random, "fz" + Long.toHexString(seed & 0xffffff));
    List<String> problems = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    Set<String> accepted = new HashSet<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < PAYLOADS; i++) {
      Fuzz.Request r = fuzz.next(i);
      Exchange e = send(r);
      statuses.merge(e.status(), 1, Integer::sum);
      String problem = check(r, e, accepted);
      if (problem != null && problems.size() < 50) {
        problems.add(
            "#"
                + i
                + " "
                + r.describe()
                + " -> "
                + e.status()
                + " "
                + cut(e.body())
                + ": "
                + problem);
      }
    }
    System.out.printf(
        "intake fuzz: %d payloads in %d ms, answers %s, %d sightings accepted%n",
        PAYLOADS, (System.nanoTime() - t0) / 1_000_000, statuses, accepted.size());
    assertThat(problems).as("seed " + seed).isEmpty();

    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create(management.toString()).resolve("health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as("health after the fuzz: " + health.body()).isEqualTo(200);

    Set<String> inTopic = TopicRecords.countsByKey(AGENCY).keySet();
    Set<String> lost = new HashSet<>(accepted);
    lost.removeAll(inTopic);
    assertThat(lost).as("accepted but not in the topic (seed " + seed + ")").isEmpty();
  }

  /** The endpoints answer 503 until the receipt index is loaded: not the fuzz's subject. */
  private void awaitReady() throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> ready =
          http.send(
              HttpRequest.newBuilder(URI.create(management.toString()).resolve("health/ready"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (ready.statusCode() == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the intake did not become ready in 60 s");
  }

  private Exchange send(Fuzz.Request r) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(r.path()))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(r.body()));
    if (r.authorization() != null) {
      b.header("Authorization", r.authorization());
    }
    if (r.contentType() != null) {
      b.header("Content-Type", r.contentType());
    }
    HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Exchange(r.describe(), response.statusCode(), response.body());
  }

  /** Null when the answer is acceptable; otherwise what is wrong with it. */
  private static String check(Fuzz.Request r, Exchange e, Set<String> accepted) {
    if (e.status() >= 500) {
      return "a server error";
    }
    JsonNode body;
    try {
      body = JSON.readTree(e.body());
    } catch (Exception ex) {
      return "the body is not JSON";
    }
    if (body == null || !body.isObject()) {
      return "the body is not a JSON object";
    }
    int s = e.status();
    if (s >= 400) {
      if (!body.hasNonNull("error") || body.path("error").asText().isBlank()) {
        return "a 4xx without an error";
      }
      if (s == 400 && r.kind() != Fuzz.Kind.BATCH && r.kind() != Fuzz.Kind.RETRACTION) {
        JsonNode errors = body.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
          return "a 400 without errors naming the field";
        }
        for (JsonNode fe : errors) {
          if (fe.path("field").asText().isBlank() || fe.path("reason").asText().isBlank()) {
            return "an error without field or reason";
          }
        }
      }
      if (s == 413 && !body.hasNonNull("limit")) {
        return "a 413 without the limit's name";
      }
      return null;
    }
    if (r.kind() == Fuzz.Kind.SINGLE && s == 202 && r.agencyKeyValid()) {
      accepted.add(body.path("id").asText());
    }
    if (r.kind() == Fuzz.Kind.BATCH && s == 200 && r.agencyKeyValid()) {
      body.path("acceptedIds").forEach(id -> accepted.add(id.asText()));
      for (JsonNode rej : body.path("rejections")) {
        for (JsonNode fe : rej.path("errors")) {
          if (fe.path("field").asText().isBlank() || fe.path("reason").asText().isBlank()) {
            return "a rejected item without field or reason";
          }
        }
      }
    }
    return null;
  }

  private static String cut(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  /** Makes the requests: valid ones, then mutations of them. */
  static final class Fuzz {

    enum Kind {
      SINGLE,
      BATCH,
      RETRACTION
    }

    record Request(
        Kind kind,
        String path,
        String authorization,
        String contentType,
        byte[] body,
        String mutation,
        boolean agencyKeyValid) {
      String describe() {
        return kind
            + " "
            + path
            + " ["
            + mutation
            + "] ct="
            + contentType
            + " "
            + body.length
            + "B";
      }
    }

    private static final String[] UNICODE = {
      "\u0000",
      "\u202e",
      "\ufeff",
      "\ud83d\ude00",
      "\u00e9",
      "e\u0301",
      "\uffff",
      "\u2028",
      "\\ud800",
      "\\udfff",
      "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
      "\u200b",
      "𝔘𝔫𝔦"
    };
    private static final String[] TYPES = {
      "url",
      "domain",
      "ip",
      "md5",
      "sha1",
      "sha256",
      "pdq",
      "email",
      "wallet",
      "username",
      "phone",
      "URL",
      "",
      "nope"
    };
    private static final String[] CONTENT_TYPES = {
      "application/json",
      "application/x-ndjson",
      "text/csv",
      "application/vnd.projectvic+json",
      "application/stix+json",
      "text/plain",
      "application/xml",
      "multipart/form-data",
      "application/json; charset=latin1",
      "application/octet-stream",
      "*/*",
      "garbage",
      null
    };

    private final Random random;
    private final String run;

    Fuzz(Random random, String run) {
      this.random = random;
      this.run = run;
    }

    Request next(int i) {
      String id = run + "-" + i;
      String auth = authorization();
      boolean valid = auth != null && auth.equals("Bearer " + TestMembers.apiKey(AGENCY));
      int pick = random.nextInt(10);
      Kind kind = pick < 5 ? Kind.SINGLE : pick < 9 ? Kind.BATCH : Kind.RETRACTION;
      String path;
      String contentType;
      String text;
      switch (kind) {
        case SINGLE -> {
          path = "api/v1/sightings";
          contentType = "application/json";
          text = sightingJson(id);
        }
        case RETRACTION -> {
          String rid = random.nextInt(4) == 0 ? mutateString(id) : id;
          path =
              "api/v1/sightings/"
                  + URLEncoder.encode(rid, StandardCharsets.UTF_8).replace("+", "%20")
                  + "/retraction";
          contentType = "application/json";
          text = random.nextBoolean() ? "" : "{\"reason\":\"" + escape(randomText()) + "\"}";
        }
        default -> {
          String[] formats = {"ndjson", "csv", "vics", "stix"};
          String format = formats[random.nextInt(formats.length)];
          StringBuilder q = new StringBuilder();
          if (random.nextInt(3) == 0) {
            q.append("format=").append(random.nextInt(8) == 0 ? "xml" : format).append('&');
          }
          if (random.nextInt(2) == 0 || format.equals("vics")) {
            q.append("tlp=").append(pickOf("GREEN", "amber", "RED", "pink", "")).append('&');
            q.append("confidence=").append(pickOf("50", "101", "-1", "x", "80")).append('&');
          }
          if (random.nextInt(6) == 0) {
            q.append("vicsCategories=")
                .append(pickOf("1=CSAM,0=SKIP", "9=NOPE", "x", "="))
                .append('&');
          }
          path = "api/v1/sightings/batch" + (q.length() == 0 ? "" : "?" + q);
          contentType = mediaType(format);
          text = batch(format, id);
        }
      }
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      String mutation = "none";
      if (random.nextInt(3) > 0) {
        int m = random.nextInt(12);
        switch (m) {
          case 0 -> {
            mutation = "truncated";
            body = java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
          }
          case 1 -> {
            mutation = "invalid-utf8";
            body = invalidUtf8(body);
          }
          case 2 -> {
            mutation = "nested";
            int depth = pickOf(100, 1000, 5000, 100_000);
            body = nested(depth, random.nextBoolean()).getBytes(StandardCharsets.UTF_8);
          }
          case 3 -> {
            mutation = "wrong-types";
            body = wrongTypes(text).getBytes(StandardCharsets.UTF_8);
          }
          case 4 -> {
            mutation = "content-type";
            contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
          }
          case 5 -> {
            mutation = "huge";
            int size = pickOf(70_000, 1_100_000, 5_000_000);
            body = huge(text, size).getBytes(StandardCharsets.UTF_8);
          }
          case 6 -> {
            mutation = "bytes";
            body = flipBytes(body);
          }
          case 7 -> {
            mutation = "unicode";
            body = insertUnicode(text).getBytes(StandardCharsets.UTF_8);
          }
          case 8 -> {
            mutation = "empty";
            body = new byte[0];
          }
          case 9 -> {
            mutation = "random-json";
            body = randomJson(4).getBytes(StandardCharsets.UTF_8);
          }
          case 10 -> {
            mutation = "random-bytes";
            body = new byte[random.nextInt(2000)];
            random.nextBytes(body);
          }
          default -> {
            mutation = "fields";
            body = mutateFields(text).getBytes(StandardCharsets.UTF_8);
          }
        }
      }
      return new Request(kind, path, auth, contentType, body, mutation, valid);
    }

    private String authorization() {
      int a = random.nextInt(20);
      return switch (a) {
        case 0 -> null;
        case 1 -> "Bearer ";
        case 2 -> "Bearer wrong-key";
        case 3 -> "Bearer " + TestMembers.apiKey(TestMembers.BR_DISABLED);
        case 4 -> "Basic dXNlcjpwYXNz";
        case 5 -> "Bearer " + TestMembers.apiKey(AGENCY) + "x";
        case 6 -> "bearer " + TestMembers.apiKey(AGENCY);
        default -> "Bearer " + TestMembers.apiKey(AGENCY);
      };
    }

    @SafeVarargs
    private <T> T pickOf(T... values) {
      return values[random.nextInt(values.length)];
    }

    private String randomText() {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(20);
      for (int i = 0; i < n; i++) {
        b.append(
            random.nextInt(4) == 0
                ? UNICODE[random.nextInt(UNICODE.length)]
                : (char) ('a' + random.nextInt(26)));
      }
      return b.toString();
    }

    private static String escape(String s) {
      StringBuilder b = new StringBuilder();
      for (char c : s.toCharArray()) {
        if (c == '"' || c == '\\') {
          b.append('\\').append(c);
        } else if (c < 0x20) {
          b.append(String.format("\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }

    private String value(String type, String id) {
      return switch (type) {
        case "url" -> "http://" + id + ".example/a";
        case "domain" -> id + ".example";
        case "ip" -> "198.51.100." + random.nextInt(300);
        case "md5" -> hex(32);
        case "sha1" -> hex(40);
        case "sha256" -> hex(64);
        case "pdq" -> hex(64);
        case "email" -> id + "@example.org";
        case "phone" -> "+31 6 " + (10_000_000 + random.nextInt(89_999_999));
        default -> randomText();
      };
    }

    private String hex(int n) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        b.append("0123456789abcdef".charAt(random.nextInt(16)));
      }
      return b.toString();
    }

    String sightingJson(String id) {
      String type = TYPES[random.nextInt(TYPES.length)];
      StringBuilder b = new StringBuilder("{");
      b.append("\"id\":\"").append(escape(id)).append('"');
      if (random.nextInt(5) > 0) {
        b.append(",\"observedAt\":\"")
            .append(
                pickOf(
                    "2026-11-20T10:15:00Z",
                    "2026-11-20T10:15:00.123+02:00",
                    "yesterday",
                    "2026-13-45T99:99:99Z",
                    "9999-12-31T23:59:59Z",
                    "1970-01-01T00:00:00Z"))
            .append('"');
      }
      b.append(",\"indicator\":{\"type\":\"")
          .append(type)
          .append("\",\"value\":\"")
          .append(escape(value(type, id)))
          .append('"');
      if (type.equals("wallet")) {
        b.append(",\"chain\":\"").append(pickOf("btc", "eth", "xmr", "")).append('"');
      }
      if (type.equals("username")) {
        b.append(",\"platform\":\"").append(pickOf("telegram", "x", "")).append('"');
      }
      b.append('}');
      b.append(",\"category\":\"")
          .append(pickOf("CSAM", "csam", "CSEM_OTHER", "UNKNOWN", "X"))
          .append('"');
      b.append(",\"confidence\":")
          .append(pickOf("80", "0", "100", "101", "-5", "1e3", "\"80\"", "null", "8.5"));
      b.append(",\"tlp\":\"")
          .append(pickOf("GREEN", "AMBER", "RED", "CLEAR", "AMBER+STRICT", "WHITE", "ORANGE"))
          .append('"');
      if (random.nextInt(4) == 0) {
        b.append(",\"hostingCountry\":\"").append(pickOf("NL", "DE", "XX", "nl", "")).append('"');
      }
      if (random.nextInt(4) == 0) {
        b.append(",\"related\":[{\"type\":\"")
            .append(pickOf("url", "wallet", "md5"))
            .append("\",\"value\":\"")
            .append(escape(randomText()))
            .append("\"}]");
      }
      if (random.nextInt(5) == 0) {
        b.append(",\"identification\":{\"victimIdentified\":")
            .append(pickOf("true", "\"yes\"", "1", "null"))
            .append(",\"series\":\"")
            .append(escape(randomText()))
            .append("\"}");
      }
      if (random.nextInt(15) == 0) {
        b.append(",\"agency\":\"de-police\"");
      }
      if (random.nextInt(10) == 0) {
        b.append(",\"").append(escape(randomText())).append("\":").append(randomJson(2));
      }
      return b.append('}').toString();
    }

    private String batch(String format, String id) {
      int n = 1 + random.nextInt(8);
      StringBuilder b = new StringBuilder();
      switch (format) {
        case "ndjson" -> {
          for (int i = 0; i < n; i++) {
            b.append(random.nextInt(6) == 0 ? randomJson(2) : sightingJson(id + "-" + i))
                .append('\n');
          }
        }
        case "csv" -> {
          String sep = pickOf(",", ";", "\t");
          b.append(
              String.join(
                  sep, "id", "observed_at", "type", "value", "category", "confidence", "tlp"));
          if (random.nextInt(8) == 0) {
            b.append(sep).append(pickOf("agency", "Notes", "related", "\"quoted\""));
          }
          b.append('\n');
          for (int i = 0; i < n; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            b.append(
                String.join(
                    sep,
                    id + "-" + i,
                    pickOf("2026-11-20T10:15:00Z", "", "x"),
                    type,
                    value(type, id + "-" + i).replace(sep, " "),
                    pickOf("CSAM", ""),
                    pickOf("80", "x", ""),
                    pickOf("GREEN", "", "RED")));
            if (random.nextInt(10) == 0) {
              b.append(pickOf(sep + sep + sep, "\"unterminated", ""));
            }
            b.append('\n');
          }
        }
        case "vics" -> {
          b.append(
              "{\"odata.metadata\":\"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media\",\"value\":[");
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              b.append(',');
            }
            b.append("{\"MediaID\":")
                .append(pickOf(String.valueOf(i), "\"x\"", "null"))
                .append(",\"MD5\":\"")
                .append(pickOf(hex(32), "zz", ""))
                .append('"')
                .append(",\"Category\":")
                .append(pickOf("1", "2", "0", "7", "\"1\"", "null"))
                .append(",\"VictimIdentified\":")
                .append(pickOf("true", "\"false\"", "3"))
                .append('}');
          }
          b.append("]}");
        }
        default -> {
          b.append("{\"type\":\"bundle\",\"id\":\"bundle--")
              .append(java.util.UUID.randomUUID())
              .append("\",\"objects\":[");
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              b.append(',');
            }
            b.append("{\"type\":\"")
                .append(pickOf("indicator", "indicator", "sighting", "identity", "observed-data"))
                .append('"')
                .append(",\"spec_version\":\"2.1\",\"id\":\"indicator--")
                .append(java.util.UUID.nameUUIDFromBytes((id + i).getBytes(StandardCharsets.UTF_8)))
                .append('"')
                .append(",\"modified\":\"")
                .append(pickOf("2026-11-20T10:15:00.000Z", "bad"))
                .append('"')
                .append(",\"valid_from\":\"2026-11-20T10:15:00Z\",\"pattern_type\":\"")
                .append(pickOf("stix", "snort"))
                .append('"')
                .append(",\"pattern\":\"")
                .append(
                    pickOf(
                        "[url:value = 'http://" + id + i + ".example/']",
                        "[file:hashes.MD5 = '" + hex(32) + "']",
                        "[url:value = 'a'] AND [url:value = 'b']",
                        "[[[",
                        ""))
                .append('"')
                .append(",\"confidence\":")
                .append(pickOf("80", "\"x\"", "200"))
                .append(",\"object_marking_refs\":[\"")
                .append(
                    pickOf(
                        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
                        "marking-definition--nope"))
                .append("\"]")
                .append(",\"sighting_of_ref\":\"")
                .append(pickOf("indicator--x", ""))
                .append('"')
                .append('}');
          }
          b.append("]}");
        }
      }
      return b.toString();
    }

    private static String mediaType(String format) {
      return switch (format) {
        case "ndjson" -> "application/x-ndjson";
        case "csv" -> "text/csv";
        case "vics" -> "application/vnd.projectvic+json";
        default -> "application/stix+json";
      };
    }

    private byte[] invalidUtf8(byte[] body) {
      byte[] bad = {
        (byte) 0xc3,
        (byte) 0x28,
        (byte) 0xff,
        (byte) 0xfe,
        (byte) 0xed,
        (byte) 0xa0,
        (byte) 0x80,
        (byte) 0xf8,
        (byte) 0x80
      };
      byte[] out = new byte[body.length + bad.length];
      int at = random.nextInt(body.length + 1);
      System.arraycopy(body, 0, out, 0, at);
      System.arraycopy(bad, 0, out, at, bad.length);
      System.arraycopy(body, at, out, at + bad.length, body.length - at);
      return out;
    }

    private static String nested(int depth, boolean arrays) {
      StringBuilder b = new StringBuilder(depth * 6);
      for (int i = 0; i < depth; i++) {
        b.append(arrays ? "[" : "{\"a\":");
      }
      b.append("1");
      for (int i = 0; i < depth; i++) {
        b.append(arrays ? "]" : "}");
      }
      return b.toString();
    }

    private String wrongTypes(String text) {
      String[] fields = {
        "id",
        "observedAt",
        "indicator",
        "category",
        "confidence",
        "tlp",
        "type",
        "value",
        "related",
        "identification",
        "hostingCountry"
      };
      String field = fields[random.nextInt(fields.length)];
      String replacement =
          pickOf("123", "true", "null", "[]", "{}", "[1,2]", "{\"x\":{}}", "-0", "1e400", "\"\"");
      return text.replaceFirst(
          "\"" + field + "\":(\"[^\"]*\"|[^,}\\]]*|\\{[^}]*\\})",
          "\"" + field + "\":" + replacement);
    }

    private String huge(String text, int size) {
      StringBuilder pad = new StringBuilder(size);
      while (pad.length() < size) {
        pad.append("abcdefghij");
      }
      int where = text.indexOf("\"id\":\"");
      return where < 0
          ? pad.toString()
          : text.substring(0, where + 6) + pad + text.substring(where + 6);
    }

    private byte[] flipBytes(byte[] body) {
      byte[] out = body.clone();
      int n = 1 + random.nextInt(5);
      for (int i = 0; i < n && out.length > 0; i++) {
        out[random.nextInt(out.length)] = (byte) random.nextInt(256);
      }
      return out;
    }

    private String insertUnicode(String text) {
      StringBuilder b = new StringBuilder(text);
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        int at = text.indexOf('"', random.nextInt(Math.max(1, text.length())));
        if (at >= 0 && at < b.length()) {
          b.insert(at + 1, UNICODE[random.nextInt(UNICODE.length)]);
        }
      }
      return b.toString();
    }

    private String mutateString(String s) {
      return pickOf("", " ", s + "\u0000", "../" + s, s.repeat(50), "%2F", "\u00e9" + s, s + "/x");
    }

    private String randomJson(int depth) {
      int k = random.nextInt(depth <= 0 ? 5 : 8);
      return switch (k) {
        case 0 -> String.valueOf(random.nextLong());
        case 1 -> "\"" + escape(randomText()) + "\"";
        case 2 -> "true";
        case 3 -> "null";
        case 4 -> String.valueOf(random.nextDouble() * 1e300);
        case 5 -> "[" + randomJson(depth - 1) + "," + randomJson(depth - 1) + "]";
        default ->
            "{\""
                + escape(randomText())
                + "\":"
                + randomJson(depth - 1)
                + ",\"indicator\":"
                + randomJson(depth - 1)
                + "}";
      };
    }

    private String mutateFields(String text) {
      return switch (random.nextInt(5)) {
        case 0 -> text.replaceFirst("\"id\":\"[^\"]*\",?", "");
        case 1 -> text.replaceFirst("\"indicator\":\\{[^}]*\\},?", "");
        case 2 -> text.replace("\"id\":\"", "\"id\":\"" + "x".repeat(300));
        case 3 -> text.replaceFirst("\\{", "{\"id\":\"dup\",");
        default -> text + text;
      };
    }
  }
}
