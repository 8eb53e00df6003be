package org.sightline.pdq;

/**
 * PDQ's blur before decimation: box filters along rows then columns, twice, which approximates a
 * tent filter (Jarosz, "Fast Image Convolutions", 2001). Each box averages only the samples inside
 * the picture, so edges are not darkened.
 */
final class JaroszFilter {

  static final int PASSES = 2;

  /**
   * Half of a 64th of the dimension, rounded up: two passes of this width together cover one output
   * cell of the 64x64 decimation.
   */
  static int windowSize(int dimension) {
    return (dimension + 127) / 128;
  }

  private JaroszFilter() {}

  /** Filters {@code image} (rows x cols, row-major) in place; {@code scratch} is the same size. */
  static void apply(float[] image, float[] scratch, int rows, int cols) {
    int alongRows = windowSize(cols);
    int alongCols = windowSize(rows);
    for (int pass = 0; pass < PASSES; pass++) {
      for (int r = 0; r < rows; r++) {
        box(image, scratch, r * cols, 1, cols, alongRows);
      }
      for (int c = 0; c < cols; c++) {
        box(scratch, image, c, cols, rows, alongCols);
      }
    }
  }

  /**
   * Mean over a window of {@code window} samples centred on each sample (one more on the right when
   * the window is even), clipped to the line.
   */
  private static void box(float[] in, float[] out, int offset, int stride, int n, int window) {
    int left = (window - 1) / 2;
    int right = window / 2;
    double sum = 0;
    int lo = 0;
    int hi = -1;
    for (int i = 0; i < n; i++) {
      int wantLo = Math.max(0, i - left);
      int wantHi = Math.min(n - 1, i + right);
      while (hi < wantHi) {
        hi++;
        sum += in[offset + hi * stride];
      }
      while (lo < wantLo) {
        sum -= in[offset + lo * stride];
        lo++;
      }
      out[offset + i * stride] = (float) (sum / (hi - lo + 1));
    }
  }
}
