package org.sightline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sightline.pdq.PdqHash;
import org.sightline.pdq.video.FfmpegFrames;
import org.sightline.pdq.video.Vpdq;
import org.sightline.pdq.video.VpdqFeature;
import org.sightline.pdq.video.VpdqHasher;
import org.sightline.pdq.video.VpdqIndex;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * vPDQ's two goals, measured: hashing an SD clip at one frame a second on one core (FFmpeg with one
 * decoding thread; {@code ./sightline bench vpdq} pins the whole run to one core), against real
 * time; and one 60-second clip matched against an index of 10,000 videos and 1,000,000 pictures,
 * its latency and its recall against comparing with every video and picture in the same run.
 */
@Command(name = "vpdq-bench", mixinStandardHelpOptions = true)
public final class VpdqBenchmark implements Callable<Integer> {

  @Option(names = "--clips", defaultValue = "pdq/src/test/resources/vpdq-reference")
  Path clips;

  @Option(names = "--runs", defaultValue = "5", description = "Hashing runs per clip")
  int runs;

  @Option(names = "--videos", defaultValue = "10000")
  int videos;

  @Option(names = "--images", defaultValue = "1000000")
  int images;

  @Option(names = "--queries", defaultValue = "20")
  int queries;

  @Option(names = "--query-seconds", defaultValue = "60")
  int querySeconds;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  private final Random random = new Random(25);

