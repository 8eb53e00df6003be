package org.sightline.pdq.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vPDQ against Meta's reference: the four ThreatExchange clips and the reference implementation's
 * frame hashes (src/test/resources/vpdq-reference, with their licences). Frames hashed here lie
 * within a few bits of the reference's for the same frame, and every verdict between the clips is
 * the reference's: the chair clips match one another, the doorknob clip matches none.
 */
class VpdqTest {

  static final List<String> CLIPS =
      List.of(
          "chair-orig-22-sd-bar",
          "chair-19-sd-bar",
          "chair-22-with-small-logo-bar",
          "doorknob-hd-no-bar");

  private static Path dir;
  private static final Map<String, List<VpdqFeature>> REFERENCE = new HashMap<>();

  /** Ours at one frame a second, the CLI's default. */
  private static final Map<String, List<VpdqFeature>> OURS = new HashMap<>();

  /**
   * Ours at every frame, as the reference's sample hashes were made: verdicts compare like this.
   */
  private static final Map<String, List<VpdqFeature>> EVERY_FRAME = new HashMap<>();

  @BeforeAll
  static void hashTheClips() throws IOException, URISyntaxException {
    dir = Path.of(VpdqTest.class.getResource("/vpdq-reference/README.md").toURI()).getParent();
    VpdqHasher hasher = new VpdqHasher(new FfmpegFrames());
    for (String clip : CLIPS) {
      REFERENCE.put(
          clip,
          Files.readAllLines(dir.resolve(clip + ".vpdq.txt")).stream()
              .filter(l -> !l.isBlank())
              .map(VpdqFeature::parse)
              .toList());
      OURS.put(clip, hasher.hash(dir.resolve(clip + ".mp4"), VpdqHasher.DEFAULT_FRAMES_PER_SECOND));
      EVERY_FRAME.put(clip, hasher.hash(dir.resolve(clip + ".mp4"), 0));
    }
  }

  private static boolean chair(String clip) {
    return clip.startsWith("chair");
  }

  /**
   * Frames the matching uses (quality 50 or more); a near-featureless frame (a fade to black,
   * quality 0) has a hash that a rounding difference turns around, and matching leaves it out.
   */
  @Test
  void framesLieWithinAFewBitsOfTheReferencesForTheSameFrame() {
    for (String clip : CLIPS) {
      Map<Integer, VpdqFeature> reference = new HashMap<>();
      REFERENCE.get(clip).forEach(f -> reference.put(f.frameNumber(), f));
      List<VpdqFeature> ours = OURS.get(clip);
      // One frame a second of a 30 fps clip: frames 0, 30, 60, …
      assertThat(ours).as(clip).isNotEmpty().allMatch(f -> f.frameNumber() % 30 == 0);
      List<Integer> all = new ArrayList<>();
      for (VpdqFeature f : ours) {
        VpdqFeature ref = reference.get(f.frameNumber());
        assertThat(ref).as(clip + " frame " + f.frameNumber()).isNotNull();
        assertThat(f.timestampSeconds())
            .isCloseTo(ref.timestampSeconds(), org.assertj.core.data.Offset.offset(0.001));
        if (ref.quality() < 50) {
          continue;
        }
        int d = f.hash().distance(ref.hash());
        all.add(d);
      }
      all.sort(Integer::compare);
      assertThat(all).as(clip).isNotEmpty();
      assertThat(all.get(all.size() / 2)).as(clip + " median distance").isLessThanOrEqualTo(8);
      assertThat(all.get(all.size() - 1)).as(clip + " largest distance").isLessThanOrEqualTo(16);
    }
  }

  @Test
  void theReferenceHashesGiveTheReferenceVerdicts() {
    for (String query : CLIPS) {
      for (String compared : CLIPS) {
        if (query.equals(compared)) {
          continue;
        }
        Vpdq.Match m = Vpdq.match(REFERENCE.get(query), REFERENCE.get(compared), Vpdq.Rule.DEFAULT);
        assertThat(m.matches())
            .as(query + " against " + compared)
            .isEqualTo(chair(query) && chair(compared));
      }
    }
  }

  @Test
  void ourHashesGiveTheSameVerdictsAsTheReference() {
    for (String query : CLIPS) {
      for (String compared : CLIPS) {
        if (query.equals(compared)) {
          continue;
        }
        Vpdq.Match ours =
            Vpdq.match(EVERY_FRAME.get(query), EVERY_FRAME.get(compared), Vpdq.Rule.DEFAULT);
        Vpdq.Match reference =
            Vpdq.match(REFERENCE.get(query), REFERENCE.get(compared), Vpdq.Rule.DEFAULT);
        assertThat(ours.matches())
            .as(query + " against " + compared)
            .isEqualTo(reference.matches());
      }
    }
  }

  @Test
  void aMatchSaysWhereInBothVideos() {
    Vpdq.Match m =
        Vpdq.match(
            EVERY_FRAME.get("chair-19-sd-bar"),
            EVERY_FRAME.get("chair-orig-22-sd-bar"),
            Vpdq.Rule.DEFAULT);
    assertThat(m.queryRanges()).isNotEmpty();
    assertThat(m.comparedRanges()).isNotEmpty();
    assertThat(m.queryRanges().get(0).from()).isLessThan(m.queryRanges().get(0).to());
  }

  @Test
  void pruningKeepsTheFirstOfEachRunOfRepeatedFrames() {
    List<VpdqFeature> reference = REFERENCE.get("chair-orig-22-sd-bar");
    List<VpdqFeature> pruned = Vpdq.prune(reference, 10);
    assertThat(pruned).isNotEmpty().hasSizeLessThan(reference.size());
    assertThat(pruned.get(0)).isEqualTo(reference.get(0));
    for (int i = 1; i < pruned.size(); i++) {
      assertThat(pruned.get(i).hash().distance(pruned.get(i - 1).hash())).isGreaterThan(10);
    }
    // A pruned video still matches what it matched.
    assertThat(Vpdq.match(pruned, REFERENCE.get("chair-19-sd-bar"), Vpdq.Rule.DEFAULT).matches())
        .isTrue();
  }

  @Test
  void theReferenceLineFormatRoundTrips() {
    VpdqFeature f = REFERENCE.get("doorknob-hd-no-bar").get(7);
    assertThat(VpdqFeature.parse(f.toLine())).isEqualTo(f);
    assertThatThrownBy(() -> VpdqFeature.parse("1,100,zz,0.0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFileThatIsNotAVideoIsRefusedWithFfmpegsReason(@TempDir Path tmp) throws IOException {
    Path notAVideo = Files.writeString(tmp.resolve("notes.mp4"), "not a video");
    assertThatThrownBy(() -> new VpdqHasher(new FfmpegFrames()).hash(notAVideo, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("notes.mp4");
  }

  @Test
  void withoutFfmpegTheErrorSaysWhatToInstall(@TempDir Path empty) {
    assertThatThrownBy(
            () ->
                new VpdqHasher(new FfmpegFrames(empty))
                    .hash(dir.resolve("doorknob-hd-no-bar.mp4"), 1))
        .isInstanceOf(VideoDecoderMissingException.class)
        .hasMessageContaining("apt-get install ffmpeg");
  }
}
