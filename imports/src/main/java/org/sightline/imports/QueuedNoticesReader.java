package org.sightline.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * What every format's reader shares: the count of bytes consumed (the import's progress) and the
 * notices it queues while reading, handed out by {@link #drainNotices()}. Each reader says how to
 * read its format and how to close what it reads through.
 */
abstract class QueuedNoticesReader implements ImportReader {

  protected final CountingInputStream counted;

  /** Parts read since the last drain that did not become sightings, and why. */
  protected final List<ImportNotice> notices = new ArrayList<>();

  QueuedNoticesReader(CountingInputStream counted) {
    this.counted = counted;
  }

  @Override
  public final List<ImportNotice> drainNotices() {
    List<ImportNotice> drained = List.copyOf(notices);
    notices.clear();
    return drained;
  }

  @Override
  public final long bytesRead() {
    return counted.count();
  }
}
