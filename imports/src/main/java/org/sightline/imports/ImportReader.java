package org.sightline.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads sightings from a bulk input, one item at a time, never holding more than one item (STIX,
 * whose objects refer to each other, is the exception: a bundle is read whole). Used by the intake
 * on request bodies and by the CLI on files, so both read a file the same way and derive the same
 * ids.
 */
public interface ImportReader extends Closeable {

  /**
   * The next item, or null at the end.
   *
   * @throws ImportFormatException when the input cannot be read any further in its format
   */
  ImportItem next() throws IOException;

  /** Parts read since the last call that did not become sightings, and why. */
  List<ImportNotice> drainNotices();

  /** Bytes consumed from the input so far (for progress). */
  long bytesRead();

  static ImportReader open(ImportFormat format, InputStream in, ImportDefaults defaults)
      throws IOException {
    CountingInputStream counted = new CountingInputStream(in);
    return switch (format) {
      case NDJSON -> new NdjsonReader(counted, defaults);
      case CSV -> new CsvReader(counted, defaults);
      case VICS -> new VicsReader(counted, defaults);
      case STIX -> new StixReader(counted, defaults);
    };
  }
}
