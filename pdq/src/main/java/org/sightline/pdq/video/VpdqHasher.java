package org.sightline.pdq.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sightline.pdq.PdqHasher;
import org.sightline.pdq.PdqResult;

/**
 * vPDQ: a PDQ hash per sampled frame of a video. Frames are sampled by number, every round(fps /
 * framesPerSecond)-th, as the reference does (0 samples every frame, the reference's sample
 * hashes); each is hashed like a still picture ({@link PdqHasher#hashRgb}). Decoding is FFmpeg's
 * ({@link FfmpegFrames}); the frames are hashed as they arrive, one in memory at a time.
 */
public final class VpdqHasher {

  /** One frame a second: the default of the CLI and of the reference's examples. */
  public static final double DEFAULT_FRAMES_PER_SECOND = 1.0;

  private final FfmpegFrames decoder;
  private final PdqHasher pdq = new PdqHasher();

  public VpdqHasher(FfmpegFrames decoder) {
    this.decoder = decoder;
  }

  /**
   * The features of a video file, in frame order.
   *
   * @param framesPerSecond how many frames to hash per second of video; 0 hashes every frame
   * @throws VideoDecoderMissingException when FFmpeg is not installed
   * @throws IOException when the file cannot be read or decoded
   */
  public List<VpdqFeature> hash(Path video, double framesPerSecond) throws IOException {
    if (framesPerSecond < 0 || Double.isNaN(framesPerSecond)) {
      throw new IllegalArgumentException("framesPerSecond " + framesPerSecond + " is negative");
    }
    FfmpegFrames.Stream stream = decoder.probe(video);
    int every =
        framesPerSecond == 0
            ? 1
            : Math.max(1, (int) Math.round(stream.framesPerSecond() / framesPerSecond));
    List<VpdqFeature> features = new ArrayList<>();
    decoder.decode(
        video,
        every,
        frame -> {
          PdqResult r = pdq.hashRgb(frame.rgb(), frame.width(), frame.height());
          features.add(
              new VpdqFeature(
                  frame.number(),
                  r.quality(),
                  r.hash(),
                  frame.number() / stream.framesPerSecond()));
        });
    return features;
  }
}
