package org.sightline.pdq;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Computes PDQ hashes (Meta's perceptual image hash) following the published algorithm: luminance,
 * shrink to at most 512 pixels a side, Jarosz tent blur, decimation to 64x64, the 16x16
 * lowest-frequency DCT coefficients (without the DC row and column), one bit per coefficient set
 * when it is above the median.
 *
 * <p>Stateless apart from the constant DCT matrix: one instance may be shared by any number of
 * threads.
 */
public final class PdqHasher {

  /** Pictures larger than this on either side are shrunk to fit first, as the reference does. */
  static final int DOWNSAMPLE_BOUND = 512;

  private static final float LUMA_R = 0.299f;
  private static final float LUMA_G = 0.587f;
  private static final float LUMA_B = 0.114f;

  private static final int GRID = 64;
  private static final int COEFFICIENTS = 16;

  /** Rows 1..16 of the 64-point DCT-II basis, scaled by sqrt(2/64). */
  private final double[][] dct = new double[COEFFICIENTS][GRID];

  public PdqHasher() {
    double scale = Math.sqrt(2.0 / GRID);
    for (int i = 0; i < COEFFICIENTS; i++) {
      for (int j = 0; j < GRID; j++) {
        dct[i][j] = scale * Math.cos(Math.PI / (2.0 * GRID) * (i + 1) * (2 * j + 1));
      }
    }
  }

  /**
   * Decodes and hashes an image file, in any format the JDK's ImageIO reads (JPEG, PNG, GIF, BMP,
   * TIFF, WBMP).
   *
   * @throws NoSuchFileException when the file does not exist
   * @throws IllegalArgumentException when no decoder recognises the file as an image
   * @throws IOException when the file cannot be read or its image data is corrupt or unsupported
   *     (for example a CMYK JPEG)
   */
  public PdqResult hash(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(path + " is not a regular file");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
      if (in == null) {
        throw new IOException("cannot open " + path + " for reading");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IllegalArgumentException(
            path
                + " is not an image in a format the JDK decodes (JPEG, PNG, GIF, BMP, TIFF, WBMP)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        BufferedImage image = reader.read(0);
        return hash(image);
      } catch (IOException | RuntimeException e) {
        // Decoders report bad data as IIOException or, for some corrupt files, as runtime errors.
        throw new IOException(
            path + " could not be decoded as " + reader.getFormatName() + ": " + e.getMessage(), e);
      } finally {
        reader.dispose();
      }
    }
  }

  /** Hashes a decoded picture. */
  public PdqResult hash(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    return hash(rowSource(image), image.getWidth(), image.getHeight());
  }

  /**
   * Hashes a decoded frame of packed 8-bit RGB (three bytes a pixel, row-major, no padding), as a
   * video decoder hands it over: the same steps as {@link #hash(BufferedImage)}.
   */
  public PdqResult hashRgb(byte[] rgb, int width, int height) {
    Objects.requireNonNull(rgb, "rgb");
    if (width <= 0 || height <= 0 || rgb.length < 3L * width * height) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " RGB frame needs " + 3L * width * height + " bytes");
    }
    return hash(
        (y, row) -> {
          int at = 3 * y * width;
          for (int x = 0; x < width; x++, at += 3) {
            row[x] = ((rgb[at] & 0xff) << 16) | ((rgb[at + 1] & 0xff) << 8) | (rgb[at + 2] & 0xff);
          }
        },
        width,
        height);
  }

  /**
   * Shrinks a picture to fit {@link #DOWNSAMPLE_BOUND} (when larger), to luminance, and hashes it.
   */
  private PdqResult hash(ThumbnailScaler.RowSource source, int width, int height) {
    int[] size = ThumbnailScaler.fittedSize(width, height, DOWNSAMPLE_BOUND);
    int cols = size[0];
    int rows = size[1];
    float[] luma = new float[rows * cols];
    if (cols == width && rows == height) {
      int[] row = new int[width];
      for (int y = 0; y < height; y++) {
        source.readRow(y, row);
        toLuma(row, 0, luma, y * cols, width);
      }
    } else {
      int[] rgb = ThumbnailScaler.resample(source, width, height, cols, rows);
      toLuma(rgb, 0, luma, 0, rgb.length);
    }
    return hashLuma(luma, rows, cols);
  }

  /** Hashes a luminance picture (row-major, values 0..255); {@code luma} is overwritten. */
  PdqResult hashLuma(float[] luma, int rows, int cols) {
    JaroszFilter.apply(luma, new float[luma.length], rows, cols);
    float[] grid = decimate(luma, rows, cols);
    int quality = quality(grid);
    double[] coefficients = dct16(grid);
    return new PdqResult(toBits(coefficients), quality);
  }

  private static ThumbnailScaler.RowSource rowSource(BufferedImage image) {
    int width = image.getWidth();
    Raster raster = image.getRaster();
    boolean gray =
        raster.getNumBands() == 1
            && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    if (gray) {
      // getRGB would convert the linear grey colour space to sRGB and brighten the picture; the
      // reference uses the stored grey levels as they are.
      int shift = Math.max(0, raster.getSampleModel().getSampleSize(0) - 8);
      int[] samples = new int[width];
      return (y, rgb) -> {
        raster.getSamples(0, y, width, 1, 0, samples);
        for (int x = 0; x < width; x++) {
          int v = Math.min(samples[x] >>> shift, 255);
          rgb[x] = (v << 16) | (v << 8) | v;
        }
      };
    }
    return (y, rgb) -> image.getRGB(0, y, width, 1, rgb, 0, width);
  }

  private static void toLuma(int[] rgb, int from, float[] luma, int to, int count) {
    for (int i = 0; i < count; i++) {
      int p = rgb[from + i];
      luma[to + i] =
          LUMA_R * ((p >>> 16) & 0xff) + LUMA_G * ((p >>> 8) & 0xff) + LUMA_B * (p & 0xff);
    }
  }

  /** Samples the blurred picture at the centres of a 64x64 grid of cells. */
  private static float[] decimate(float[] image, int rows, int cols) {
    float[] grid = new float[GRID * GRID];
    for (int i = 0; i < GRID; i++) {
      int r = (int) ((i + 0.5) * rows / GRID);
      for (int j = 0; j < GRID; j++) {
        int c = (int) ((j + 0.5) * cols / GRID);
        grid[i * GRID + j] = image[r * cols + c];
      }
    }
    return grid;
  }

  /**
   * Sum of the neighbour differences in percent of full scale, each truncated so that only
   * significant gradients count, divided by 90 and capped at 100 (PDQ's heuristic constants).
   */
  private static int quality(float[] grid) {
    int gradientSum = 0;
    for (int i = 0; i < GRID - 1; i++) {
      for (int j = 0; j < GRID; j++) {
        gradientSum +=
            Math.abs((int) ((grid[i * GRID + j] - grid[(i + 1) * GRID + j]) * 100 / 255));
      }
    }
    for (int i = 0; i < GRID; i++) {
      for (int j = 0; j < GRID - 1; j++) {
        gradientSum += Math.abs((int) ((grid[i * GRID + j] - grid[i * GRID + j + 1]) * 100 / 255));
      }
    }
    return Math.min(gradientSum / 90, 100);
  }

  /** D * A * transpose(D): the 16x16 coefficients, row-major. */
  private double[] dct16(float[] grid) {
    double[] partial = new double[COEFFICIENTS * GRID];
    for (int i = 0; i < COEFFICIENTS; i++) {
      double[] d = dct[i];
      for (int k = 0; k < GRID; k++) {
        double dik = d[k];
        int row = k * GRID;
        for (int j = 0; j < GRID; j++) {
          partial[i * GRID + j] += dik * grid[row + j];
        }
      }
    }
    double[] out = new double[COEFFICIENTS * COEFFICIENTS];
    for (int i = 0; i < COEFFICIENTS; i++) {
      for (int j = 0; j < COEFFICIENTS; j++) {
        double[] d = dct[j];
        double sum = 0;
        for (int k = 0; k < GRID; k++) {
          sum += partial[i * GRID + k] * d[k];
        }
        out[i * COEFFICIENTS + j] = sum;
      }
    }
    return out;
  }

  /**
   * Bit {@code i * 16 + j} is set when coefficient (i, j) exceeds the median. The median of 256
   * values is taken as the lower middle one (the 128th smallest), as the reference's Torben median
   * does, so at most 128 bits are set.
   */
  private static PdqHash toBits(double[] coefficients) {
    double[] sorted = coefficients.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2 - 1];
    long[] words = new long[4];
    for (int k = 0; k < coefficients.length; k++) {
      if (coefficients[k] > median) {
        words[3 - (k >>> 6)] |= 1L << (k & 63);
      }
    }
    return PdqHash.fromWords(words[0], words[1], words[2], words[3]);
  }
}
