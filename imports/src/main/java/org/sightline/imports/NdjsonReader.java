package org.sightline.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sightline.sighting.FieldError;

/**
 * One sighting per line, in the JSON shape of {@code POST /api/v1/sightings}. Blank lines are
 * skipped; a line that is not JSON is reported with its number and the rest is still read.
 */
final class NdjsonReader extends QueuedNoticesReader {

  /** A sighting is a few hundred bytes; a longer line is a mistake, not a sighting. */
  static final int MAX_LINE_BYTES = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InputStream in;
  private final ImportDefaults defaults;
  private byte[] buffer = new byte[4096];
  private final byte[] chunk = new byte[64 * 1024];
  private int chunkPos;
  private int chunkEnd;
  private long line;
  private boolean first = true;

  NdjsonReader(CountingInputStream counted, ImportDefaults defaults) {
    super(counted);
    this.in = counted;
    this.defaults = defaults;
  }

  @Override
  public ImportItem next() throws IOException {
    while (true) {
      int length = readLine();
      if (length < 0) {
        return null;
      }
      line++;
      if (length > MAX_LINE_BYTES) {
        return failed("is longer than " + MAX_LINE_BYTES + " bytes: one sighting per line");
      }
      int start = 0;
      if (first && length >= 3 && (buffer[0] & 0xff) == 0xEF && (buffer[1] & 0xff) == 0xBB) {
        start = 3;
      }
      first = false;
      if (isBlank(start, length)) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(buffer, start, length - start);
      } catch (IOException e) {
        String message =
            e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return failed("is not valid JSON: " + message);
      }
      if (node == null || !node.isObject()) {
        return failed("must be one JSON object (one sighting)");
      }
      ObjectNode sighting = (ObjectNode) node;
      defaults.applyTo(sighting);
      JsonNode id = sighting.get("id");
      if (id == null || id.isNull() || (id.isTextual() && id.asText().isBlank())) {
        sighting.put("id", ImportIds.derive(ImportFormat.NDJSON, sighting));
      }
      return new ImportItem(line, null, sighting, List.of(), Map.of());
    }
  }

  private ImportItem failed(String reason) {
    return new ImportItem(line, null, null, List.of(new FieldError("(line)", reason)), Map.of());
  }

  /**
   * Reads up to the next newline into {@link #buffer}; returns the length without the line end, a
   * length above {@link #MAX_LINE_BYTES} when the line was too long (its bytes are skipped), or -1
   * at the end of the input.
   */
  private int readLine() throws IOException {
    int length = 0;
    boolean any = false;
    boolean tooLong = false;
    while (true) {
      if (chunkPos == chunkEnd) {
        chunkEnd = in.read(chunk, 0, chunk.length);
        chunkPos = 0;
        if (chunkEnd <= 0) {
          chunkEnd = 0;
          break;
        }
      }
      any = true;
      int newline = -1;
      for (int i = chunkPos; i < chunkEnd; i++) {
        if (chunk[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? chunkEnd : newline;
      int n = end - chunkPos;
      if (!tooLong) {
        if (length + n > MAX_LINE_BYTES) {
          tooLong = true;
        } else {
          if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
          }
          System.arraycopy(chunk, chunkPos, buffer, length, n);
          length += n;
        }
      }
      chunkPos = newline < 0 ? chunkEnd : newline + 1;
      if (newline >= 0) {
        break;
      }
    }
    if (!any) {
      return -1;
    }
    if (tooLong) {
      return MAX_LINE_BYTES + 1;
    }
    if (length > 0 && buffer[length - 1] == '\r') {
      length--;
    }
    return length;
  }

  private boolean isBlank(int start, int length) {
    for (int i = start; i < length; i++) {
      if (buffer[i] != ' ' && buffer[i] != '\t' && buffer[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
