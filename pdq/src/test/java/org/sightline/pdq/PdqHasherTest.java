package org.sightline.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our hashes of facebook/ThreatExchange's bridge images against the reference's hashes. */
class PdqHasherTest {

  /** PDQ's authors' acceptance bound for images of quality 80 and more. */
  private static final int ACCEPTABLE_DISTANCE = 10;

  private static final PdqHasher HASHER = new PdqHasher();
  private static Path referenceDir;

  record Reference(String file, PdqHash hash, int quality) {
    @Override
    public String toString() {
      return file;
    }
  }

  @BeforeAll
  static void locateReferenceData() throws URISyntaxException {
    URL csv = PdqHasherTest.class.getResource("/pdq-reference/expected-pdq.csv");
    assertThat(csv).as("test resource pdq-reference/expected-pdq.csv").isNotNull();
    referenceDir = Path.of(csv.toURI()).getParent();
  }

  static Stream<Reference> references() throws IOException, URISyntaxException {
    locateReferenceData();
    List<Reference> rows = new ArrayList<>();
    for (String line : Files.readAllLines(referenceDir.resolve("expected-pdq.csv"))) {
      if (line.isBlank() || line.startsWith("file,")) {
        continue;
      }
      String[] fields = line.split(",");
      rows.add(new Reference(fields[0], PdqHash.fromHex(fields[1]), Integer.parseInt(fields[2])));
    }
    assertThat(rows).hasSize(12);
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void matchesTheReferenceHash(Reference reference) throws IOException {
    PdqResult result = HASHER.hash(referenceDir.resolve(reference.file()));
    int distance = result.hash().distance(reference.hash());
    System.out.printf(
        "%-22s distance %2d to the reference, quality %3d (reference %3d)%n",
        reference.file(), distance, result.quality(), reference.quality());

    assertThat(result.quality()).isEqualTo(reference.quality());
    if (reference.quality() >= 80) {
      assertThat(distance).isLessThanOrEqualTo(ACCEPTABLE_DISTANCE);
    }
  }

  @Test
  void everyModificationMatchesTheOriginal() throws IOException, URISyntaxException {
    PdqHash original = HASHER.hash(referenceDir.resolve("aaa-orig.jpg")).hash();
    references()
        .filter(r -> !r.file().equals("aaa-orig.jpg"))
        .forEach(
            r -> {
              try {
                PdqHash modified = HASHER.hash(referenceDir.resolve(r.file())).hash();
                assertThat(modified.distance(original))
                    .as(r.file())
                    .isLessThanOrEqualTo(PdqHash.MATCH_DISTANCE);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  @Test
  void unrelatedPicturesDoNotMatch() throws IOException {
    PdqResult bridge = HASHER.hash(referenceDir.resolve("aaa-orig.jpg"));
    PdqResult noise = HASHER.hash(noise(400, 300, 7));
    assertThat(noise.quality()).isGreaterThanOrEqualTo(PdqResult.MIN_USABLE_QUALITY);
    assertThat(noise.hash().distance(bridge.hash())).isGreaterThan(PdqHash.MATCH_DISTANCE);
  }

  @Test
  void greyPicturesUseTheirStoredLevels() {
    // The same levels as a grey image and as an RGB image must hash alike: converting the grey
    // colour space to sRGB (what getRGB does) would change every level.
    BufferedImage rgb = noise(200, 150, 11);
    BufferedImage grey = new BufferedImage(200, 150, BufferedImage.TYPE_BYTE_GRAY);
    BufferedImage greyAsRgb = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 150; y++) {
      for (int x = 0; x < 200; x++) {
        int level = rgb.getRGB(x, y) & 0xff;
        grey.getRaster().setSample(x, y, 0, level);
        greyAsRgb.setRGB(x, y, (level << 16) | (level << 8) | level);
      }
    }
    assertThat(HASHER.hash(grey)).isEqualTo(HASHER.hash(greyAsRgb));
  }

  @Test
  void flatPictureHasNoQuality() {
    BufferedImage flat = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    PdqResult result = HASHER.hash(flat);
    assertThat(result.quality()).isZero();
    assertThat(result.isUsable()).isFalse();
  }

  @Test
  void tinyAndLargePicturesHash() {
    assertThat(HASHER.hash(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)).quality()).isZero();
    // Larger than the 512-pixel bound on one side only, and very elongated.
    PdqResult tall = HASHER.hash(noise(40, 2000, 3));
    assertThat(tall.quality()).isBetween(0, 100);
  }

  @Test
  void shrinkingKeepsTheAspectRatioLikeTheReference() {
    assertThat(ThumbnailScaler.fittedSize(1600, 1004, 512)).containsExactly(512, 321);
    assertThat(ThumbnailScaler.fittedSize(1004, 1600, 512)).containsExactly(321, 512);
    assertThat(ThumbnailScaler.fittedSize(512, 512, 512)).containsExactly(512, 512);
    assertThat(ThumbnailScaler.fittedSize(100, 80, 512)).containsExactly(100, 80);
    assertThat(ThumbnailScaler.fittedSize(5000, 2, 512)).containsExactly(512, 1);
  }

  @Test
  void missingFileIsReportedAsSuch(@TempDir Path dir) {
    Path missing = dir.resolve("missing.jpg");
    assertThatThrownBy(() -> HASHER.hash(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing.jpg");
  }

  @Test
  void nonImageFileIsRejected(@TempDir Path dir) throws IOException {
    Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> HASHER.hash(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notes.jpg")
        .hasMessageContaining("is not an image");
    assertThatThrownBy(() -> HASHER.hash(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void corruptImageIsAnIoError(@TempDir Path dir) throws IOException {
    // A JPEG start-of-image and application marker, then garbage.
    byte[] bytes = new byte[2000];
    new Random(5).nextBytes(bytes);
    bytes[0] = (byte) 0xff;
    bytes[1] = (byte) 0xd8;
    bytes[2] = (byte) 0xff;
    bytes[3] = (byte) 0xe0;
    bytes[4] = 0;
    bytes[5] = 16;
    Path corrupt = Files.write(dir.resolve("corrupt.jpg"), bytes);
    assertThatThrownBy(() -> HASHER.hash(corrupt))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt.jpg")
        .hasMessageContaining("could not be decoded as");
  }

  private static BufferedImage noise(int width, int height, long seed) {
    // Blocky noise: detail the 64x64 grid can see, so the quality is high.
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int block = Math.max(1, Math.min(width, height) / 32);
    for (int by = 0; by < height; by += block) {
      for (int bx = 0; bx < width; bx += block) {
        int rgb = random.nextInt(0x1000000);
        for (int y = by; y < Math.min(height, by + block); y++) {
          for (int x = bx; x < Math.min(width, bx + block); x++) {
            image.setRGB(x, y, rgb);
          }
        }
      }
    }
    return image;
  }
}
