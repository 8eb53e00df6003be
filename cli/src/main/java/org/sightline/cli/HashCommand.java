package org.sightline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sightline.pdq.PdqHasher;
import org.sightline.pdq.PdqResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Hashes image files on the agency's own machine, so that only hashes — never imagery — leave it:
 * MD5, SHA-1 and SHA-256 of the bytes, and PDQ of the picture. With {@code --publish} the hashes
 * are sent to the intake as sightings.
 */
@Command(
    name = "hash",
    description = {
      "Print file,md5,sha1,sha256,pdq,pdq_quality (CSV) for each image; with --publish, send them"
          + " to the intake as sightings.",
      "No image leaves this machine: only its hashes."
    })
final class HashCommand implements Callable<Integer> {

  static final String HEADER = "file,md5,sha1,sha256,pdq,pdq_quality";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files")
  List<Path> files;

  @Option(names = "--publish", description = "Send the hashes to the intake as sightings")
  boolean publish;

  /** --intake, --key: with --publish. */
  @Mixin IntakeOptions agency = new IntakeOptions();

  @Option(names = "--tlp", defaultValue = "AMBER", description = "TLP of the sightings")
  String tlp;

  @Option(names = "--category", defaultValue = "CSAM", description = "Category of the material")
  String category;

  @Option(names = "--confidence", defaultValue = "90", description = "0-100")
  int confidence;

  @Option(names = "--case-ref", description = "The agency's case reference")
  String caseRef;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() throws Exception {
    if (publish && !agency.hasKey()) {
      err.println("hash: --publish needs the agency's API key (--key or SIGHTLINE_API_KEY)");
      return CanonCommand.INVALID;
    }
    PdqHasher hasher = new PdqHasher();
    HttpClient http =
        publish ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build() : null;
    out.println(HEADER);
    int failures = 0;
    for (Path file : files) {
      FileHashes hashes;
      try {
        hashes = FileHashes.of(file, hasher);
      } catch (IOException | IllegalArgumentException e) {
        err.println("hash: " + file + ": " + e.getMessage());
        failures++;
        continue;
      }
      out.println(hashes.csvLine());
      if (publish) {
        failures += publish(http, hashes);
      }
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  /** One sighting per hash; ids derived from the content, so sending twice is recognised. */
  private int publish(HttpClient http, FileHashes hashes) throws InterruptedException {
    int failures = 0;
    Instant now = Instant.now();
    String base = "hash-" + hashes.sha256().substring(0, 24);
    for (String[] typed :
        List.of(
            new String[] {"pdq", hashes.pdq().hash().toHex()},
            new String[] {"sha256", hashes.sha256()},
            new String[] {"sha1", hashes.sha1()},
            new String[] {"md5", hashes.md5()})) {
      ObjectNode sighting = JSON.createObjectNode();
      sighting.put("id", base + "-" + typed[0]);
      sighting.put("observedAt", now.toString());
      ObjectNode indicator = sighting.putObject("indicator");
      indicator.put("type", typed[0]);
      indicator.put("value", typed[1]);
      if (typed[0].equals("pdq")) {
        indicator.put("quality", hashes.pdq().quality());
      }
      sighting.put("category", category.toUpperCase(Locale.ROOT));
      sighting.put("confidence", confidence);
      sighting.put("tlp", tlp.toUpperCase(Locale.ROOT));
      if (caseRef != null) {
        sighting.put("caseRef", caseRef);
      }
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(agency.intake + "/api/v1/sightings"))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + agency.key)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(sighting.toString()))
              .build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
          err.println(
              "hash: "
                  + hashes.file()
                  + ": the intake refused the "
                  + typed[0]
                  + " sighting ("
                  + response.statusCode()
                  + "): "
                  + response.body());
          failures++;
        }
      } catch (IOException e) {
        err.println("hash: cannot reach the intake at " + agency.intake + ": " + e.getMessage());
        failures++;
      }
    }
    return failures;
  }

  /** The hashes of one file. */
  record FileHashes(Path file, String md5, String sha1, String sha256, PdqResult pdq) {

    static FileHashes of(Path file, PdqHasher hasher) throws IOException {
      MessageDigest md5 = digest("MD5");
      MessageDigest sha1 = digest("SHA-1");
      MessageDigest sha256 = digest("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          md5.update(buffer, 0, n);
          sha1.update(buffer, 0, n);
          sha256.update(buffer, 0, n);
        }
      }
      HexFormat hex = HexFormat.of();
      return new FileHashes(
          file,
          hex.formatHex(md5.digest()),
          hex.formatHex(sha1.digest()),
          hex.formatHex(sha256.digest()),
          hasher.hash(file));
    }

    String csvLine() {
      return String.join(
          ",",
          csv(file.toString()),
          md5,
          sha1,
          sha256,
          pdq.hash().toHex(),
          Integer.toString(pdq.quality()));
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
    static String csv(String field) {
      if (field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
        return field;
      }
      return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static MessageDigest digest(String algorithm) {
      try {
        return MessageDigest.getInstance(algorithm);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(algorithm + " is required by every Java platform", e);
      }
    }
  }
}