  public static void main(String[] args) {
    System.exit(new CommandLine(new VpdqBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    StringBuilder md = new StringBuilder();
    md.append(
        "vPDQ, measured by `./sightline bench vpdq` (the whole run pinned to one core with"
            + " taskset; FFmpeg with one decoding thread). Medians [min – max].\n\n");
    md.append(hashing());
    md.append(matching());
    Files.createDirectories(results);
    Files.writeString(results.resolve("vpdq-latest.md"), md.toString());
    System.out.print(md);
    return 0;
  }

  private String hashing() throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("## Hashing at one frame a second (goal: at least 10× real time for an SD clip)\n\n");
    md.append("| clip | size | seconds of video | frames hashed | ms to hash | × real time |\n");
    md.append("|---|---|---|---|---|---|\n");
    FfmpegFrames decoder = new FfmpegFrames(null, 1);
    VpdqHasher hasher = new VpdqHasher(decoder);
    List<Path> files;
    try (var list = Files.list(clips)) {
      files = list.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
    }
    for (Path clip : files) {
      FfmpegFrames.Stream stream = decoder.probe(clip);
      double seconds = stream.seconds();
      hasher.hash(clip, 1); // warm-up
      double[] ms = new double[runs];
      int frames = 0;
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        frames = hasher.hash(clip, 1).size();
        ms[r] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(ms);
      double median = ms[runs / 2];
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.1f | %d | %.0f [%.0f – %.0f] | %.0f× |%n",
              clip.getFileName(),
              size(clip),
              seconds,
              frames,
              median,
              ms[0],
              ms[runs - 1],
              seconds * 1000 / median));
    }
    return md.append('\n').toString();
  }

  private static String size(Path clip) throws IOException {
    FfmpegFrames.Frame[] first = new FfmpegFrames.Frame[1];
    new FfmpegFrames(null, 1)
        .decode(
            clip,
            100_000,
            f -> {
              if (first[0] == null) {
                first[0] = f;
              }
            });
    return first[0].width() + "×" + first[0].height();
  }

  private PdqHash randomHash() {
    return PdqHash.fromWords(
        random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
  }

  private PdqHash flip(PdqHash h, int bits) {
    long[] w = {h.word(0), h.word(1), h.word(2), h.word(3)};
    Set<Integer> flipped = new HashSet<>();
    while (flipped.size() < bits) {
      flipped.add(random.nextInt(PdqHash.BITS));
    }
    for (int b : flipped) {
      w[b / 64] ^= 1L << (b % 64);
    }
    return PdqHash.fromWords(w[0], w[1], w[2], w[3]);
  }

  private List<VpdqFeature> randomVideo(int seconds) {
    List<VpdqFeature> v = new ArrayList<>(seconds);
    for (int i = 0; i < seconds; i++) {
      v.add(new VpdqFeature(i * 30, 100, randomHash(), i));
    }
    return v;
  }

  private String matching() {
    VpdqIndex index = new VpdqIndex();
    List<List<VpdqFeature>> all = new ArrayList<>(videos);
    List<PdqHash> pictures = new ArrayList<>(images);
    long buildStart = System.nanoTime();
    for (int i = 0; i < videos; i++) {
      List<VpdqFeature> v = randomVideo(30 + random.nextInt(61));
      all.add(v);
      index.addVideo("video:" + i, v);
    }
    for (int i = 0; i < images; i++) {
      PdqHash h = randomHash();
      pictures.add(h);
      index.addPicture("pdq:" + i, h);
    }
    double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
    // The multi-index builds its tables on the first search after additions: once, measured apart.
    long firstStart = System.nanoTime();
    index.match(randomVideo(querySeconds), Vpdq.Rule.DEFAULT);
    double firstSearchMs = (System.nanoTime() - firstStart) / 1e6;
    // Each query: a re-encoding of an indexed video (every frame a few bits off, a tenth new), cut
    // to the query's length, with two indexed pictures among its frames.
    double[] ms = new double[queries];
    double[] bruteMs = new double[queries];
    int expectedVideos = 0;
    int foundVideos = 0;
    int expectedPictures = 0;
    int foundPictures = 0;
    for (int q = 0; q < queries; q++) {
      List<VpdqFeature> source = all.get(random.nextInt(videos));
      List<VpdqFeature> query = new ArrayList<>();
      for (int s = 0; s < querySeconds; s++) {
        PdqHash h;
        if (s < source.size() && random.nextDouble() < 0.9) {
          h = flip(source.get(s).hash(), random.nextInt(20));
        } else if (s == querySeconds - 1 || s == querySeconds / 2) {
          h = flip(pictures.get(random.nextInt(images)), random.nextInt(20));
        } else {
          h = randomHash();
        }
        query.add(new VpdqFeature(s * 30, 100, h, s));
      }
      long start = System.nanoTime();
      VpdqIndex.Result result = index.match(query, Vpdq.Rule.DEFAULT);
      ms[q] = (System.nanoTime() - start) / 1e6;
      // The same question, answered by comparing with every video and every picture.
      long bruteStart = System.nanoTime();
      Set<String> expected = new HashSet<>();
      for (int i = 0; i < videos; i++) {
        if (Vpdq.match(query, all.get(i), Vpdq.Rule.DEFAULT).matches()) {
          expected.add("video:" + i);
        }
      }
      Set<String> expectedPics = new HashSet<>();
      for (int i = 0; i < images; i++) {
        for (VpdqFeature f : query) {
          if (f.hash().distance(pictures.get(i)) <= Vpdq.Rule.DEFAULT.distance()) {
            expectedPics.add("pdq:" + i);
            break;
          }
        }
      }
      bruteMs[q] = (System.nanoTime() - bruteStart) / 1e6;
      Set<String> found = new HashSet<>();
      result.videos().forEach(v -> found.add(v.key()));
      Set<String> foundPics = new HashSet<>();
      result.pictures().forEach(p -> foundPics.add(p.key()));
      expectedVideos += expected.size();
      expectedPictures += expectedPics.size();
      found.retainAll(expected);
      foundPics.retainAll(expectedPics);
      foundVideos += found.size();
      foundPictures += foundPics.size();
    }
    Arrays.sort(ms);
    Arrays.sort(bruteMs);
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "## Matching a %d-second clip (goal: ≤ 100 ms against 10,000 videos and 1M pictures,"
                + " recall 100%%)%n%n",
            querySeconds));
    md.append(
        String.format(
            Locale.ROOT,
            "Index: %,d videos of 30–90 frames (one a second) and %,d pictures, %.0f MiB"
                + " (estimated), filled in %.1f s; the first search after filling builds its"
                + " tables (%.0f ms, once). %d queries, each a re-encoding of an indexed video"
                + " (every frame a few bits off, a tenth new) with indexed pictures among its"
                + " frames; a video matches under the reference's rule (distance 31, quality 50,"
                + " 80%% of its distinct frames), so one longer than the clip does not.%n%n",
            videos,
            images,
            index.estimatedMemoryBytes() / 1048576.0,
            buildSeconds,
            firstSearchMs,
            queries));
    md.append("| | p50 ms | max ms | videos found / expected | pictures found / expected |\n");
    md.append("|---|---|---|---|---|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| the index | %.1f | %.1f | %d / %d | %d / %d |%n",
            ms[queries / 2],
            ms[queries - 1],
            foundVideos,
            expectedVideos,
            foundPictures,
            expectedPictures));
    md.append(
        String.format(
            Locale.ROOT,
            "| every video and picture compared | %.0f | %.0f | (the expected) | (the expected) |%n",
            bruteMs[queries / 2],
            bruteMs[queries - 1]));
    return md.toString();
  }
}
