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
import org.sightline.pdq.video.FfmpegFrames;
import org.sightline.pdq.video.VideoDecoderMissingException;
import org.sightline.pdq.video.Vpdq;
import org.sightline.pdq.video.VpdqFeature;
import org.sightline.pdq.video.VpdqHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Hashes image and video files on the agency's own machine, so that only hashes — never imagery —
 * leave it: MD5, SHA-1 and SHA-256 of the bytes; PDQ of a picture; vPDQ of a video (a PDQ hash per
 * sampled frame, decoded by FFmpeg). With {@code --publish} an image's hashes are sent to the
 * intake as sightings.
 */
@Command(
    name = "hash",
    description = {
      "Print file,md5,sha1,sha256,pdq,pdq_quality,vpdq_frames,vpdq_distinct (CSV) for each image"
          + " or video; with --publish, send an image's hashes to the intake as sightings.",
      "With --vpdq, print a video's frame hashes as frameNumber,quality,pdqHex,timestampSeconds,"
          + " the vPDQ reference format.",
      "No image or video leaves this machine: only its hashes."
    })
final class HashCommand implements Callable<Integer> {

  /** The columns an older version wrote: what {@code lookup} still reads. */
  static final String IMAGE_HEADER = "file,md5,sha1,sha256,pdq,pdq_quality";

  static final String HEADER = IMAGE_HEADER + ",vpdq_frames,vpdq_distinct";

  /** What is hashed as a video (by name; FFmpeg reads the content). */
  static final java.util.Set<String> VIDEO_EXTENSIONS =
      java.util.Set.of(
          "mp4", "m4v", "mov", "mkv", "webm", "avi", "wmv", "flv", "mpg", "mpeg", "ts", "3gp");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image or video files")
  List<Path> files;

  @Option(
      names = "--vpdq",
      description = "Print the vPDQ frame hashes of one video (the reference format) instead")
  boolean vpdq;

  @Option(
      names = "--frames-per-second",
      defaultValue = "1",
      description = "Video frames hashed per second of video; 0 hashes every frame (default: 1)")
  double framesPerSecond;

  @Option(
      names = "--prune-distance",
      defaultValue = "-1",
      description =
          "With --vpdq: leave out frames within this PDQ distance of the last frame kept"
              + " (repeats of a still scene); -1 keeps every frame (default)")
  int pruneDistance;

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
    if (framesPerSecond < 0) {
      err.println("hash: --frames-per-second must be 0 (every frame) or more");
      return CanonCommand.INVALID;
    }
    if (vpdq) {
      return printVpdq();
    }
    if (publish) {
      for (Path file : files) {
        if (isVideo(file)) {
          // The backbone matches images only so far: a video sighting would be refused.
          err.println(
              "hash: "
                  + file
                  + ": a video cannot be published yet: the backbone does not match videos;"
                  + " hash it without --publish");
          return CanonCommand.INVALID;
        }
      }
    }
    PdqHasher hasher = new PdqHasher();
    VpdqHasher videos = new VpdqHasher(new FfmpegFrames());
    HttpClient http =
        publish ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build() : null;
    out.println(HEADER);
    int failures = 0;
    for (Path file : files) {
      FileHashes hashes;
      try {
        hashes =
            isVideo(file)
                ? FileHashes.ofVideo(file, videos.hash(file, framesPerSecond))
                : FileHashes.of(file, hasher);
      } catch (VideoDecoderMissingException e) {
        err.println("hash: " + e.getMessage());
        return CanonCommand.INVALID;
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

  /** The frame hashes of one video, one line each, as the reference prints them. */
  private int printVpdq() {
    if (files.size() != 1 || publish) {
      err.println("hash: --vpdq takes one video file, and no --publish");
      return CanonCommand.INVALID;
    }
    Path file = files.get(0);
    List<VpdqFeature> features;
    try {
      features = new VpdqHasher(new FfmpegFrames()).hash(file, framesPerSecond);
    } catch (VideoDecoderMissingException e) {
      err.println("hash: " + e.getMessage());
      return CanonCommand.INVALID;
    } catch (IOException | IllegalArgumentException e) {
      err.println("hash: " + file + ": " + e.getMessage());
      return 1;
    }
    if (pruneDistance >= 0) {
      features = Vpdq.prune(features, pruneDistance);
    }
    features.forEach(f -> out.println(f.toLine()));
    out.flush();
    return 0;
  }

  static boolean isVideo(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
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

  /**
   * The hashes of one file: a picture's PDQ, or a video's count of hashed frames and of distinct
   * usable ones (quality 50 or more), the summary of its vPDQ.
   */
  record FileHashes(
      Path file,
      String md5,
      String sha1,
      String sha256,
      PdqResult pdq,
      int vpdqFrames,
      int vpdqDistinct) {

    static FileHashes of(Path file, PdqHasher hasher) throws IOException {
      Digests d = digests(file);
      return new FileHashes(file, d.md5(), d.sha1(), d.sha256(), hasher.hash(file), 0, 0);
    }

    static FileHashes ofVideo(Path file, List<VpdqFeature> frames) throws IOException {
      Digests d = digests(file);
      int distinct = Vpdq.distinct(frames, PdqResult.MIN_USABLE_QUALITY).size();
      return new FileHashes(file, d.md5(), d.sha1(), d.sha256(), null, frames.size(), distinct);
    }

    private record Digests(String md5, String sha1, String sha256) {}

    private static Digests digests(Path file) throws IOException {
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
      return new Digests(
          hex.formatHex(md5.digest()),
          hex.formatHex(sha1.digest()),
          hex.formatHex(sha256.digest()));
    }

    /** An image's row leaves the vPDQ columns empty, a video's the PDQ ones. */
    String csvLine() {
      boolean video = pdq == null;
      return String.join(
          ",",
          csv(file.toString()),
          md5,
          sha1,
          sha256,
          video ? "" : pdq.hash().toHex(),
          video ? "" : Integer.toString(pdq.quality()),
          video ? Integer.toString(vpdqFrames) : "",
          video ? Integer.toString(vpdqDistinct) : "");
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
