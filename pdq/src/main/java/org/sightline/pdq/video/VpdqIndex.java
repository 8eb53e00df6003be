package org.sightline.pdq.video;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sightline.pdq.MultiIndexPdqIndex;
import org.sightline.pdq.PdqHash;
import org.sightline.pdq.PdqIndex;
import org.sightline.pdq.PdqMatch;

/**
 * Videos and pictures, indexed to answer "which of them does this video match?" without comparing
 * it with each: every distinct usable frame of every video, and every picture, is one entry of a
 * {@link MultiIndexPdqIndex}; a query searches the index once per distinct frame of its own and
 * counts, per video, the query frames and the video's frames that met. The verdicts are {@link
 * Vpdq#match}'s, to the frame (a test holds the two together). Not thread-safe.
 */
public final class VpdqIndex {

  /** A video the query matches, with the shares and where. */
  public record VideoMatch(String key, Vpdq.Match match) {}

  /** A picture that some frame of the query is: where in the query, and how close. */
  public record PictureMatch(String key, int distance, List<Vpdq.TimeRange> where) {}

  /** What a query matched: videos under the rule, pictures within its distance. */
  public record Result(List<VideoMatch> videos, List<PictureMatch> pictures) {}

  /**
   * @param distinct a video's usable frames, one per distinct hash (what the index holds)
   * @param frames all its frames, for the time ranges of a match
   */
  private record Item(
      String key, boolean video, List<VpdqFeature> distinct, List<VpdqFeature> frames) {}

  private final PdqIndex index = new MultiIndexPdqIndex();
  private final int quality;
  private final List<Item> items = new ArrayList<>();

  /** Each index entry's item (position in {@link #items}). */
  private int[] owner = new int[1024];

  private int entries;

  /** Indexes frames of at least {@code quality} (the rule's; 50 by default). */
  public VpdqIndex(int quality) {
    this.quality = quality;
  }

  public VpdqIndex() {
    this(Vpdq.Rule.DEFAULT.quality());
  }

  /** Adds a video; its frames below the quality and repeated hashes are left out. */
  public void addVideo(String key, List<VpdqFeature> features) {
    Objects.requireNonNull(key, "key");
    Map<PdqHash, VpdqFeature> distinct = Vpdq.distinct(features, quality);
    int item = items.size();
    items.add(new Item(key, true, List.copyOf(distinct.values()), List.copyOf(features)));
    distinct.keySet().forEach(hash -> addEntry(hash, item));
  }

  /** Adds a picture by its PDQ hash. */
  public void addPicture(String key, PdqHash hash) {
    int item = items.size();
    items.add(new Item(key, false, List.of(), List.of()));
    addEntry(hash, item);
  }

  private void addEntry(PdqHash hash, int item) {
    if (entries == owner.length) {
      owner = java.util.Arrays.copyOf(owner, owner.length * 2);
    }
    owner[entries] = item;
    index.add(hash, entries);
    entries++;
  }

  /** Videos and pictures indexed. */
  public int size() {
    return items.size();
  }

  /** Every indexed video the query matches under {@code rule}, and every picture in it. */
  public Result match(List<VpdqFeature> query, Vpdq.Rule rule) {
    Map<PdqHash, VpdqFeature> q = Vpdq.distinct(query, rule.quality());
    // Per video: the query frames that met it, and its entries they met.
    Map<Integer, List<VpdqFeature>> queryFrames = new HashMap<>();
    Map<Integer, Set<Integer>> videoEntries = new HashMap<>();
    Map<Integer, List<VpdqFeature>> pictureFrames = new HashMap<>();
    Map<Integer, Integer> pictureDistance = new HashMap<>();
    for (VpdqFeature frame : q.values()) {
      Set<Integer> seenVideos = new HashSet<>();
      for (PdqMatch m : index.search(frame.hash(), rule.distance())) {
        int entry = (int) m.id();
        int item = owner[entry];
        if (items.get(item).video()) {
          videoEntries.computeIfAbsent(item, i -> new HashSet<>()).add(entry);
          if (seenVideos.add(item)) {
            queryFrames.computeIfAbsent(item, i -> new ArrayList<>()).add(frame);
          }
        } else {
          pictureFrames.computeIfAbsent(item, i -> new ArrayList<>()).add(frame);
          pictureDistance.merge(item, m.distance(), Math::min);
        }
      }
    }
    List<VideoMatch> videos = new ArrayList<>();
    for (Map.Entry<Integer, List<VpdqFeature>> e : queryFrames.entrySet()) {
      Item video = items.get(e.getKey());
      double queryShare = (double) e.getValue().size() / q.size();
      double comparedShare =
          (double) videoEntries.get(e.getKey()).size() / Math.max(1, video.distinct().size());
      if (queryShare >= rule.queryShare() && comparedShare >= rule.comparedShare()) {
        // Where in the compared video: its frames within the distance of a matched query frame.
        List<VpdqFeature> comparedMatched = new ArrayList<>();
        for (VpdqFeature f : video.distinct()) {
          for (VpdqFeature qf : e.getValue()) {
            if (f.hash().distance(qf.hash()) <= rule.distance()) {
              comparedMatched.add(f);
              break;
            }
          }
        }
        videos.add(
            new VideoMatch(
                video.key(),
                new Vpdq.Match(
                    queryShare,
                    comparedShare,
                    true,
                    Vpdq.ranges(e.getValue(), query),
                    Vpdq.ranges(comparedMatched, video.frames()))));
      }
    }
    videos.sort((a, b) -> Double.compare(b.match().comparedShare(), a.match().comparedShare()));
    List<PictureMatch> pictures = new ArrayList<>();
    for (Map.Entry<Integer, List<VpdqFeature>> e : pictureFrames.entrySet()) {
      pictures.add(
          new PictureMatch(
              items.get(e.getKey()).key(),
              pictureDistance.get(e.getKey()),
              Vpdq.ranges(e.getValue(), query)));
    }
    pictures.sort((a, b) -> Integer.compare(a.distance(), b.distance()));
    return new Result(videos, pictures);
  }

  /** Estimated heap of the index (the frame index and the owners; not the kept frame lists). */
  public long estimatedMemoryBytes() {
    return index.estimatedMemoryBytes() + 4L * owner.length;
  }
}
