package org.sightline.pdq;

/**
 * Shrinks an RGB picture to fit in a square before PDQ filters it, the way the Python reference
 * does (Pillow's {@code thumbnail((512, 512))}): aspect ratio kept, bicubic kernel widened by the
 * scale factor so that it averages every source pixel (antialiasing), horizontal pass first, each
 * pass rounded to 8-bit channels.
 *
 * <p>Shrinking first keeps the Jarosz filter's cost bounded; doing it the reference's way keeps our
 * hashes close to the reference's on large pictures.
 */
final class ThumbnailScaler {

  /** Reads one row of the source as packed 0xRRGGBB ints. */
  interface RowSource {
    void readRow(int y, int[] rgb);
  }

  private static final double BICUBIC_A = -0.5;
  private static final double BICUBIC_SUPPORT = 2.0;

  private ThumbnailScaler() {}

  /**
   * The size Pillow's thumbnail gives a {@code width x height} picture bounded by {@code bound}:
   * {@code {width, height}}, unchanged when the picture already fits.
   */
  static int[] fittedSize(int width, int height, int bound) {
    if (width <= bound && height <= bound) {
      return new int[] {width, height};
    }
    double aspect = (double) width / height;
    if (aspect <= 1.0) {
      double exact = bound * aspect;
      int w = closestAspect(exact, n -> Math.abs(aspect - (double) n / bound));
      return new int[] {w, bound};
    }
    double exact = bound / aspect;
    int h = closestAspect(exact, n -> n == 0 ? 0 : Math.abs(aspect - (double) bound / n));
    return new int[] {bound, h};
  }

  private interface AspectError {
    double of(int n);
  }

  // Of floor and ceil, the one whose aspect ratio is closer to the source's (floor on a tie).
  private static int closestAspect(double exact, AspectError error) {
    int lo = (int) Math.floor(exact);
    int hi = (int) Math.ceil(exact);
    int best = error.of(hi) < error.of(lo) ? hi : lo;
    return Math.max(best, 1);
  }

  /** Resamples to {@code outWidth x outHeight}; returns packed 0xRRGGBB, row-major. */
  static int[] resample(RowSource source, int width, int height, int outWidth, int outHeight) {
    Kernel horizontal = Kernel.forScale(width, outWidth);
    Kernel vertical = Kernel.forScale(height, outHeight);

    // Horizontal pass over every source row, into an outWidth x height picture.
    int[] row = new int[width];
    int[] wide = new int[outWidth * height];
    for (int y = 0; y < height; y++) {
      source.readRow(y, row);
      int base = y * outWidth;
      for (int x = 0; x < outWidth; x++) {
        int from = horizontal.first[x];
        int count = horizontal.count[x];
        int k = x * horizontal.stride;
        double r = 0;
        double g = 0;
        double b = 0;
        for (int i = 0; i < count; i++) {
          int p = row[from + i];
          double w = horizontal.weights[k + i];
          r += ((p >>> 16) & 0xff) * w;
          g += ((p >>> 8) & 0xff) * w;
          b += (p & 0xff) * w;
        }
        wide[base + x] = pack(r, g, b);
      }
    }

    int[] out = new int[outWidth * outHeight];
    for (int y = 0; y < outHeight; y++) {
      int from = vertical.first[y];
      int count = vertical.count[y];
      int k = y * vertical.stride;
      for (int x = 0; x < outWidth; x++) {
        double r = 0;
        double g = 0;
        double b = 0;
        for (int i = 0; i < count; i++) {
          int p = wide[(from + i) * outWidth + x];
          double w = vertical.weights[k + i];
          r += ((p >>> 16) & 0xff) * w;
          g += ((p >>> 8) & 0xff) * w;
          b += (p & 0xff) * w;
        }
        out[y * outWidth + x] = pack(r, g, b);
      }
    }
    return out;
  }

  private static int pack(double r, double g, double b) {
    return (channel(r) << 16) | (channel(g) << 8) | channel(b);
  }

  private static int channel(double v) {
    int rounded = (int) Math.floor(v + 0.5);
    return rounded < 0 ? 0 : Math.min(rounded, 255);
  }

  /** Per output sample: the first source sample, how many, and their normalised weights. */
  private static final class Kernel {
    final int[] first;
    final int[] count;
    final double[] weights;
    final int stride;

    private Kernel(int[] first, int[] count, double[] weights, int stride) {
      this.first = first;
      this.count = count;
      this.weights = weights;
      this.stride = stride;
    }

    static Kernel forScale(int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = BICUBIC_SUPPORT * filterScale;
      int stride = (int) Math.ceil(support) * 2 + 1;
      int[] first = new int[outSize];
      int[] count = new int[outSize];
      double[] weights = new double[outSize * stride];
      for (int o = 0; o < outSize; o++) {
        double center = (o + 0.5) * scale;
        int lo = Math.max((int) (center - support + 0.5), 0);
        int hi = Math.min((int) (center + support + 0.5), inSize);
        int n = Math.min(hi - lo, stride);
        double sum = 0;
        for (int i = 0; i < n; i++) {
          double w = bicubic((lo + i - center + 0.5) / filterScale);
          weights[o * stride + i] = w;
          sum += w;
        }
        if (sum != 0) {
          for (int i = 0; i < n; i++) {
            weights[o * stride + i] /= sum;
          }
        }
        first[o] = lo;
        count[o] = n;
      }
      return new Kernel(first, count, weights, stride);
    }

    private static double bicubic(double x) {
      double a = Math.abs(x);
      if (a < 1.0) {
        return ((BICUBIC_A + 2.0) * a - (BICUBIC_A + 3.0)) * a * a + 1.0;
      }
      if (a < 2.0) {
        return (((a - 5.0) * a + 8.0) * a - 4.0) * BICUBIC_A;
      }
      return 0.0;
    }
  }
}
