package org.sightline.pdq;

import java.util.List;

/**
 * Compares the query with every entry. Exact by construction: the baseline that tests and the
 * benchmark hold the multi-index against, and the better choice below a few thousand entries.
 */
public final class BruteForcePdqIndex implements PdqIndex {

  private final HashStore store = new HashStore();

  @Override
  public void add(PdqHash hash, long id) {
    store.add(hash, id);
  }

  @Override
  public List<PdqMatch> search(PdqHash query, int radius) {
    PdqIndex.checkRadius(radius);
    MatchList out = new MatchList();
    store.scan(
        0, store.size(), query.word(0), query.word(1), query.word(2), query.word(3), radius, out);
    return out.toMatches(store);
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public long estimatedMemoryBytes() {
    return store.memoryBytes();
  }
}
