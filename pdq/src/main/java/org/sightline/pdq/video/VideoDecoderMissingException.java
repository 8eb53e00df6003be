package org.sightline.pdq.video;

/** No FFmpeg to decode videos with; the message says what to install. */
public final class VideoDecoderMissingException extends IllegalStateException {

  VideoDecoderMissingException(String program, Throwable cause) {
    super(
        "cannot run "
            + program
            + ": videos are decoded with FFmpeg; install it (Debian: apt-get install ffmpeg) or set"
            + " SIGHTLINE_FFMPEG to the folder that holds ffmpeg and ffprobe",
        cause);
  }
}
