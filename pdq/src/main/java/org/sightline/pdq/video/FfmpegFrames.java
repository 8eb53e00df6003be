package org.sightline.pdq.video;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The frames of a video file, decoded by FFmpeg run as a process (as the vPDQ reference does) and
 * read as binary PPM pictures from its standard output, one at a time: only the frames asked for
 * leave FFmpeg, and the file never leaves this machine. FFmpeg and ffprobe are found in {@code
 * SIGHTLINE_FFMPEG} (a folder), else on the {@code PATH}.
 */
public final class FfmpegFrames {

  /** One decoded frame: its number in the stream, packed RGB bytes, and its size. */
  public record Frame(int number, byte[] rgb, int width, int height) {}

  /** What the frames are sampled from: the stream's frame rate and length in seconds. */
  public record Stream(double framesPerSecond, double seconds) {}

  /** Receives each frame as it is decoded. */
  @FunctionalInterface
  public interface FrameSink {
    void accept(Frame frame) throws IOException;
  }

  private final Path folder;
  private final int threads;

  /** FFmpeg from {@code SIGHTLINE_FFMPEG}, else the {@code PATH}. */
  public FfmpegFrames() {
    this(
        System.getenv("SIGHTLINE_FFMPEG") == null
            ? null
            : Path.of(System.getenv("SIGHTLINE_FFMPEG")));
  }

  /** FFmpeg from {@code folder}, or the {@code PATH} when null. */
  public FfmpegFrames(Path folder) {
    this(folder, 0);
  }

  /**
   * @param threads FFmpeg's decoding threads; 0 lets it choose (the benchmark measures with 1)
   */
  public FfmpegFrames(Path folder, int threads) {
    this.folder = folder;
    this.threads = threads;
  }

  private String program(String name) {
    return folder == null ? name : folder.resolve(name).toString();
  }

  /**
   * The first video stream's frame rate and length, from the container's header (the stream's
   * duration, else the file's): nothing is decoded or read through.
   */
  public Stream probe(Path video) throws IOException {
    requireFile(video);
    String out =
        run(
            List.of(
                program("ffprobe"),
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=avg_frame_rate,r_frame_rate,duration:format=duration",
                "-of",
                "default=noprint_wrappers=1",
                video.toString()));
    double fps = 0;
    double seconds = -1;
    for (String line : out.split("\\R")) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1).strip();
      if ((key.equals("avg_frame_rate") || (key.equals("r_frame_rate") && fps == 0))
          && rate(value) > 0) {
        fps = rate(value);
      } else if (key.equals("duration") && seconds < 0 && value.matches("[0-9.]+")) {
        seconds = Double.parseDouble(value);
      }
    }
    if (fps <= 0) {
      throw new IOException(video + " has no video stream FFmpeg can read");
    }
    return new Stream(fps, Math.max(0, seconds));
  }

  /**
   * Decodes every {@code every}-th frame (frame numbers 0, every, 2·every, …) and hands each to
   * {@code sink}, in order.
   */
  public void decode(Path video, int every, FrameSink sink) throws IOException {
    requireFile(video);
    if (every < 1) {
      throw new IllegalArgumentException("every " + every + " must be at least 1");
    }
    List<String> command = new ArrayList<>(List.of(program("ffmpeg"), "-v", "error", "-nostdin"));
    if (threads > 0) {
      command.addAll(List.of("-threads", Integer.toString(threads)));
    }
    command.addAll(List.of("-i", video.toString(), "-map", "0:v:0"));
    if (every > 1) {
      // Frames chosen by their number, as the reference does, not resampled by time.
      command.addAll(List.of("-vf", "select=not(mod(n\\," + every + "))", "-fps_mode", "vfr"));
    }
    command.addAll(List.of("-f", "image2pipe", "-vcodec", "ppm", "-"));
    Process process = start(command);
    // FFmpeg's complaints, kept for the error message, drained so it never blocks on them.
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    Thread drain =
        new Thread(
            () -> {
              try (InputStream err = process.getErrorStream()) {
                err.transferTo(errors);
              } catch (IOException ignored) {
                // The process is gone; what it said so far is kept.
              }
            },
            "ffmpeg-stderr");
    drain.setDaemon(true);
    drain.start();
    try (InputStream in = new BufferedInputStream(process.getInputStream(), 1 << 20)) {
      for (int i = 0; ; i++) {
        Frame frame = readPpm(in, i * every);
        if (frame == null) {
          break;
        }
        sink.accept(frame);
      }
    } finally {
      process.destroy();
    }
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      drain.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while decoding " + video, e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "FFmpeg could not decode "
              + video
              + ": "
              + errors.toString(StandardCharsets.UTF_8).strip());
    }
  }

  /** One binary PPM (P6, maxval 255), or null at the end of the stream. */
  static Frame readPpm(InputStream in, int number) throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    if (first != 'P' || in.read() != '6') {
      throw new IOException("FFmpeg's output is not a binary PPM picture");
    }
    int width = headerNumber(in);
    int height = headerNumber(in);
    int max = headerNumber(in);
    if (max != 255 || width <= 0 || height <= 0) {
      throw new IOException("unexpected PPM header " + width + "x" + height + " max " + max);
    }
    byte[] rgb = new byte[3 * width * height];
    int read = in.readNBytes(rgb, 0, rgb.length);
    if (read != rgb.length) {
      throw new EOFException(
          "FFmpeg's picture ended after " + read + " of " + rgb.length + " bytes");
    }
    return new Frame(number, rgb, width, height);
  }

  /** A decimal number of a PPM header, after white space; the one white space after it is read. */
  private static int headerNumber(InputStream in) throws IOException {
    int c = in.read();
    while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      c = in.read();
    }
    int value = 0;
    int digits = 0;
    while (c >= '0' && c <= '9') {
      value = Math.addExact(Math.multiplyExact(value, 10), c - '0');
      digits++;
      c = in.read();
    }
    if (digits == 0) {
      throw new IOException("malformed PPM header");
    }
    return value;
  }

  private static double rate(String fraction) {
    String[] parts = fraction.split("/");
    try {
      double n = Double.parseDouble(parts[0]);
      double d = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
      return d == 0 ? 0 : n / d;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void requireFile(Path video) throws IOException {
    Objects.requireNonNull(video, "video");
    if (!Files.isRegularFile(video)) {
      throw new NoSuchFileException(video.toString());
    }
  }

  private Process start(List<String> command) {
    try {
      return new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new VideoDecoderMissingException(command.get(0), e);
    }
  }

  private String run(List<String> command) throws IOException {
    Process process = start(command);
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IOException(command.get(0) + " failed: " + err.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
