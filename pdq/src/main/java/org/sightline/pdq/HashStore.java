package org.sightline.pdq;

import java.util.Arrays;
import java.util.Objects;

/**
 * The entries of an index, by ordinal (order of addition): hashes as four longs each and ids, in
 * fixed-size pages so that growing never copies what is stored nor leaves more than one page of
 * slack.
 *
 * <p>Ids are stored as ints while every id fits in one (sequence numbers, positions in a list: the
 * usual case), and all of them as longs from the first one that does not. Four bytes per entry is
 * what keeps ten million entries under 1 GB with the faster table layout.
 */
final class HashStore {

  /**
   * Entries per page, sized for G1's heap regions (1, 2, 4... MiB): with its 16-byte array header
   * an int id page is exactly 128 KiB, a long id page just under 256 KiB and a hash page just under
   * 1 MiB, so pages pack regions with no gaps. Power-of-two pages would be a header's worth too big
   * and leave up to a quarter of each region empty.
   */
  static final int PAGE_SIZE = 32_764;

  private long[][] hashPages = new long[8][];
  private int[][] idPages = new int[8][];
  private long[][] wideIdPages;
  private int size;

  /** Appends an entry and returns its ordinal. */
  int add(PdqHash hash, long id) {
    Objects.requireNonNull(hash, "hash");
    if (size == Integer.MAX_VALUE) {
      throw new IllegalStateException("index full: " + size + " entries");
    }
    if (wideIdPages == null && id != (int) id) {
      widenIds();
    }
    int page = size / PAGE_SIZE;
    if (page == hashPages.length) {
      hashPages = Arrays.copyOf(hashPages, page * 2);
      if (wideIdPages == null) {
        idPages = Arrays.copyOf(idPages, page * 2);
      } else {
        wideIdPages = Arrays.copyOf(wideIdPages, page * 2);
      }
    }
    if (hashPages[page] == null) {
      hashPages[page] = new long[PAGE_SIZE * 4];
      if (wideIdPages == null) {
        idPages[page] = new int[PAGE_SIZE];
      } else {
        wideIdPages[page] = new long[PAGE_SIZE];
      }
    }
    int slot = size - page * PAGE_SIZE;
    long[] words = hashPages[page];
    words[slot * 4] = hash.word(0);
    words[slot * 4 + 1] = hash.word(1);
    words[slot * 4 + 2] = hash.word(2);
    words[slot * 4 + 3] = hash.word(3);
    if (wideIdPages == null) {
      idPages[page][slot] = (int) id;
    } else {
      wideIdPages[page][slot] = id;
    }
    return size++;
  }

  private void widenIds() {
    long[][] wide = new long[idPages.length][];
    for (int page = 0; page < idPages.length && idPages[page] != null; page++) {
      int[] narrow = idPages[page];
      long[] copy = new long[PAGE_SIZE];
      for (int slot = 0; slot < PAGE_SIZE; slot++) {
        copy[slot] = narrow[slot];
      }
      wide[page] = copy;
      idPages[page] = null;
    }
    wideIdPages = wide;
    idPages = null;
  }

  int size() {
    return size;
  }

  /** The page holding ordinal {@code ordinal}'s four words, from {@link #wordOffset}. */
  long[] hashPage(int ordinal) {
    return hashPages[ordinal / PAGE_SIZE];
  }

  /** Where ordinal {@code ordinal}'s first word is in its {@link #hashPage}. */
  static int wordOffset(int ordinal) {
    return (ordinal % PAGE_SIZE) << 2;
  }

  long id(int ordinal) {
    int page = ordinal / PAGE_SIZE;
    int slot = ordinal - page * PAGE_SIZE;
    return wideIdPages == null ? idPages[page][slot] : wideIdPages[page][slot];
  }

  int distance(int ordinal, long q0, long q1, long q2, long q3) {
    long[] page = hashPages[ordinal / PAGE_SIZE];
    int base = (ordinal % PAGE_SIZE) << 2;
    return Long.bitCount(page[base] ^ q0)
        + Long.bitCount(page[base + 1] ^ q1)
        + Long.bitCount(page[base + 2] ^ q2)
        + Long.bitCount(page[base + 3] ^ q3);
  }

  /** Adds every ordinal in {@code [from, to)} within {@code radius} of the query to {@code out}. */
  void scan(int from, int to, long q0, long q1, long q2, long q3, int radius, MatchList out) {
    int ordinal = from;
    while (ordinal < to) {
      int page = ordinal / PAGE_SIZE;
      long[] words = hashPages[page];
      int pageEnd = Math.min(to, (page + 1) * PAGE_SIZE);
      int base = (ordinal - page * PAGE_SIZE) << 2;
      for (; ordinal < pageEnd; ordinal++, base += 4) {
        int d =
            Long.bitCount(words[base] ^ q0)
                + Long.bitCount(words[base + 1] ^ q1)
                + Long.bitCount(words[base + 2] ^ q2)
                + Long.bitCount(words[base + 3] ^ q3);
        if (d <= radius) {
          out.add(ordinal, d);
        }
      }
    }
  }

  long memoryBytes() {
    long pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
    int idBytes = wideIdPages == null ? Integer.BYTES : Long.BYTES;
    long perPage = (16L + PAGE_SIZE * 4L * Long.BYTES) + (16L + PAGE_SIZE * (long) idBytes);
    return pages * perPage + 2 * (16L + hashPages.length * 8L);
  }
}
