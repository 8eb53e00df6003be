package org.sightline.pdq.video;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sightline.pdq.PdqHash;

/**
 * vPDQ matching, after the reference: frames below a quality are left out, each video is reduced to
 * its distinct frame hashes, and two videos match when the share of the compared video's distinct
 * frames that some query frame is within the distance of reaches one threshold and the share of the
 * query's distinct frames matched reaches the other. A query threshold of 0 lets a short clip match
 * a long video that contains it.
 */
public final class Vpdq {

  private Vpdq() {}

  /**
   * The thresholds.
   *
   * @param distance the largest PDQ distance at which two frames are the same picture (31)
   * @param quality the lowest quality of a frame compared (50)
   * @param queryShare the share of the query's distinct frames that must match (0.0)
   * @param comparedShare the share of the compared video's distinct frames that must match (0.8)
   */
  public record Rule(int distance, int quality, double queryShare, double comparedShare) {

    /** The reference's example thresholds. */
    public static final Rule DEFAULT = new Rule(PdqHash.MATCH_DISTANCE, 50, 0.0, 0.8);

    public Rule {
      if (distance < 0 || distance > PdqHash.BITS) {
        throw new IllegalArgumentException("distance " + distance + " outside 0.." + PdqHash.BITS);
      }
      if (quality < 0 || quality > 100) {
        throw new IllegalArgumentException("quality " + quality + " outside 0..100");
      }
      if (!(queryShare >= 0 && queryShare <= 1) || !(comparedShare >= 0 && comparedShare <= 1)) {
        throw new IllegalArgumentException("shares must lie in 0..1");
      }
    }
  }

  /** A stretch of a video, in seconds. */
  public record TimeRange(double from, double to) {}

  /**
   * The comparison of a query with another video.
   *
   * @param queryShare the share of the query's distinct usable frames that matched
   * @param comparedShare the share of the compared video's distinct usable frames that matched
   * @param matches whether both shares reach the rule's thresholds
   * @param queryRanges where in the query the matching frames are
   * @param comparedRanges where in the compared video they are
   */
  public record Match(
      double queryShare,
      double comparedShare,
      boolean matches,
      List<TimeRange> queryRanges,
      List<TimeRange> comparedRanges) {}

  /** Compares {@code query} with {@code compared} under {@code rule}. */
  public static Match match(List<VpdqFeature> query, List<VpdqFeature> compared, Rule rule) {
    Map<PdqHash, VpdqFeature> q = distinct(query, rule.quality());
    Map<PdqHash, VpdqFeature> c = distinct(compared, rule.quality());
    if (q.isEmpty() || c.isEmpty()) {
      return new Match(0, 0, false, List.of(), List.of());
    }
    List<VpdqFeature> queryMatched = new ArrayList<>();
    List<VpdqFeature> comparedMatched = new ArrayList<>();
    for (VpdqFeature f : q.values()) {
      if (anyWithin(f.hash(), c.keySet(), rule.distance())) {
        queryMatched.add(f);
      }
    }
    for (VpdqFeature f : c.values()) {
      if (anyWithin(f.hash(), q.keySet(), rule.distance())) {
        comparedMatched.add(f);
      }
    }
    double queryShare = (double) queryMatched.size() / q.size();
    double comparedShare = (double) comparedMatched.size() / c.size();
    boolean matches =
        !queryMatched.isEmpty()
            && queryShare >= rule.queryShare()
            && comparedShare >= rule.comparedShare();
    return new Match(
        queryShare,
        comparedShare,
        matches,
        ranges(queryMatched, query),
        ranges(comparedMatched, compared));
  }

  /**
   * Leaves out frames within {@code distance} of the last frame kept (a still scene hashed again
   * and again), keeping the first of each run.
   */
  public static List<VpdqFeature> prune(List<VpdqFeature> features, int distance) {
    List<VpdqFeature> kept = new ArrayList<>();
    PdqHash last = null;
    for (VpdqFeature f : features) {
      if (last == null || f.hash().distance(last) > distance) {
        kept.add(f);
        last = f.hash();
      }
    }
    return kept;
  }

  /** Usable frames, one per distinct hash (the first), in frame order: what vPDQ compares. */
  public static Map<PdqHash, VpdqFeature> distinct(List<VpdqFeature> features, int quality) {
    Map<PdqHash, VpdqFeature> out = new LinkedHashMap<>();
    for (VpdqFeature f : features) {
      if (f.quality() >= quality) {
        out.putIfAbsent(f.hash(), f);
      }
    }
    return out;
  }

  private static boolean anyWithin(PdqHash hash, Iterable<PdqHash> others, int distance) {
    for (PdqHash other : others) {
      if (hash.distance(other) <= distance) {
        return true;
      }
    }
    return false;
  }

  /**
   * Matched frames as stretches of the video: consecutive matched frames (no unmatched frame of the
   * video between them) make one range, to the next frame's time.
   */
  static List<TimeRange> ranges(List<VpdqFeature> matched, List<VpdqFeature> all) {
    if (matched.isEmpty()) {
      return List.of();
    }
    List<VpdqFeature> timeline = new ArrayList<>(all);
    timeline.sort(Comparator.comparingInt(VpdqFeature::frameNumber));
    java.util.Set<PdqHash> hit = new java.util.HashSet<>();
    matched.forEach(f -> hit.add(f.hash()));
    List<TimeRange> out = new ArrayList<>();
    double start = -1;
    double end = -1;
    for (VpdqFeature f : timeline) {
      if (hit.contains(f.hash())) {
        if (start < 0) {
          start = f.timestampSeconds();
        }
        end = f.timestampSeconds();
      } else if (start >= 0) {
        out.add(new TimeRange(start, end));
        start = -1;
      }
    }
    if (start >= 0) {
      out.add(new TimeRange(start, end));
    }
    return out;
  }
}
