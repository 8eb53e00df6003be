package org.sightline.consumers.iwol;

import java.util.List;

/** The whole list at one version, sorted by domain: what a full download renders. */
public record IwolSnapshot(IwolVersion version, List<IwolItem> items) {}
