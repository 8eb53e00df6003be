package org.sightline.imports;

/**
 * A part of the input that was read but not turned into a sighting, and why: an unsupported STIX
 * pattern or object type, a VICS property with no place in a sighting, an unknown CSV column, a
 * non-pertinent hash. Reported, never dropped silently.
 *
 * @param line 1-based line where the part starts; 0 when it is not at one line
 * @param ref the part: a STIX object id, a VICS MediaID, a column name
 */
public record ImportNotice(long line, String ref, String reason) {}
