package org.sightline.pdq.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.sightline.pdq.PdqHash;

/** The index gives {@link Vpdq#match}'s verdicts, compared with every video one by one. */
class VpdqIndexTest {

  private static final Random RANDOM = new Random(25);

  private static PdqHash randomHash() {
    return PdqHash.fromWords(
        RANDOM.nextLong(), RANDOM.nextLong(), RANDOM.nextLong(), RANDOM.nextLong());
  }

  private static PdqHash flip(PdqHash h, int bits) {
    long[] w = {h.word(0), h.word(1), h.word(2), h.word(3)};
    Set<Integer> flipped = new TreeSet<>();
    while (flipped.size() < bits) {
      flipped.add(RANDOM.nextInt(PdqHash.BITS));
    }
    for (int b : flipped) {
      w[b / 64] ^= 1L << (b % 64);
    }
    return PdqHash.fromWords(w[0], w[1], w[2], w[3]);
  }

  private static List<VpdqFeature> video(int frames) {
    List<VpdqFeature> out = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      out.add(new VpdqFeature(i * 30, 40 + RANDOM.nextInt(61), randomHash(), i));
    }
    return out;
  }

  /** A re-encoding: the frames from {@code from} on, each a few bits away, a share of them new. */
  private static List<VpdqFeature> variant(List<VpdqFeature> of, int from, double fresh) {
    List<VpdqFeature> out = new ArrayList<>();
    for (VpdqFeature f : of.subList(from, of.size())) {
      PdqHash hash =
          RANDOM.nextDouble() < fresh ? randomHash() : flip(f.hash(), RANDOM.nextInt(28));
      out.add(
          new VpdqFeature(
              f.frameNumber() - from * 30, f.quality(), hash, f.timestampSeconds() - from));
    }
    return out;
  }

  @Test
  void theIndexFindsExactlyTheVideosAComparisonWithEachFinds() {
    List<String> keys = new ArrayList<>();
    List<List<VpdqFeature>> videos = new ArrayList<>();
    VpdqIndex index = new VpdqIndex();
    List<List<VpdqFeature>> originals = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      originals.add(video(20 + RANDOM.nextInt(40)));
    }
    for (int i = 0; i < 400; i++) {
      List<VpdqFeature> v =
          i < 200
              ? variant(originals.get(i % 40), RANDOM.nextInt(5), RANDOM.nextDouble() * 0.4)
              : video(10 + RANDOM.nextInt(50));
      keys.add("video:" + i);
      videos.add(v);
      index.addVideo("video:" + i, v);
    }
    VpdqFeature usable =
        originals.get(3).stream().filter(f -> f.quality() >= 50).findFirst().orElseThrow();
    PdqHash picture = flip(usable.hash(), 12);
    index.addPicture("pdq:planted", picture);
    index.addPicture("pdq:unrelated", randomHash());
    int matchedSomewhere = 0;
    for (List<VpdqFeature> query : originals) {
      VpdqIndex.Result result = index.match(query, Vpdq.Rule.DEFAULT);
      Set<String> found = new TreeSet<>();
      result.videos().forEach(v -> found.add(v.key()));
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < videos.size(); i++) {
        if (Vpdq.match(query, videos.get(i), Vpdq.Rule.DEFAULT).matches()) {
          expected.add(keys.get(i));
        }
      }
      assertThat(found).isEqualTo(expected);
      matchedSomewhere += expected.size();
      for (VpdqIndex.VideoMatch m : result.videos()) {
        Vpdq.Match one = Vpdq.match(query, videos.get(keys.indexOf(m.key())), Vpdq.Rule.DEFAULT);
        assertThat(m.match().queryShare()).isEqualTo(one.queryShare());
        assertThat(m.match().comparedShare()).isEqualTo(one.comparedShare());
      }
    }
    // The planted variants do match, the unrelated videos do not: the test compares something.
    assertThat(matchedSomewhere).isBetween(40, 200);
    VpdqIndex.Result withPicture = index.match(originals.get(3), Vpdq.Rule.DEFAULT);
    assertThat(withPicture.pictures())
        .extracting(VpdqIndex.PictureMatch::key)
        .containsExactly("pdq:planted");
    assertThat(withPicture.pictures().get(0).distance()).isLessThanOrEqualTo(12);
    assertThat(withPicture.pictures().get(0).where())
        .extracting(Vpdq.TimeRange::from)
        .contains(usable.timestampSeconds());
  }
}
