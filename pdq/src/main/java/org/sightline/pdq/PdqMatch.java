package org.sightline.pdq;

/**
 * An indexed hash found within the search radius.
 *
 * @param id the payload given when the hash was added
 * @param distance Hamming distance between the indexed hash and the query
 */
public record PdqMatch(long id, int distance) {}
